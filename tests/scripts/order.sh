# Order: inspect's findings and summary must not depend on the order of
# the rows (issue 17, item 1).  The example month, with one row kept at
# each time (ties keep input order, so they are left out), is read sorted
# and then reversed, shuffled with several seeds, cut in two files given
# newest first, and as one file holding the newer half before the older:
# the findings (CSV) and the JSON summary but for "late" (how many came
# out of order) must be the same every time.  The month has runs of
# failures (consecutive_failures) and login bursts (failed_logins) whose
# events the permutations scatter.
set -eu
ex=$UPKEEP_TOP/examples
fail=0
awk -F, 'NR == 1 || !seen[$1]++' "$ex/events.csv" >sorted.csv
head -n 1 sorted.csv >header
tail -n +2 sorted.csv >body
n=$(wc -l <body)
run() {	# name, files...: findings.NAME and summary.NAME
	name=$1
	shift
	inspect --fail-on never -f csv --accounts "$ex/accounts.csv" "$@" >"findings.$name" 2>"err.$name"
	inspect --fail-on never -f json --accounts "$ex/accounts.csv" "$@" 2>/dev/null |
		awk '/^  "summary": \{/{on=1} on && !/"late"/{print} on && /^  \},?$/{on=0}' >"summary.$name"
}
same() {	# name
	for k in findings summary; do
		if ! cmp -s "$k.sorted" "$k.$1"; then
			echo "FAIL $1: $k differ from the sorted log's"
			diff -u "$k.sorted" "$k.$1" | head -n 20
			fail=1
		fi
	done
}
run sorted sorted.csv
grep -q '^critical,consecutive_failures,' findings.sorted || { echo "FAIL: no run of failures to scatter"; fail=1; }
grep -q ',failed_logins,' findings.sorted || { echo "FAIL: no login burst to scatter"; fail=1; }

{ cat header; tac body; } >reversed.csv
run reversed reversed.csv
same reversed
for seed in 1 2 3 17; do
	{ cat header; awk -v s="$seed" 'BEGIN { srand(s) } { printf "%.12f\t%s\n", rand(), $0 }' body |
		sort -k1,1 | cut -f2-; } >shuffled.csv
	run "shuffled-$seed" shuffled.csv
	same "shuffled-$seed"
done
half=$((n / 2))
{ cat header; head -n "$half" body; } >older.csv
{ cat header; tail -n +"$((half + 1))" body; } >newer.csv
run two-files newer.csv older.csv
same two-files
{ cat header; tail -n +"$((half + 1))" body; head -n "$half" body; } >halves.csv
run halves halves.csv
same halves
# out of order, yet every one judged: no line about late events
for e in err.*; do
	if grep -q 'not judged' "$e"; then
		echo "FAIL ${e#err.}: $(cat "$e")"
		fail=1
	fi
done
# standard input cannot be read twice: the line says so
tail -n +2 halves.csv | cat header - | inspect --fail-on never -f csv - >/dev/null 2>err.stdin
grep -q 'standard input cannot be read twice' err.stdin ||
	{ echo "FAIL stdin: no line about the late events: $(cat err.stdin)"; fail=1; }
exit "$fail"
