# values.sh: well-formed files with values out of range, bad periods, and
# a policy or matrix that parses but makes no sense.
ev() {	# ev FILE TIME LATENCY: an event log with one doubtful row (line 3)
	printf 'time,user,feature,status,latency_ms\n2026-10-01T08:00:00Z,u1,f,ok,5\n%s,u2,f,ok,%s\n' "$2" "$3" >"$1"
}
for v in 2026-02-30 10000-01-01T00:00:00Z 2026-10-01T25:00 2026-10-01T08:00:00+25:00 -99999999999 \
	2026-13-01 0000-12-31; do
	ev tv.csv "$v" 5
	t "time $v" rej "tv\\.csv: 1 rows? rejected \\(first at line 3: .*time" inspect -f json --fail-on never tv.csv
	t "time $v, strict" 2 "tv\\.csv:3: .*time" inspect -f json --fail-on never --strict tv.csv
	t "time $v, review" rej "tv\\.csv: 1 rows? rejected \\(first at line 3: " review -f json tv.csv
done
for v in -5 1e400 99999999999999999999999999 nan inf 0x10 12abc; do
	ev nv.csv 2026-10-01T09:00:00Z "$v"
	t "latency $v" any "" inspect -f json --fail-on never nv.csv
	t "latency $v, strict" any "" inspect -f json --fail-on never --strict nv.csv
done
printf 'user,score,time\nu1,4,2026-10-02T00:00:00Z\nu2,%s,2026-10-02T00:00:00Z\n' 99999999999999999999 >sv.csv
t "survey score enormous" rej "sv\\.csv: 1 rows? rejected \\(first at line 3: .*score" review -f json --survey sv.csv ev.csv
printf 'user,score,time\nu1,4,2026-10-02T00:00:00Z\nu2,-3,2026-10-02T00:00:00Z\n' >sv.csv
t "survey score negative" rej "sv\\.csv: 1 rows? rejected \\(first at line 3: .*score" review -f json --survey sv.csv ev.csv
printf 'start,end,service\n2026-10-06T08:00:00Z,2026-10-06T07:00:00Z,web\n' >ov.csv
t "outage ends before it starts" rej "ov\\.csv: 1 rows? rejected \\(first at line 2: " \
	sla-check -f json --fail-on never --policy sla.json --period 2026-10 --outages ov.csv
t "outage ends before it starts, strict" 2 "ov\\.csv:2: " \
	sla-check -f json --fail-on never --policy sla.json --period 2026-10 --outages ov.csv --strict
printf 'id,priority,opened,first_response,resolved\nT1,P1,2026-10-06T08:00:00Z,2026-10-06T07:00:00Z,2026-10-05T00:00:00Z\n' >tv2.csv
t "ticket answered before it was opened" any "" \
	sla-check -f json --fail-on never --policy sla.json --period 2026-10 --tickets tv2.csv

# periods
for p in 2026-10-05..2026-10-01 2026-02-30 10000 2026-13 2026-W54 2026-Q5 \
	2026-10-01T25:00..2026-10-02 2026-10-02T00:00:00Z..2026-10-01T00:00:00Z \
	99999999999999999999 -1 ""; do
	t "period \"$p\"" 2 "--period|period" inspect -f json --period "$p" ev.csv
	t "period \"$p\", sla-check" 2 "period" sla-check -f json --policy sla.json --period "$p" --outages ev.csv
done
t "since after until" 2 "ends before it starts" review -f json --since 2026-11-01 --until 2026-10-01 ev.csv
t "since equals until" 2 "ends before it starts" review -f json --since 2026-10-01 --until 2026-10-01 ev.csv
t "until year 10000" 2 "until" review -f json --until 10000-01-01 ev.csv

# policies that are JSON but nonsense
pol() {	# pol NAME JSON PATTERN
	printf '%s\n' "$2" >pol.json
	t "policy: $1" 2 "pol\\.json(:[0-9]+)?: .*$3" \
		sla-check -f json --policy pol.json --period 2026-10 --outages ev.csv
}
pol "no objective" '{"name": "x"}' "objective"
pol "target 0" '{"availability": {"target": 0}}' "target"
pol "target 150" '{"availability": {"target": 150}}' "target"
pol "target a string" '{"availability": {"target": "99.9"}}' "target"
pol "target enormous" '{"availability": {"target": 1e400}}' ""
pol "target negative" '{"availability": {"target": -5}}' "target"
pol "credit below 200" '{"availability": {"target": 99, "credits": [{"below": 200, "credit": 5}]}}' "below"
pol "credit twice the same below" '{"availability": {"target": 99, "credits": [{"below": 98, "credit": 5}, {"below": 98, "credit": 6}]}}' "below"
pol "credits an object" '{"availability": {"target": 99, "credits": {"below": 98}}}' "credits"
pol "availability an array" '{"availability": []}' "availability"
pol "response empty" '{"response": {}}' "response"
pol "response negative" '{"response": {"P1": "-2h"}}' "P1"
pol "response enormous" '{"response": {"P1": "99999999999999999999d"}}' "P1"
pol "response zero" '{"response": {"P1": "0s"}}' "P1"
pol "priority twice" '{"response": {"P1": "2h", "p1": "3h"}}' "p1|P1"
pol "hours backwards" '{"response": {"P1": "2h"}, "calendar": {"days": "Mon-Fri", "hours": "18:00-09:00"}, "business_hours": ["response"]}' "hours"
pol "hours 25:00" '{"response": {"P1": "2h"}, "calendar": {"days": "Mon-Fri", "hours": "09:00-25:00"}, "business_hours": ["response"]}' "hours"
pol "days unknown" '{"response": {"P1": "2h"}, "calendar": {"days": "Mon-Xyz", "hours": "09:00-18:00"}}' "days"
pol "holiday 2026-02-30" '{"response": {"P1": "2h"}, "calendar": {"days": "Mon-Fri", "hours": "09:00-18:00", "holidays": ["2026-02-30"]}}' "holiday|2026-02-30"
pol "business hours without calendar" '{"response": {"P1": "2h"}, "business_hours": ["response"]}' "calendar"
pol "business hours unknown" '{"response": {"P1": "2h"}, "calendar": {"days": "Mon-Fri", "hours": "09:00-18:00"}, "business_hours": ["lunch"]}' "lunch|business_hours"
pol "unknown zone" '{"timezone": "Mars/Base", "response": {"P1": "2h"}}' "Mars"
pol "zone escaping" '{"timezone": "../../etc/passwd", "response": {"P1": "2h"}}' "zone|timezone"
pol "a JSON array" '[1, 2]' ""
pol "a JSON string" '"policy"' ""

