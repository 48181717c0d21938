# Recipes (issue 18, item 9): every command of README.md "Real sources" and
# upkeep(7) RECIPES, run on its sample in examples/real/, must report the
# figures that examples/real/WORKING.py works out from the samples on its
# own (python3, no upkeep).  Each recipe's output is turned into the same
# "file figure value" lines by the small reader below; a difference fails.
set -eu
cd "$UPKEEP_TOP/examples/real"
got=$(mktemp) err=$(mktemp)
trap 'rm -f "$got" "$err"' EXIT
py() { c=$1; shift; python3 -c "$c" "$@"; }
access='import json,sys
n=sys.argv[1]; d=json.load(sys.stdin); g=lambda x:"null" if x is None else "%.10g"%x
m=d["metrics"]; print(n,"rows",d["inputs"][0]["rows"])
print(n,"events",m["events"],"users",m["active_users"],"error_rate",g(m["error_rate"]))
for f in d["features"]:
    print(n,"feature",repr(f["feature"]),"events",f["events"],"users",f["users"],"errors",f["errors"],"p50_ms",g(f["p50_ms"]),"p95_ms",g(f["p95_ms"]))'
{
for f in jira-access.log confluence-access.log confluence-access-xff.log \
	confluence-docker-access.log other_vhosts_access.log nginx-upstream.log; do
	review -f json --period 2026-10 "$f" 2>>"$err" | python3 -c "$access" "$f"
done
review -f json --period 2026-10 apache-combined.log 2>>"$err" | py 'import json,sys
d=json.load(sys.stdin)
print("apache-combined.log","rows",d["inputs"][0]["rows"],"users",d["metrics"]["active_users"],"errors",sum(f["errors"] for f in d["features"]))'
# GitLab
review -f json --period 2026-10 --map user=username,feature=route,latency_ms=duration_s \
	--latency-unit s gitlab-api_json.log 2>>"$err" | python3 -c "$access" gitlab-api_json.log
# ServiceNow incident event log
sla-check -f json --period 2016-03 --policy servicenow-event-log-sla.json \
	--tickets servicenow-incident_event_log.csv --null '?' --time-format '%d/%m/%Y %H:%M' \
	--map id=number,opened=opened_at,resolved=resolved_at 2>>"$err" | py 'import json,sys
d=json.load(sys.stdin); i=d["inputs"][0]
print("servicenow","rows",i["rows"],"tickets",i["rows"]-i["folded"],"folded",i["folded"])
for o in d["objectives"]:
    print("servicenow","scope",repr(o["scope"]),"tickets",o["tickets"],"met",o["met_count"],"breached",o["breached_count"],"actual","%.10g"%o["actual"],"met" if o["met"] else "breached")' || :
# syslog times without a year
review -f json --period 2016-01 --time-format '%b %d %H:%M:%S' syslog-auth.tsv 2>>"$err" | py 'import json,sys
m=json.load(sys.stdin)["metrics"]
print("syslog-auth.tsv","events",m["events"],"users",m["active_users"],"error_rate","%.10g"%m["error_rate"])'
# Statuspage
for p in "statuspage-summary.json 2026-09 --json-path incidents" "statuspage-incidents.json 2026-10"; do
	set -- $p
	f=$1 period=$2; shift 2
	sla-check -f json --period "$period" --policy statuspage-sla.json --outages "$f" "$@" \
		--map start=started_at,end=resolved_at,service=components 2>>"$err" | py 'import json,sys
for o in json.load(sys.stdin)["objectives"]:
    print(sys.argv[1],"scope",repr(o["scope"]),"downtime_s","%.10g"%o["downtime_s"],"actual","%.10g"%o["actual"])' "$f" || :
done
# Jira's user export as accounts
inspect -f csv --period 2026-08 --time-format '%d %b %Y %H:%M:%S' --accounts jira-users.csv \
	--map accounts:user=username,role=group_name,status=active \
	--values accounts:status=Yes:active,No:disabled \
	--admin-roles 'site-admins,jira-administrators,管理员' jira-user-events.csv 2>>"$err" | py 'import csv,sys
rows=[r for r in csv.DictReader(sys.stdin) if r["check"]!="log_gap"]
for c in ("disabled_account_activity","unknown_user"):
    for r in sorted((r for r in rows if r["check"]==c), key=lambda r:r["subject"]):
        print("jira-users",c,r["subject"])
for r in sorted((r for r in rows if r["check"] in ("dormant_admin","stale_account")), key=lambda r:r["subject"]):
    print("jira-users",r["check"],r["subject"],r["value"])' || :
# RACI tables
for m in "raci.md --map activity=Task" raci-by-letter.md; do
	set -- $m
	raci check -f csv -m "$@" 2>>"$err" | py 'import csv,sys
for r in csv.DictReader(sys.stdin):
    extra=[]
    if r["check"]=="multiple_accountable": extra=[r["value"]]
    if r["check"]=="accountable_bottleneck": extra=[r["value"],"of",r["message"].split(" of ")[1].split()[0]]
    print(sys.argv[1],r["check"],repr(r["subject"]),*extra)' "$1" || :
done
} >"$got"
fail=0
want=$(python3 WORKING.py)
if ! diff <(echo "$want" | sort) <(sort "$got"); then
	echo "FAIL: the recipes do not report what examples/real/WORKING.py works out"
	fail=1
fi
# Jira Cloud CSV: the figures of tests/cases/sla-check/export-jira (same files)
sla-check -f csv --period 2026-10 --policy jira-sla.json --tickets jira.csv --tz Asia/Shanghai \
	--time-format '%d/%b/%y %I:%M %p' \
	--map 'id="Issue key",opened=Created,resolved=Resolved,title=Summary' >"$got" 2>>"$err" || :
grep '^objective\|^resolution' "$UPKEEP_TOP/tests/cases/sla-check/export-jira/expout" |
	diff - "$got" || { echo "FAIL: Jira Cloud CSV recipe"; fail=1; }
# what the recipes say on standard error: the sniffed formats, the folding
for s in 'jira-access.log: access log format jira ' 'confluence-access.log: access log format confluence ' \
	'access log format confluence-xff ' 'access log format confluence-docker ' \
	'access log format vhost_combined ' 'access log format nginx-upstream ' \
	'13 rows folded into 6 tickets' 'read by letter'; do
	grep -q -- "$s" "$err" || { echo "FAIL: standard error lacks \"$s\""; fail=1; }
done
exit $fail
