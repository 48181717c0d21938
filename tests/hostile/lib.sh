# lib.sh: the case runner of tests/scripts/hostile.sh.
#   t NAME WANT PATTERN COMMAND...
# WANT: 2      exit status 2
#       rej    exit status 0 or 1 (the bad rows are skipped and counted)
#       ok     exit status 0 or 1
#       any    exit status 0, 1 or 2 (only the bounds are checked)
# PATTERN: an extended regular expression standard error must match ("" for
# none).  Every case: no signal, no timeout (10 s), no sanitizer report,
# under a 1 GiB address-space limit (unless the commands are built with a
# sanitizer, which needs a huge one), and at most 64 KiB on stderr.
ncase=0
nfail=0
san=
case ${UPKEEP_BUILD:-} in *san*) san=1 ;; esac
if [ -z "$san" ] && command -v nm >/dev/null 2>&1 &&
	nm "$(command -v inspect)" 2>/dev/null | grep -q __asan_init; then
	san=1
fi
export ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
t() {
	local name=$1 want=$2 re=$3 rc why=
	shift 3
	ncase=$((ncase + 1))
	(
		[ -n "$san" ] || ulimit -v 1048576
		exec timeout 10 "$@"
	) >out 2>err </dev/null
	rc=$?
	if [ "$rc" -eq 124 ]; then
		why="timed out after 10 s"
	elif [ "$rc" -ge 125 ]; then
		why="exit status $rc (a signal or a failed exec)"
	else
		case $want:$rc in
		2:2 | rej:0 | rej:1 | ok:0 | ok:1 | any:0 | any:1 | any:2) ;;
		*) why="exit status $rc, want $want" ;;
		esac
	fi
	if [ -z "$why" ] && grep -Eq 'Sanitizer|runtime error:|out of memory' err; then
		why="sanitizer report or out of memory"
	fi
	if [ -z "$why" ] && [ -n "$re" ] && ! grep -Eq -- "$re" err; then
		why="standard error does not match /$re/"
	fi
	if [ -z "$why" ] && [ "$(wc -c <err)" -gt 65536 ]; then
		why="more than 64 KiB on standard error"
	fi
	if [ -n "$why" ]; then
		nfail=$((nfail + 1))
		echo "FAIL $name: $why"
		echo "    \$ $*" | cut -c 1-300
		head -c 600 err | sed 's/^/    /'
	fi
	return 0
}
finish() {
	echo "hostile: $ncase cases, $nfail failed"
	[ "$nfail" -eq 0 ]
}