# matrices that are CSV but nonsense
mat() {	# mat NAME WANT PATTERN CSV
	printf '%b' "$4" >mat.csv
	t "matrix: $1" "$2" "$3" raci check -f json --fail-on never -m mat.csv
	t "matrix: $1, report" "$2" "$3" report -f md --fail-on never -m mat.csv env.json
}
mat "no activity column" 2 "mat\\.csv:1: .*activity" 'IT,PMO\nR,A\n'
mat "activity only" ok "" 'activity\nbackup\nrestore\n'
mat "no letters anywhere" ok "" 'activity,IT,PMO\nbackup,,\nrestore,,\n'
mat "letters that are not RACI" ok "" 'activity,IT,PMO\nbackup,XYZ,Q\n'
mat "empty activity names" rej "mat\\.csv: 2 rows? rejected \\(first at line 2" 'activity,IT\n,R\n ,A\n'
mat "role named twice" 2 "mat\\.csv:1: .*duplicate.*\"it\"" 'activity,IT,it\nbackup,R,A\n'
mat "long form, code without role" rej "mat\\.csv: 1 rows? rejected \\(first at line 2" 'activity,role,code\nbackup,,R\n'
# long form, 100 000 rows each with a new activity and a new role (2.7 MB):
# stored densely this was 10^10 cells; sparse it is 100 000
awk 'BEGIN { print "activity,role,code"; for (i = 1; i <= 100000; i++) printf "a%d,r%d,R\n", i, i }' >mat.csv
t "matrix: long form, 100 000 activities and roles" ok "" raci check -f json --fail-on never -m mat.csv
t "matrix: long form, 100 000 activities and roles, convert" ok "" raci convert -f csv -m mat.csv
t "matrix: long form, 100 000 activities and roles, to wide" 2 "wide form would have 100000 activities x 100000 roles" raci convert -f csv --to wide -m mat.csv
t "matrix: long form, 100 000 activities and roles, report" ok "" report -f md --fail-on never -m mat.csv env.json
# the roles of a second activity listed backwards (cells out of role order)
awk 'BEGIN { print "activity,role,code"; for (i = 1; i <= 50000; i++) printf "a,r%d,R\n", i
	for (i = 50000; i >= 1; i--) printf "b,r%d,%s\n", i, i % 2 ? "A" : "X" }' >mat.csv
t "matrix: long form, 50 000 roles backwards" ok "" raci check -f json --fail-on never -m mat.csv
t "matrix: long form, 50 000 roles backwards, who" ok "" raci who -m mat.csv b
rm -f mat.csv

# raci route reads a CSV of findings raw; a column it reads or writes named
# twice is an error (any case), another column named twice is not
printf 'check,severity,subject,message,Responsible,responsible\nlog_gap,warning,x,m,,\n' >fd.csv
t "findings: a column route writes twice" 2 "fd\\.csv:1: duplicate column \"responsible\" \\(columns 5 and 6\\)" raci route -f json -m raci.csv fd.csv
printf 'check\tseverity\tsubject\tmessage\tCHECK\nlog_gap\twarning\tx\tm\ty\n' >fd.tsv
t "findings: check twice, TSV" 2 "fd\\.tsv:1: duplicate column \"CHECK\" \\(columns 1 and 5\\)" raci route -f json -m raci.csv fd.tsv
printf 'check,severity,subject,message,note,note\nlog_gap,warning,x,m,a,b\n' >fd.csv
t "findings: another column twice" ok "" raci route -f json -m raci.csv fd.csv
rm -f fd.csv fd.tsv

# header names that are not text
printf 'time,user,feat\222ure\n2026-10-01T08:00:00Z,u,f\n' >hn.csv
t "header name not UTF-8" 2 "hn\\.csv:1:3: .*not UTF-8" inspect -f json hn.csv
t "header name not UTF-8, raci convert" 2 "hn\\.csv:1:3: .*not UTF-8" raci convert -f csv -m hn.csv
