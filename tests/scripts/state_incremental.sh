# inspect --state: incremental runs over a growing log.  Expected values
# worked out by hand from the rows below (run length 3, 5 failed logins in
# 15 minutes, default gap 6 h).
set -eu
fail=0
check() {	# what, expected, got
	if [ "$2" != "$3" ]; then echo "FAIL $1: want '$2', got '$3'"; fail=1; fi
}
run() {	# inspect --state st.json log.csv as CSV findings into $1
	inspect --fail-on never -f csv --state st.json log.csv >"$1"
}
events() {	# the summary's events of a JSON run
	sed -n 's/^    "events": \([0-9]*\),$/\1/p' "$1"
}
printf 'time,user,feature,status,ip\n' >log.csv
# read 1: two export errors (a run of 2: not yet 3), ann fails to log in
# 3 times; 6 rows
cat >>log.csv <<'ROWS'
2026-10-05T08:00:00Z,bob,report.export,ok,10.0.0.4
2026-10-05T08:01:00Z,bob,report.export,error,10.0.0.4
2026-10-05T08:02:00Z,bob,report.export,error,10.0.0.4
2026-10-05T08:03:00Z,ann,auth.login,fail,10.0.0.9
2026-10-05T08:03:30Z,ann,auth.login,fail,10.0.0.9
2026-10-05T08:04:00Z,ann,auth.login,fail,10.0.0.9
ROWS
inspect --fail-on never -f json --state st.json log.csv >r1.json
check "read 1 events" 6 "$(events r1.json)"
# auth.login failed 3 times in a row: that run is found already
check "read 1 findings" "consecutive_failures auth.login" \
	"$(sed -n 's/^      "check": "\(.*\)",$/\1/p; s/^      "subject": "\(.*\)",$/\1/p' r1.json | tr '\n' ' ' | sed 's/ $//')"
test -f st.json || { echo "FAIL no state file"; fail=1; }

# read 2: the third export error makes a run of 3 that began in read 1
# (first_seen 08:01); ann's 4th and 5th failures complete 5 within 15
# minutes (08:03 .. 08:06); 3 rows
cat >>log.csv <<'ROWS'
2026-10-05T08:05:00Z,bob,report.export,error,10.0.0.4
2026-10-05T08:05:30Z,ann,auth.login,fail,10.0.0.9
2026-10-05T08:06:00Z,ann,auth.login,fail,10.0.0.9
ROWS
run r2.csv
check "read 2 run" "critical,consecutive_failures,report.export,3,3,report.export failed 3 times in a row (1 run of 3 or more),089b3edd5f8c,2026-10-05T08:01:00Z,2026-10-05T08:05:00Z,1" \
	"$(grep consecutive_failures,report.export r2.csv)"
check "read 2 logins" "warning,failed_logins,ann,5,5,ann failed to log in 5 times within 15 minutes (limit 5),$(grep failed_logins r2.csv | cut -d, -f7),2026-10-05T08:03:00Z,2026-10-05T08:06:00Z,2" \
	"$(grep failed_logins r2.csv)"

# read 3: a success ends the run (reported before: not again); a line
# still being written (no line end) is left for next time
printf '2026-10-05T08:07:00Z,bob,report.export,ok,10.0.0.4\n2026-10-05T08:08:00Z,bob,issue.vi' >>log.csv
inspect --fail-on never -f json --state st.json log.csv >r3.json 2>r3.err
check "read 3 events" 1 "$(events r3.json)"
check "read 3 findings" 0 "$(grep -c '"check"' r3.json || true)"

# read 4: the line is finished; 9 h later a new event: a gap from 08:08
# (read 4's first row) to 17:08 is 9 h > 6 h
printf 'ew,ok,10.0.0.4\n2026-10-05T17:08:00Z,bob,issue.view,ok,10.0.0.4\n' >>log.csv
inspect --fail-on never -f json --state st.json log.csv >r4.json
check "read 4 events" 2 "$(events r4.json)"
run r5.csv
check "read 5 (nothing new)" 1 "$(wc -l <r5.csv | tr -d ' ')"

# read 6: a gap spanning two reads: 17:08 (read 4) to 23:30 (read 6)
printf '2026-10-05T23:30:00Z,bob,issue.view,ok,10.0.0.4\n' >>log.csv
run r6.csv
check "read 6 gap" 1 "$(grep log_gap r6.csv | grep -c '2026-10-05T17:08:00Z,2026-10-05T23:30:00Z,$')"

# rotation: a new file (new inode, other first bytes) is read from its
# start; the open state goes on (two errors, then one more in the next
# read: a run of 3 across the rotation)
mv log.csv log.csv.1
printf 'time,user,feature,status,ip\n2026-10-06T00:00:00Z,cy,wiki.edit,error,10.0.0.5\n2026-10-06T00:01:00Z,cy,wiki.edit,error,10.0.0.5\n' >log.csv
inspect --fail-on never -f json --state st.json log.csv >r7.json
check "rotated events" 2 "$(events r7.json)"
printf '2026-10-06T00:02:00Z,cy,wiki.edit,error,10.0.0.5\n' >>log.csv
run r8.csv
check "run across rotation" 1 "$(grep consecutive_failures,wiki.edit r8.csv | grep -c '2026-10-06T00:00:00Z,2026-10-06T00:02:00Z,1$')"

# an event older than the newest one read before is late
printf '2026-10-05T20:00:00Z,cy,wiki.edit,error,10.0.0.5\n' >>log.csv
inspect --fail-on never -f json --state st.json log.csv >r9.json 2>r9.err
check "late" '    "late": 1,' "$(grep '"late"' r9.json)"
grep -q 'reorder-window' r9.err || { echo "FAIL no warning on late events"; fail=1; }

# two runs sharing the state wait for each other: 200 new rows are read
# once, by one run or the other
i=0
while [ $i -lt 200 ]; do
	printf '2026-10-07T01:%02d:%02dZ,dan,issue.view,ok,10.0.0.6\n' $((i / 60)) $((i % 60))
	i=$((i + 1))
done >>log.csv
inspect --fail-on never -f json --state st.json log.csv >p1.json &
inspect --fail-on never -f json --state st.json log.csv >p2.json
wait
check "parallel runs" 200 "$(( $(events p1.json) + $(events p2.json) ))"

# a state that is not one is refused
echo '{"tool":"review"}' >bad.json
if inspect --state bad.json log.csv >/dev/null 2>&1; then echo "FAIL bad state accepted"; fail=1; fi
exit $fail
