# examples/cron/upkeep.sh monthly, run twice as cron would (on 2026-11-01
# and on 2026-12-01, Asia/Shanghai) over the example data: each month's
# report.json is kept, and December's run reads November's 2026-10 report
# with --previous, so the 2026-11 report tracks its problems (every one
# "new", "still open", "unchecked" or resolved, with open_since) and the
# first one does not.  date(1) is replaced by a shim that answers from
# SOURCE_DATE_EPOCH, so that the script's clock and the commands' "now"
# agree; sendmail is kept off PATH.  The script is also run by dash, the
# POSIX sh of Debian, and checked with shellcheck when it is installed.
set -eu
ex=$UPKEEP_TOP/examples
work=$(mktemp -d "${TMPDIR:-/tmp}/cron_example.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir data out shim
for f in events.csv accounts.csv projects.csv features.csv survey.csv \
	sla.json outages.csv tickets.csv raci.csv people.csv runbook.csv; do
	cp "$ex/$f" data/
done
real_date=$(command -v date)
cat >shim/date <<SHIM
#!/bin/sh
exec "$real_date" -d "@\$SOURCE_DATE_EPOCH" "\$@"
SHIM
chmod +x shim/date
sh=$(command -v dash || command -v sh)
run() {	# epoch: one monthly run at that time
	SOURCE_DATE_EPOCH=$1 PATH="$PWD/shim:$PATH" DATA=$PWD/data OUT=$PWD/out \
		TZ=Asia/Shanghai "$sh" "$UPKEEP_TOP/examples/cron/upkeep.sh" monthly >log 2>&1 ||
		{ echo "FAIL upkeep.sh monthly at $1"; cat log; exit 1; }
}
flat() { tr -d '\n' <"$1" | sed 's/  */ /g'; }
run 1793462400	# 2026-11-01T06:00:00+08:00 (2026-10-31T22:00Z)
[ -f out/2026-10/report.json ] || { echo "FAIL no out/2026-10/report.json"; exit 1; }
for f in html md txt; do [ -s "out/2026-10/report.$f" ] || { echo "FAIL no report.$f"; exit 1; }; done
if flat out/2026-10/report.json | grep -q '"tracking"'; then
	echo "FAIL the first report is tracked without a previous one"; exit 1
fi
grep -q 'no sendmail: the report is in' log
run 1796054400	# 2026-12-01T06:00:00+08:00
[ -f out/2026-11/report.json ] || { echo "FAIL no out/2026-11/report.json"; exit 1; }
flat out/2026-11/report.json | grep -q '"path": "[^"]*/out/2026-10/report.json"' ||
	{ echo "FAIL the 2026-11 report did not read 2026-10's with --previous"; exit 1; }
flat out/2026-11/report.json | grep -q '"counts": {[^}]*"new": [0-9]*, "still_open": [0-9]*, "unchecked": [0-9]*, "resolved": [0-9]* }' ||
	{ echo "FAIL the 2026-11 report has no tracking counts"; exit 1; }
# every problem of 2026-11 is tracked, with an open_since and an age
n=$(flat out/2026-11/report.json | grep -o '"tracking": "[a-z ]*", "open_since": "20[0-9-]*", "age": [0-9]*' | wc -l)
[ "$n" -gt 0 ] || { echo "FAIL no tracked problem in 2026-11"; exit 1; }
grep -q 'open since 2026-10' out/2026-11/report.md ||
	{ echo "FAIL report.md shows no problem open since 2026-10"; exit 1; }
if command -v shellcheck >/dev/null 2>&1; then
	shellcheck -s sh "$UPKEEP_TOP/examples/cron/upkeep.sh"
fi
