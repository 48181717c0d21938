#!/bin/sh
# seed.sh: (re)builds the seed corpora in tests/fuzz/corpus/ from the test
# cases, the unit tests and the examples.  Run from anywhere; review the
# result and commit it.  The harnesses take a first byte that picks their
# set-up (see each fuzz_*.c); seeds get a few of them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
c=$here/corpus
rm -rf "$c/reader" "$c/time" "$c/period" "$c/policy" "$c/raci" "$c/report"	# csvsplit, jsonflat: by hand
mkdir -p "$c/reader" "$c/time" "$c/period" "$c/policy" "$c/raci" "$c/report"
n=0
put() {	# put HARNESS PREFIX-BYTE-OCTAL FILE: one seed, at most 4 KiB of FILE
	n=$((n + 1))
	{ [ -n "$2" ] && printf "\\$2"; head -c 4096 "$3"; } >"$c/$1/seed$n"
}
tables=$(cd "$top" && find tests/cases examples -type f \( -name '*.csv' -o -name '*.tsv' \
	-o -name '*.json' -o -name '*.ndjson' -o -name '*.jsonl' \) | LC_ALL=C sort)
for f in $tables; do
	case $f in
	*.csv) fmt=1 ;; *.tsv) fmt=2 ;; *.ndjson|*.jsonl) fmt=4 ;; *) fmt=3 ;;
	esac
	# raw, events columns with strict, tickets columns with a map
	put reader "$(printf '%03o' $fmt)" "$top/$f"
	put reader "$(printf '%03o' $((fmt + 0x30)))" "$top/$f"
	put reader "$(printf '%03o' $((fmt + 0x40 + 0x80)))" "$top/$f"
	case $f in
	*raci*.csv|tests/cases/raci/*.csv) put raci 000 "$top/$f" ;;
	tests/cases/raci/*.json|tests/cases/raci/*.ndjson) put raci 200 "$top/$f" ;;
	esac
	case $f in
	*sla*.json|*policy*.json) put policy "" "$top/$f" ;;
	tests/cases/report/*.json) put report 000 "$top/$f" ;;
	esac
done
# several envelopes in one report seed, the last one as previous
for d in basic previous; do
	set --
	for f in "$top"/tests/cases/report/$d/*.json; do set -- "$@" "$f"; done
	n=$((n + 1))
	{ printf '\001'; first=1; for f in "$@"; do
		[ $first = 1 ] || printf '\n----'; first=0; cat "$f"; done; } >"$c/report/seed$n"
done
# times, durations, strptime patterns and periods quoted in the unit tests
for s in $(grep -ho '"[-+0-9TZtz:. ]*[0-9][-+0-9TZtz:.]*"' "$top/tests/unit/test_timeparse.c" | tr -d '"' | sort -u) \
	90s 15m 2h 1d 1w 1h30m 1.5h 250ms 1790000000 1790000000.25 1790000000000; do
	n=$((n + 1)); printf '%s' "$s" >"$c/time/seed$n"
done
printf '%%Y-%%m-%%d %%H:%%M:%%S %%z\n2026-10-01 08:00:00 +0200' >"$c/time/fmt1"
printf '%%d/%%b/%%Y:%%H:%%M:%%S\n01/Oct/2026:08:00:00' >"$c/time/fmt2"
for s in $(grep -ho '"[^" ]*"' "$top/tests/unit/test_period.c" | tr -d '"' | grep -E '^[0-9l-y]' | sort -u); do
	n=$((n + 1)); printf '\000%s' "$s" >"$c/period/seed$n"
done
printf '\001\n2026-10-01\n2026-11-01' >"$c/period/bounds1"
printf '\0012026-10\n2026-10-05T08:00\n' >"$c/period/bounds2"
printf '\000last-month' >"$c/period/rel1"
printf '\002last-week' >"$c/period/rel2"
echo "corpora: $(find "$c" -type f | wc -l) seeds"
