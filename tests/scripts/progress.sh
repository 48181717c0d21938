# The progress line (issue 21, item 4; cmd/cli_progress.h): review and
# inspect on a terminal draw one line on standard error while they read
# a large events file, and clear it at the end.  The tests run them on a
# pseudo-terminal made by script(1) (util-linux), standard output to a
# file and standard error to the terminal, whose bytes script copies out.
# UPKEEP_PROGRESS_MIN_BYTES lowers the 100 MB a file must pass to 1 MB
# (the example month is 2.8 MB) and UPKEEP_PROGRESS_MS=0 draws at every
# look (every 4096 rows), so that the line appears with its rows counted.
#  - on a terminal: the line appears ("\rreview: events.csv NN% ..."),
#    rows counted, each draw ends with ESC [ K, the last bytes clear it;
#    it fits COLUMNS; with -j 2 it has j1 and j2 (-j 4, 80 columns: the
#    short "j 45/43/40/38%"); inspect too;
#  - TERM=dumb: no escape, spaces clear it; TERM unset: no line;
#  - never: in a pipe or a file, with NO_PROGRESS (empty too), with
#    --no-progress, with inspect -q, with --rejects - to the terminal,
#    below the size;
#  - --progress forces it without a terminal (and reading a pipe: no
#    percent), --no-progress after --progress wins;
#  - messages are not garbled: a --strict error in the middle of the run
#    and the rejected-rows line come after the line is cleared;
#  - SIGTERM during the run clears the line before the process ends;
#  - with -j, a range read again after a cut inside a quoted field has a
#    line of its own once the jobs' line is cleared;
#  - standard output is byte for byte the one of a run without a line.
set -u
ex=$UPKEEP_TOP/examples
fail=0
bad() { echo "FAIL $*"; fail=1; }
if ! command -v script >/dev/null 2>&1; then
	echo "skipped: no script(1) to make a terminal (apt-get install bsdutils)"
	exit 0
fi
export SHELL=/bin/sh
export UPKEEP_PROGRESS_MIN_BYTES=1000000 UPKEEP_PROGRESS_MS=0 TERM=xterm COLUMNS=80
unset NO_PROGRESS
cr=$(printf '\r')
esc=$(printf '\033')
ev=$ex/events.csv

# tty NAME CMD: runs the shell line CMD on a terminal, its standard
# output to NAME.out; what the terminal got goes to NAME.tty
tty() {
	script -qec "$2 >$1.out" /dev/null >"$1.tty" </dev/null
	echo $? >"$1.status"
}
# the draws of a terminal's bytes, one a line, without ESC [ K
draws() { tr '\r' '\n' <"$1" | sed "s/$esc\[K//g" | grep -a "^$2: " || true; }
same_out() {	# name, reference
	cmp -s "$2" "$1.out" || { bad "$1: standard output differs from the run without a line"; diff "$2" "$1.out" | head -n 5; }
}
shown() {	# name, prog
	local n
	n=$(draws "$1.tty" "$2" | grep -c -a " [0-9]*% [0-9]*/2779 kB [0-9.k]* rows ") || true
	[ "$n" -ge 3 ] || { bad "$1: fewer than 3 draws of the line: $(od -c "$1.tty" | head -n 5)"; return; }
	draws "$1.tty" "$2" | grep -q -a " [1-9][0-9.k]* rows" || bad "$1: no draw counts rows"
	[ "$(tail -c 4 "$1.tty" | od -An -c | tr -d ' ')" = '\r033[K' ] ||
		bad "$1: the last bytes do not clear the line: $(tail -c 20 "$1.tty" | od -An -c)"
}
none() {	# name
	if grep -q -a "$cr" "$1.err"; then bad "$1: a progress line: $(head -c 80 "$1.err" | od -An -c | head -n 2)"; fi
}

# the references: no terminal, no line
review -f json "$ev" >ref.review 2>ref.review.err || bad "review failed"
inspect -f json --fail-on never "$ev" >ref.inspect 2>ref.inspect.err || bad "inspect failed"
[ -s ref.review.err ] && bad "review wrote on standard error: $(head -c 200 ref.review.err)"

