#!/bin/sh
# crash_safe_loop.sh [N]: the kill test, tests/scripts/crash_safe.sh (every
# command SIGKILLed at ten moments of its -o write), N times in a row
# (default 100), stopping at the first iteration that fails.  Not part of
# `make check`, which runs it once.  Uses the commands in
# $UPKEEP_BUILD/bin (default build/bin; build them first with make).
#   tests/crash_safe_loop.sh 100
set -u
n=${1:-100}
case $n in '' | *[!0-9]*) echo "usage: $0 [N]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${UPKEEP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
if [ ! -x "$build/bin/raci" ]; then
	echo "crash_safe_loop: no $build/bin/raci (run make first)" >&2
	exit 2
fi
export LC_ALL=C TZ=UTC NO_COLOR=1 SOURCE_DATE_EPOCH=1790000000
export UPKEEP_TOP="$top" PATH="$build/bin:$PATH"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
start=$(date +%s)
while [ "$i" -lt "$n" ]; do
	i=$((i + 1))
	if ! (cd "$tmp" && bash "$top/tests/scripts/crash_safe.sh") >"$tmp/log" 2>&1; then
		echo "crash_safe_loop: iteration $i of $n failed:"
		cat "$tmp/log"
		exit 1
	fi
done
echo "crash_safe_loop: $n of $n iterations passed in a row ($(($(date +%s) - start)) s)"
