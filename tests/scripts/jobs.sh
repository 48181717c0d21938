# Jobs: review and inspect -j N (issue 21, item 1) must write exactly what
# one job writes: the JSON document (inputs included), standard error and
# the --rejects file, byte for byte ("generated" is fixed by
# SOURCE_DATE_EPOCH).  UPKEEP_DEBUG_JOBS makes -j say how it cut the input,
# so that a comparison is not passed by a silent fall back to one job.
#  - the example month, -j 2, 3, 8 and 0 (one a core);
#  - a shuffled copy: review merges its ranges, inspect reads it in one job
#    (the ranges overlap in time) and replays the late events as before;
#  - a CSV whose messages are quoted fields of many lines that look like
#    rows, with bad rows among them: cuts fall inside quoted fields (the
#    range after is read again from its true start), and the line of every
#    rejected row is the one python3 finds by counting line ends;
#  - NDJSON, TSV, an access log; standard input and a pipe (one job, no
#    message).
set -eu
ex=$UPKEEP_TOP/examples
fail=0
export UPKEEP_DEBUG_JOBS=1
same() {	# what, expected, got
	if ! cmp -s "$2" "$3"; then
		echo "FAIL $1"
		diff -u "$2" "$3" | head -n 20
		fail=1
	fi
}
# run NAME CMD...: NAME.out, NAME.err (without the -j notes), NAME.note
run() {
	name=$1
	shift
	"$@" >"$name.out" 2>"$name.all" || echo "status $?" >>"$name.out"
	grep -v ': -j: ' "$name.all" >"$name.err" || true
	grep ': -j: ' "$name.all" >"$name.note" || true
}
note_has() {	# name, pattern
	grep -q -- "$2" "$1.note" || { echo "FAIL $1: no \"$2\" in the -j note: $(cat "$1.note")"; fail=1; }
}

acc="--accounts $ex/accounts.csv"
# shellcheck disable=SC2086
for j in 1 2 3 8 0; do
	run "r$j" review -f json --period 2026-10 $acc --features "$ex/features.csv" -j $j "$ex/events.csv"
	run "i$j" inspect -f json --fail-on never $acc --projects "$ex/projects.csv" -j $j "$ex/events.csv"
	run "c$j" inspect -f csv --fail-on never $acc -j $j "$ex/events.csv"
done
for j in 2 3 8 0; do
	for k in r i c; do
		same "example month, $k -j $j: output" "${k}1.out" "$k$j.out"
		same "example month, $k -j $j: stderr" "${k}1.err" "$k$j.err"
	done
done
# a zone with summer time: each range has its own (tz caches lookups)
run z1 review -f json --tz Europe/Berlin -j 1 "$ex/events.csv"
run z3 review -f json --tz Europe/Berlin -j 3 "$ex/events.csv"
same "review --tz Europe/Berlin -j 3" z1.out z3.out
note_has r8 '8 ranges, 0 read again'
note_has i2 '2 ranges, 0 read again'
if grep -q 'one job' i8.note; then echo "FAIL the example month was read in one job"; fail=1; fi
grep -q ',consecutive_failures,' c1.out || { echo "FAIL no consecutive_failures in the reference"; fail=1; }

# shuffled: the same lines, out of time order
head -n 1 "$ex/events.csv" >shuf.csv
tail -n +2 "$ex/events.csv" | awk 'BEGIN { srand(7) } { print rand() "\t" $0 }' |
	sort -k1,1 | cut -f2- >>shuf.csv
for j in 1 4; do
	run "sr$j" review -f json --period 2026-10 $acc -j $j shuf.csv
	run "si$j" inspect -f json --fail-on never $acc -j $j shuf.csv
done
same "shuffled, review -j 4" sr1.out sr4.out
same "shuffled, inspect -j 4" si1.out si4.out
same "shuffled, inspect -j 4: stderr" si1.err si4.err
note_has sr4 '4 ranges'
note_has si4 'read in one job'
# and the shuffled month gives the sorted month's findings (issue 17)
run sc1 inspect -f csv --fail-on never $acc shuf.csv
same "shuffled, inspect -j 4 findings against the sorted month" c1.out sc1.out