# on a terminal
tty t1 "review -f json $ev"
shown t1 review
same_out t1 ref.review
[ "$(cat t1.status)" = 0 ] || bad "t1: status $(cat t1.status)"
draws t1.tty review | awk 'length($0) > 79 { bad = 1 } END { exit bad }' || bad "t1: a draw wider than 79 columns"
n=$(grep -a -o "$esc\[K" t1.tty | wc -l)
[ "$n" -eq "$(tr -cd '\r' <t1.tty | wc -c)" ] || bad "t1: not every \\r has its ESC [ K"
tty t2 "inspect -f json --fail-on never $ev"
shown t2 inspect
same_out t2 ref.inspect
tty t3 "review -f json -j 2 $ev"
shown t3 review
same_out t3 ref.review
draws t3.tty review | grep -q -a ' j1 [0-9]*% j2 [0-9]*%$' || bad "t3: no per-job figures: $(draws t3.tty review | tail -n 2)"
tty t4 "inspect -f json --fail-on never -j 2 $ev"
shown t4 inspect
same_out t4 ref.inspect
# -j 4: "j1 45% j2 43% j3 40% j4 38%" on a wide terminal, where that does
# not fit "j 45/43/40/38%"
tty t6 "COLUMNS=120 review -f json -j 4 $ev"
same_out t6 ref.review
draws t6.tty review | grep -q -a ' j1 [0-9]*% j2 [0-9]*% j3 [0-9]*% j4 [0-9]*%$' || bad "t6: no figures of 4 jobs: $(draws t6.tty review | tail -n 2)"
tty t7 "review -f json -j 4 $ev"
same_out t7 ref.review
draws t7.tty review | grep -q -a ' j [0-9]*/[0-9]*/[0-9]*/[0-9]*%$' || bad "t7: no short figures of 4 jobs: $(draws t7.tty review | tail -n 2)"
draws t7.tty review | awk 'length($0) > 79 { bad = 1 } END { exit bad }' || bad "t7: a draw wider than 79 columns"
# a narrow terminal: every draw fits, the jobs dropped first
tty t5 "COLUMNS=40 review -f json -j 2 $ev"
same_out t5 ref.review
draws t5.tty review | awk 'length($0) > 39 { bad = 1 } END { exit bad }' || bad "t5: a draw wider than 39 columns: $(draws t5.tty review | tail -n 1)"
draws t5.tty review | grep -q -a '^review: events.csv [0-9]*% ' || bad "t5: no draw"
# TERM=dumb: spaces, no escape; TERM unset: no line
tty d1 "TERM=dumb review -f json $ev"
same_out d1 ref.review
grep -q -a "$esc" d1.tty && bad "d1: an escape with TERM=dumb"
draws d1.tty review | grep -q -a ' rows ' || bad "d1: no line with TERM=dumb"
# the clear: \r, spaces over the 79 columns a line may take, \r
[ "$(tail -c 81 d1.tty | tr ' ' s)" = "$cr$(printf 's%.0s' $(seq 79))$cr" ] ||
	bad "d1: not cleared by spaces: $(tail -c 20 d1.tty | od -An -c)"
tty d2 "unset TERM; review -f json $ev"
same_out d2 ref.review
[ -s d2.tty ] && bad "d2: a line without TERM: $(head -c 80 d2.tty | od -An -c | head -n 2)"

# never on a terminal: NO_PROGRESS, --no-progress, inspect -q, a small file
for v in "NO_PROGRESS=1" "NO_PROGRESS=" "UPKEEP_PROGRESS_MIN_BYTES=2779492"; do
	tty n "$v review -f json $ev"
	same_out n ref.review
	[ -s n.tty ] && bad "$v: a line on the terminal: $(head -c 80 n.tty | od -An -c | head -n 2)"
done
tty n "env -u UPKEEP_PROGRESS_MIN_BYTES review -f json $ev"
[ -s n.tty ] && bad "a 2.8 MB file drew a line (100 MB by default)"
tty n "review -f json --no-progress $ev"
same_out n ref.review
[ -s n.tty ] && bad "--no-progress: a line on the terminal"
tty n "review -f json --progress --no-progress -j 2 $ev"
[ -s n.tty ] && bad "--progress --no-progress: a line on the terminal"
tty n "inspect -f json -q --fail-on never $ev"
[ -s n.tty ] && bad "inspect -q: a line on the terminal"
# (standard output the terminal too: the result to a file by -o)
script -qec "review -f json --rejects - -o n.out $ev" /dev/null >n.tty </dev/null
same_out n ref.review
grep -q -a '^file,line,reason,record' n.tty || bad "--rejects -: no header on the terminal"
[ -n "$(draws n.tty review)" ] && bad "--rejects - to the terminal: a line on it"
tty n "review -f json --rejects - $ev"
draws n.tty review | grep -q -a ' rows ' || bad "--rejects - to a file: no line on the terminal"
tty q "inspect -f json -q --progress --fail-on never $ev"
shown q inspect

