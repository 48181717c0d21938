#!/bin/sh
# Checks the build dependencies (a C compiler, libcsv, jansson, the IANA
# time zone data) and installs what is missing with apt-get when run as
# root; otherwise prints the exact command and fails.
cc=${CC:-cc}
missing=
have_header() { printf '#include <%s>\n' "$1" | "$cc" -E -x c - >/dev/null 2>&1; }
command -v "$cc" >/dev/null 2>&1 || missing="$missing gcc make"
have_header csv.h || missing="$missing libcsv-dev"
have_header jansson.h || missing="$missing libjansson-dev"
[ -f /usr/share/zoneinfo/Europe/Berlin ] || missing="$missing tzdata"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing build dependencies:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
		echo "apt-get install$missing failed" >&2; exit 1; }
	exit 0
fi
echo "missing build dependencies; install them with:" >&2
echo "  sudo apt-get install -y$missing" >&2
exit 1
