# fuzz_replay.sh: every fuzz harness (tests/fuzz/fuzz_*.c, built with a
# plain main as $UPKEEP_BUILD/fuzz/replay-NAME by `make check`) over its
# seed corpus and the crash inputs kept in tests/fuzz/regress/NAME/.
set -u
top=$UPKEEP_TOP
build=${UPKEEP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
status=0
for src in "$top"/tests/fuzz/fuzz_*.c; do
	n=${src##*/fuzz_}
	n=${n%.c}
	bin=$build/fuzz/replay-$n
	if [ ! -x "$bin" ]; then
		echo "$n: no $bin (make check builds it)"
		status=1
		continue
	fi
	for d in corpus regress; do
		[ -d "$top/tests/fuzz/$d/$n" ] || continue
		# one process per 200 files: fast, and a failure names its batch
		if ! find "$top/tests/fuzz/$d/$n" -type f -print0 | TMPDIR=. xargs -0 -n 200 timeout 60 "$bin" >out 2>&1; then
			echo "$n: tests/fuzz/$d/$n: failed"
			tail -n 30 out
			status=1
		fi
	done
done
exit $status