# never in a pipe or a file; --progress forces it
review -f json "$ev" 2>p1.err | cat >p1.out
same_out p1 ref.review
none p1
review -f json -j 2 "$ev" >p2.out 2>p2.err
same_out p2 ref.review
none p2
review -f json --progress "$ev" >f1.out 2>f1.tty
same_out f1 ref.review
shown f1 review
review -f json --progress -j 2 "$ev" >f2.out 2>f2.tty
same_out f2 ref.review
shown f2 review
# --progress, reading a pipe (its size unknown): bytes and rows, no percent
review -f json <"$ev" >ref.stdin
cat "$ev" | review -f json --progress >f3.out 2>f3.tty
same_out f3 ref.stdin
draws f3.tty review | grep -q -a '^review: stdin [0-9]* kB [0-9.k]* rows' || bad "f3: no line reading a pipe: $(od -c f3.tty | head -n 3)"
draws f3.tty review | grep -q -a '%' && bad "f3: a percent for a pipe"

# messages after the line is cleared: a rejected row (reported at the
# end) and a --strict error in the middle (line 30000)
awk 'NR == 30000 { sub(/^[^,]*/, "not a time") } { print }' "$ev" >bad.csv
review -f json bad.csv >ref.bad 2>ref.bad.err
grep -q '1 row rejected' ref.bad.err || bad "bad.csv: no row rejected: $(cat ref.bad.err)"
tty m1 "review -f json bad.csv"
same_out m1 ref.bad
# the message starts a line of its own, just after the line is cleared,
# and nothing is drawn after it
msg=$(head -c 40 ref.bad.err)
grep -q -a -F "$cr$esc[K$msg" m1.tty || bad "m1: the rejected-row message not just after the clear: $(tail -c 200 m1.tty | od -An -c | tail -n 6)"
tail -c "$(($(wc -c <ref.bad.err) + 1))" m1.tty | grep -q -a "$cr[^$cr]*rows" && bad "m1: a draw after the message"
tty m2 "review -f json --strict bad.csv"
[ "$(cat m2.status)" = 2 ] || bad "m2: --strict status $(cat m2.status), not 2"
draws m2.tty review | grep -q -a ' rows ' || bad "m2: no line before the error"
grep -q -a -F "$cr$esc[Kreview: bad.csv:30000: " m2.tty || bad "m2: the --strict error not just after the clear: $(tail -c 200 m2.tty | od -An -c | tail -n 6)"

# SIGTERM in the middle (the input a FIFO that stays open): the line is
# cleared, the process ends by the signal
mkfifo fifo
(cat "$ev"; exec sleep 20) >fifo &
feeder=$!
review -f json --progress fifo >s.out 2>s.tty &
pid=$!
for _ in $(seq 100); do
	grep -q -a ' rows ' s.tty 2>/dev/null && break
	sleep 0.1
done
sleep 0.3
kill -TERM "$pid"
wait "$pid"
st=$?
kill "$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null
[ "$st" = 143 ] || bad "SIGTERM: status $st, not 143"
grep -q -a ' rows ' s.tty || bad "SIGTERM: no line drawn first"
[ "$(tail -c 4 s.tty | od -An -c | tr -d ' ')" = '\r033[K' ] || bad "SIGTERM: the line not cleared: $(tail -c 20 s.tty | od -An -c)"

# a range read again (its cut fell inside a quoted field of many lines
# that look like rows): its reading has a line of its own, one job, after
# the -j 2 line is cleared
python3 - <<'EOF'
row = '2026-10-%02dT%02d:%02d:00Z,u%d,f%d,ok,%d,P,10.0.0.1,'
with open('again.csv', 'w') as o:
    o.write('time,user,feature,status,latency_ms,project,ip,message\n')
    for i in range(6000):
        o.write(row % (1 + i // 1440 % 28, i // 60 % 24, i % 60, i % 9, i % 5, i % 700) + '\n')
    o.write(row % (20, 0, 0, 1, 1, 1) + '"' +
            '\n'.join(row % (20, 0, 0, k % 9, k % 5, k) + 'x' for k in range(30000)) + '"\n')
    for i in range(12000):
        o.write(row % (21 + i // 1440 % 7, i // 60 % 24, i % 60, i % 9, i % 5, i % 700) + '\n')
EOF
review -f json again.csv >ref.again 2>/dev/null || bad "again.csv: review failed"
UPKEEP_DEBUG_JOBS=1 review -f json --progress -j 2 again.csv >a1.out 2>a1.tty
same_out a1 ref.again
grep -q -a '2 ranges, 1 read again' a1.tty || bad "a1: no range read again: $(grep -a ranges a1.tty)"
draws a1.tty review | grep -q -a ' j1 [0-9]*% j2 [0-9]*%$' || bad "a1: no line of the two jobs"
draws a1.tty review | grep -a ' rows ' | tail -n 1 | grep -q -a -v ' j1 ' ||
	bad "a1: the range read again drew no line of its own: $(draws a1.tty review | tail -n 2)"

exit $fail