# quoted fields of many lines, and bad rows, with their lines counted here
python3 - "$ex/events.csv" <<'EOF'
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
out = io.StringIO()
w = csv.writer(out, lineterminator='\n')
w.writerow(rows[0])
bad = []	# (line, kind) of the rows to be rejected
line = 2
for i, r in enumerate(rows[1:3001]):
    r = list(r)
    if i % 7 == 3:	# a message of 30 lines that look like rows
        r[7] = 'see below\n' + ''.join('%s,fake.user,fake.feature,error,1,P,10.0.0.1,\n' % r[0] for _ in range(29))
    if i % 97 == 5:
        r[0] = 'not a time'
        bad.append(line)
    if i % 131 == 7:
        r = r[:5]	# too few fields
        bad.append(line)
    s = io.StringIO()
    csv.writer(s, lineterminator='\n').writerow(r)
    text = s.getvalue()
    out.write(text)
    line += text.count('\n')
open('quoted.csv', 'w', newline='').write(out.getvalue())
open('quoted.lines', 'w').write(''.join('%d\n' % n for n in bad))
EOF
for j in 1 2 3 5 9 16; do
	run "q$j" review -f json --period 2026-10 --rejects "q$j.rej" -j $j quoted.csv
	run "qi$j" inspect -f json --fail-on never -j $j quoted.csv
done
again=0
for j in 2 3 5 9 16; do
	same "quoted fields, review -j $j" q1.out "q$j.out"
	same "quoted fields, review -j $j: stderr" q1.err "q$j.err"
	same "quoted fields, review -j $j: --rejects" q1.rej "q$j.rej"
	same "quoted fields, inspect -j $j" qi1.out "qi$j.out"
	same "quoted fields, inspect -j $j: stderr" qi1.err "qi$j.err"
	grep -q ' 0 read again' "q$j.note" || again=1
done
[ "$again" = 1 ] || { echo "FAIL no cut fell inside a quoted field: $(cat q*.note)"; fail=1; }
# the rejected rows' lines (the reference included) are python's
python3 -c 'import csv, sys; [print(r[1]) for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]]' q16.rej >q16.lines
same "quoted fields, -j 16: lines of the rejected rows" quoted.lines q16.lines
[ "$(wc -l <quoted.lines)" -gt 40 ] || { echo "FAIL too few bad rows"; fail=1; }

# other formats
for f in ndjson tsv; do
	python3 - "$ex/events.csv" "$f" <<'EOF'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
with open('events.' + sys.argv[2], 'w') as o:
    for r in rows[1:] if sys.argv[2] == 'ndjson' else rows:
        if sys.argv[2] == 'ndjson':
            o.write(json.dumps(dict(zip(rows[0], r))) + '\n')
        else:
            o.write('\t'.join(x.replace('\t', ' ') for x in r) + '\n')
EOF
	for j in 1 3; do
		run "$f$j" review -f json --period 2026-10 -j $j "events.$f"
	done
	same "$f, review -j 3" "${f}1.out" "${f}3.out"
	note_has "${f}3" '3 ranges'
done
for j in 1 3; do
	run "clf$j" review -f json --input-format clf -j $j "$ex/access.log"
done
same "access log, review -j 3" clf1.out clf3.out
same "access log, review -j 3: stderr" clf1.err clf3.err
note_has clf3 '3 ranges'

# standard input and a pipe: one job, no message
run in1 review -f json --period 2026-10 $acc --features "$ex/features.csv" - <"$ex/events.csv"
run in4 review -f json --period 2026-10 $acc --features "$ex/features.csv" -j 4 - <"$ex/events.csv"
same "standard input, -j 4" in1.out in4.out
cat "$ex/events.csv" | run pipe4 review -f json --period 2026-10 $acc --features "$ex/features.csv" -j 4
same "a pipe, -j 4" in1.out pipe4.out
[ -s in4.err ] && { echo "FAIL standard input, -j 4: $(cat in4.err)"; fail=1; }
[ -s in4.note ] && { echo "FAIL standard input was cut: $(cat in4.note)"; fail=1; }
exit $fail
