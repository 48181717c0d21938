#!/bin/sh
# Screenshots of the example month's HTML report in headless Chromium, to
# be looked at (issue 20): never part of make check.
#   tests/screens.sh [OUTDIR]     (default build/shots; after make)
# Writes, full page, 1280 px (desktop) and 390 px (a phone) wide:
#   month-en-W.png       the report of make demo (examples/demo.sh)
#   month-zh-W.png       the same with --lang zh
#   month-en-prev-W.png  October against a generated September
#                        (examples/generate.py --month 2026-09, the same
#                        pipeline, review --previous and report --previous):
#                        the headline's Previous and Change filled in
#   month-*-W-top.png    the first 900 px of each (the first screen)
# and prints what each page measures (tests/shoot.py): its width and
# scroll width (wider: the page scrolls sideways), elements passing the
# right edge, table regions that scroll inside, the top of each h1/h2.
# Exits 0 having skipped when chromium or python3 is missing (CJK text
# needs a CJK font, e.g. Debian's fonts-noto-cjk; without one fc-list
# shows none and the zh pages draw boxes: said here, not checked).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/${UPKEEP_BUILD:-build}/bin
out=${1:-$top/build/shots}
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || { echo "skipped: no chromium"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 0; }
[ -x "$bin/report" ] || { echo "screens.sh: no $bin/report: run make first" >&2; exit 2; }
fc-list :lang=zh 2>/dev/null | grep -q . ||
	echo "note: no CJK font (fonts-noto-cjk): the zh pages will show boxes"
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/screens.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
PATH=$bin:$PATH
ex=$top/examples

sh "$ex/demo.sh" "$bin" >/dev/null
report -f html --fail-on never --lang zh -m "$ex/raci.csv" --people "$ex/people.csv" \
	--runbook "$ex/runbook.csv" demo/inspect.json demo/review.json demo/slo.json \
	demo/raci.json -o demo/report-zh.html

# September from the same generator, then October against it
python3 "$ex/generate.py" --month 2026-09 --out sep >/dev/null
never="--fail-on never"
inspect -f json $never --period 2026-09 sep/events.csv --accounts sep/accounts.csv \
	--projects sep/projects.csv -o sep/inspect.json
review -f json --period 2026-09 sep/events.csv --accounts sep/accounts.csv \
	--features sep/features.csv --survey sep/survey.csv -o sep/review.json
sla-check -f json $never --period 2026-09 --policy sep/sla.json --outages sep/outages.csv \
	--tickets sep/tickets.csv -o sep/slo.json
report -f json $never -m "$ex/raci.csv" sep/inspect.json sep/review.json sep/slo.json \
	demo/raci.json -o sep/report.json
review -f json --period 2026-10 "$ex/events.csv" --accounts "$ex/accounts.csv" \
	--features "$ex/features.csv" --survey "$ex/survey.csv" --previous sep/review.json \
	-o demo/review-prev.json
report -f html $never -m "$ex/raci.csv" --people "$ex/people.csv" --runbook "$ex/runbook.csv" \
	--previous sep/report.json demo/inspect.json demo/review-prev.json demo/slo.json \
	demo/raci.json -o demo/report-prev.html

for page in en:report zh:report-zh en-prev:report-prev; do
	for w in 1280 390; do
		name=month-${page%%:*}-$w
		echo "== $name.png"
		python3 "$top/tests/shoot.py" "$browser" "$w" "demo/${page#*:}.html" \
			"$out/$name.png" "0+900=$out/$name-top.png"
	done
done
echo "written: $out/month-*.png"
