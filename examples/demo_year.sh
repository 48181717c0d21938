#!/bin/sh
# The year view over a generated year, as `make demo` runs it: the
# generator's year mode (examples/generate.py --year 2026, 3000 events a
# month, about 3.4 MB, written at demo time into build/year/, not kept in
# git), then for each month the pipeline a monthly cron job runs --
# inspect, review, sla-check, report -f json --previous last month's --
# leaving demo/year/reports/2026-MM.json, then report --history over that
# folder in three formats.  July's report is left out on purpose (the cron
# job "missed" it), so the year view shows a gap.
# Usage: examples/demo_year.sh BINDIR   (writes demo/year/ in the current folder)
set -eu
bin=${1:?usage: demo_year.sh BINDIR}
ex=$(dirname "$0")
data=build/year
out=demo/year
PATH="$bin:$PATH"
never="--fail-on never"
mkdir -p "$out/reports"
python3 "$ex/generate.py" --year 2026 --out "$data"
prev=
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	p=2026-$m
	d=$data/$p
	[ "$m" = 07 ] && continue
	inspect -f json $never --period "$p" "$d/events.csv" --accounts "$d/accounts.csv" \
		--projects "$d/projects.csv" -o "$out/inspect.json"
	review -f json --period "$p" "$d/events.csv" --accounts "$d/accounts.csv" \
		--features "$d/features.csv" --survey "$d/survey.csv" -o "$out/review.json"
	sla-check -f json $never --period "$p" --policy "$d/sla.json" \
		--outages "$d/outages.csv" --tickets "$d/tickets.csv" -o "$out/slo.json"
	report -f json $never -m "$d/raci.csv" ${prev:+--previous "$prev"} \
		"$out/inspect.json" "$out/review.json" "$out/slo.json" -o "$out/reports/$p.json"
	prev=$out/reports/$p.json
done
rm -f "$out/inspect.json" "$out/review.json" "$out/slo.json"
for f in html md txt; do
	report -f "$f" --history "$out/reports" --config "$ex/report.json" -o "$out/year.$f"
done
echo "the 2026 year view of the example company (July's report missing):"
for f in html md txt; do echo "  $out/year.$f"; done
