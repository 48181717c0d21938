#!/bin/sh
# The monthly pipeline over the example month, as `make demo` runs it:
# raci check, inspect, review, sla-check, then report in three formats.
# Usage: examples/demo.sh BINDIR   (writes demo/ in the current folder)
set -eu
bin=${1:?usage: demo.sh BINDIR}
ex=$(dirname "$0")
out=demo
mkdir -p "$out"
PATH="$bin:$PATH"
period=2026-10
never="--fail-on never"

raci check -f json $never -m "$ex/raci.csv" -o "$out/raci.json"
inspect -f json $never --period "$period" "$ex/events.csv" \
	--accounts "$ex/accounts.csv" --projects "$ex/projects.csv" -o "$out/inspect.json"
review -f json --period "$period" "$ex/events.csv" --accounts "$ex/accounts.csv" \
	--features "$ex/features.csv" --survey "$ex/survey.csv" -o "$out/review.json"
# the result must not be called sla.json: that is the policy's name
sla-check -f json $never --period "$period" --policy "$ex/sla.json" \
	--outages "$ex/outages.csv" --tickets "$ex/tickets.csv" -o "$out/slo.json"
for f in html md txt; do
	report -f "$f" $never -m "$ex/raci.csv" "$out/inspect.json" "$out/review.json" \
		--people "$ex/people.csv" --runbook "$ex/runbook.csv" \
		"$out/slo.json" "$out/raci.json" -o "$out/report.$f"
done
echo "the October 2026 health report of the example company:"
for f in html md txt; do echo "  $out/report.$f"; done
