#!/bin/sh
# upkeep.sh weekly|monthly — the script the example crontab calls.
#   weekly:  inspect last week's log; prints findings only when there are
#            some at or above warning (cron mails what is printed).
#   monthly: raci check, inspect, review and sla-check over last month,
#            then report in json, html, md and txt under $OUT/YYYY-MM, and
#            the text report mailed to $ADMINS (sendmail when present,
#            else only the file).  The month's report.json is kept, and
#            the next month's report reads it with --previous, so that
#            each problem is followed (new, still open, unchecked,
#            resolved; open since) from month to month.
# Everything is configured by the variables below or the environment.
set -eu
DATA=${DATA:-/var/lib/upkeep}		# events.csv accounts.csv ... sla.json raci.csv
OUT=${OUT:-/var/lib/upkeep/reports}
ADMINS=${ADMINS:-pm-admins@example.com}
TZ=${TZ:-Asia/Shanghai}
export TZ

case ${1:-} in
weekly)
	exec inspect --quiet --period last-week -f table "$DATA/events.csv" \
		--accounts "$DATA/accounts.csv" --projects "$DATA/projects.csv"
	;;
monthly)
	# last month and the month before it, from the clock in $TZ (POSIX
	# date has no arithmetic)
	y=$(date +%Y)
	m=$(date +%m)
	m=${m#0}
	if [ "$m" -eq 1 ]; then y=$((y - 1)); m=12; else m=$((m - 1)); fi
	month=$(printf '%04d-%02d' "$y" "$m")
	if [ "$m" -eq 1 ]; then y=$((y - 1)); m=12; else m=$((m - 1)); fi
	before=$(printf '%04d-%02d' "$y" "$m")
	dir=$OUT/$month
	mkdir -p "$dir"
	raci check -f json --fail-on never -m "$DATA/raci.csv" -o "$dir/raci.json"
	inspect -f json --fail-on never --period last-month "$DATA/events.csv" \
		--accounts "$DATA/accounts.csv" --projects "$DATA/projects.csv" -o "$dir/inspect.json"
	review -f json --period last-month "$DATA/events.csv" --accounts "$DATA/accounts.csv" \
		--features "$DATA/features.csv" --survey "$DATA/survey.csv" -o "$dir/review.json"
	sla-check -f json --fail-on never --period last-month --policy "$DATA/sla.json" \
		--outages "$DATA/outages.csv" --tickets "$DATA/tickets.csv" -o "$dir/slo.json"
	# last month's report, when there is one, for the tracking
	set --
	if [ -f "$OUT/$before/report.json" ]; then
		set -- --previous "$OUT/$before/report.json"
	fi
	# owners by name and the fix of known problems, when the files are there
	if [ -f "$DATA/people.csv" ]; then
		set -- "$@" --people "$DATA/people.csv"
	fi
	if [ -f "$DATA/runbook.csv" ]; then
		set -- "$@" --runbook "$DATA/runbook.csv"
	fi
	for f in json html md txt; do
		report -f "$f" --fail-on never -m "$DATA/raci.csv" "$dir/inspect.json" \
			"$dir/review.json" "$dir/slo.json" "$dir/raci.json" "$@" \
			-o "$dir/report.$f"
	done
	if command -v sendmail >/dev/null 2>&1; then
		{ printf 'To: %s\nSubject: PM software health report %s\n' "$ADMINS" "$month"
		  printf 'Content-Type: text/plain; charset=UTF-8\n\n'
		  cat "$dir/report.txt"; } | sendmail -t
	else
		echo "no sendmail: the report is in $dir/report.txt"
	fi
	;;
*)
	echo "usage: upkeep.sh weekly|monthly" >&2
	exit 2
	;;
esac
