# The first page of the example month's report (examples/demo.sh, with
# examples/report.json beside the matrix, people and runbook): in md, txt
# and html, and in md with --lang zh, the title comes first, then the
# headline figures, then the top problems (at most 10, owners by name,
# with "How to fix"), then the summary, and the full problem list only
# after the appendix heading.
set -eu
work=$(mktemp -d "${TMPDIR:-/tmp}/first_page.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
sh "$UPKEEP_TOP/examples/demo.sh" "$(dirname "$(command -v report)")" >log 2>&1 ||
	{ echo "FAIL demo.sh"; cat log; exit 1; }
# line of the first line matching an extended regex in file, 0 if none
at() { grep -n -m1 -E "$2" "$1" | cut -d: -f1 || true; }
order() {	# file regex...: each regex matches, in this order
	f=$1; shift; last=0
	for re in "$@"; do
		n=$(at "$f" "$re")
		[ -n "$n" ] || { echo "FAIL $f: no line matches '$re'"; exit 1; }
		[ "$n" -gt "$last" ] || { echo "FAIL $f: '$re' at line $n, not after line $last"; exit 1; }
		last=$n
	done
}
title='Northwind project management system \(Northwind Trading\) — Maintenance report'
order demo/report.md "^# $title" '^Period: October 2026 \(2026-10-01 – 2026-10-31\)' \
	'^## Headline figures' '^\| Availability \| 99\.828% \| ≥ 99\.9% ' '^## Top problems' \
	'^1\. \*\*critical\*\*' 'How to fix: ' '^## Summary' '^## Usage review' '^## Service levels' \
	'^# Appendix' '^## Open problems' '^\| Severity \| Check ' '^## Data quality'
order demo/report.txt "^$title" '^Headline figures' '^Top problems' '^ +1\. \[critical\]' \
	'^Summary' '^Appendix' '^Open problems' '^Data quality'
order demo/report.html "<h1>$title</h1>" '<h2>Headline figures</h2>' '<h2>Top problems</h2>' \
	'<h2>Summary</h2>' '<h2>Appendix</h2>' '<h2>Open problems</h2>'
# at most 10 top problems, each with its owner named from people.csv
top=$(sed -n '/^## Top problems/,/^## Summary/p' demo/report.md)
[ "$(printf '%s\n' "$top" | grep -c -E '^[0-9]+\. ')" -le 10 ] || { echo "FAIL more than 10 top problems"; exit 1; }
printf '%s\n' "$top" | grep -q 'Wang Fang' || { echo "FAIL no owner named in the top problems"; exit 1; }
# the same order in Chinese
report -f md --fail-on never --lang zh -m "$UPKEEP_TOP/examples/raci.csv" \
	--people "$UPKEEP_TOP/examples/people.csv" --runbook "$UPKEEP_TOP/examples/runbook.csv" \
	demo/inspect.json demo/review.json demo/slo.json demo/raci.json -o zh.md
order zh.md '^# Northwind' '^周期: 2026年10月' '^## 关键指标' '^## 重点问题' '^## 概要' '^# 附录' '^## 未解决问题'
# response and resolution groups count tickets, not the compliance rows
# of priorities (subjects P1, P2, ...): counted here from slo.json itself
for c in response resolution; do
	n=$(tr -d '\n' <demo/slo.json | sed 's/  */ /g' |
		grep -o "\"check\": \"$c\", \"subject\": \"[^\"]*\"" | grep -vc '"P[0-9]"')
	grep -q -E "\*\* $c: $n tickets breached \(" demo/report.md ||
		{ echo "FAIL demo/report.md: no '$c: $n tickets breached'"; exit 1; }
done
