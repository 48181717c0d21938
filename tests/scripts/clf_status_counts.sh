# Issue #11, "done when": a default Apache combined log of 3000 requests
# (examples/real/apache-combined.log, written by examples/real/access-log.py
# with 5 malformed lines planted at lines 500, 1000, ... 2500) goes through
# review and inspect with --input-format clf; every line is an event or a
# reject with its line number, and the status counts agree with
#   awk '{print $9}' | sort | uniq -c
# over the lines that are not rejected: 5xx are errors, 4xx client errors,
# the rest (1xx-3xx) successes.
set -eu
top=$UPKEEP_TOP
log=$top/examples/real/apache-combined.log
fail=0
check() {	# what, expected, got
	if [ "$2" != "$3" ]; then echo "FAIL $1: want '$2', got '$3'"; fail=1; fi
}
num() {	# file key: the first "key": number in a JSON output
	sed -n "s/^ *\"$2\": \([0-9]*\),\{0,1\}\$/\1/p" "$1" | head -n 1
}

# the committed file is what the generator writes
if command -v python3 >/dev/null 2>&1; then
	python3 "$top/examples/real/access-log.py" --out gen.log
	cmp -s gen.log "$log" || { echo "FAIL examples/real/access-log.py does not reproduce $log"; fail=1; }
fi

lines=$(grep -c . "$log")
check "lines in the sample" 3000 "$lines"

inspect -f json --input-format clf --fail-on never --rejects rej-i.csv "$log" >inspect.json 2>inspect.err
review -f json --input-format clf --rejects rej-r.csv "$log" >review.json 2>review.err

# rejects: the planted lines, each with its line number
check "inspect rejected lines" "500 1000 1500 2000 2500" \
	"$(awk -F, 'NR > 1 { printf "%s%s", s, $2; s = " " }' rej-i.csv)"
cmp -s rej-i.csv rej-r.csv || { echo "FAIL review and inspect reject different lines"; fail=1; }

# awk's view of the lines that are not rejected
awk -F, 'NR > 1 { print $2 }' rej-i.csv >bad.txt
awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad) { print $9 }' bad.txt "$log" |
	sort | uniq -c >awk-counts.txt
total=$(awk '{ n += $1 } END { print n }' awk-counts.txt)
errors=$(awk '$2 >= 500 && $2 <= 599 { n += $1 } END { print n + 0 }' awk-counts.txt)
client=$(awk '$2 >= 400 && $2 <= 499 { n += $1 } END { print n + 0 }' awk-counts.txt)
other=$(awk '$2 !~ /^[1-5][0-9][0-9]$/ { n += $1 } END { print n + 0 }' awk-counts.txt)
check "awk: statuses that are not HTTP codes" 0 "$other"

for out in inspect.json review.json; do
	check "$out rows + rejected = lines" "$lines" \
		$(( $(num "$out" rows) + $(num "$out" rejected) ))
	check "$out rejected" 5 "$(num "$out" rejected)"
	check "$out events" "$total" "$(num "$out" events)"
done
check "inspect errors (5xx)" "$errors" "$(num inspect.json errors)"
check "inspect client errors (4xx)" "$client" "$(num inspect.json client_errors)"
# review: the daily rows' errors add up to the 5xx count
check "review errors (5xx, daily sum)" "$errors" \
	"$(sed -n '/^  "daily": \[/,/^  \]/s/^ *"errors": \([0-9]*\),\{0,1\}$/\1/p' review.json |
	   awk '{ n += $1 } END { print n + 0 }')"
check "inspect stderr" "inspect: $log: access log format combined (sniffed from the first lines; --log-format sets it)
inspect: $log: 5 rows rejected (first at line 500: access log (combined): %t: expected [dd/Mon/yyyy:HH:MM:SS +hhmm])" "$(cat inspect.err)"
[ "$fail" = 0 ] || { cat awk-counts.txt; exit 1; }
