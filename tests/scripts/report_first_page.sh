# The first page of the example month's report (examples/demo.sh, with
# examples/report.json beside the matrix, people and runbook): in md, txt
# and html, and in md with --lang zh, the title comes first, then the
# headline figures, then the top problems (at most 10, owners by name,
# with "How to fix"), then the summary, and the full problem list only
# after the appendix heading.  Then October against a generated September:
# the headline's previous values and changes, relative ones too.
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
# The headline against a previous month: September from the same
# generator (examples/generate.py --month 2026-09), the same pipeline,
# then October with review --previous and report --previous.  Each
# figure's Previous and Change (absolute, and relative where shown) are
# worked out here in python from the JSON inputs themselves (review's
# metrics, the SLA rows, the counts of September's report), then looked
# for in the txt and html headline rows.
ex=$UPKEEP_TOP/examples
python3 "$ex/generate.py" --month 2026-09 --out sep >/dev/null
inspect -f json --fail-on never --period 2026-09 sep/events.csv --accounts sep/accounts.csv \
	--projects sep/projects.csv -o sep/inspect.json
review -f json --period 2026-09 sep/events.csv --accounts sep/accounts.csv \
	--features sep/features.csv --survey sep/survey.csv -o sep/review.json
sla-check -f json --fail-on never --period 2026-09 --policy sep/sla.json \
	--outages sep/outages.csv --tickets sep/tickets.csv -o sep/slo.json
report -f json --fail-on never -m "$ex/raci.csv" sep/inspect.json sep/review.json \
	sep/slo.json demo/raci.json -o sep/report.json
review -f json --period 2026-10 "$ex/events.csv" --accounts "$ex/accounts.csv" \
	--features "$ex/features.csv" --survey "$ex/survey.csv" --previous sep/review.json \
	-o oct-review.json
for f in txt html; do
	report -f $f --fail-on never -m "$ex/raci.csv" --previous sep/report.json \
		demo/inspect.json oct-review.json demo/slo.json demo/raci.json -o oct.$f
done
order oct.txt "^$title" '^Headline figures' '^Top problems' '^Summary' '^Appendix'
python3 - <<'PY'
import decimal, json, re, sys
D = decimal.Decimal
def rnd(x, n):	# half away from zero, as C's round(); no "-0"
    q = D(repr(x)).quantize(D(1).scaleb(-n), rounding=decimal.ROUND_HALF_UP)
    s = format(q.normalize(), 'f') if q != 0 else '0'
    return s
def signed(s): return ('+' + s) if not s.startswith('-') and s != '0' else s
def pct(x, n): return rnd(x * 100, n) + '%'
def change(d, n, pp, ratio):
    s = rnd(d, n)
    k = n
    while s == '0' and d != 0 and k < n + 2:
        k += 1; s = rnd(d, k)
    out = signed(s) + (' pp' if pp else '')
    if ratio is not None:
        out += ' (' + signed(pct(ratio, 0).rstrip('%')) + '%)'
    return out
oct_m = json.load(open('oct-review.json'))['metrics']
sep_m = json.load(open('sep/review.json'))['metrics']
def avail(path):	# the lowest actual of sla-check's availability objectives
    rows = [r for r in json.load(open(path))['objectives'] if r.get('objective') == 'availability']
    return min(r['actual'] for r in rows)
want = {}
# availability: the lowest availability row; change in pp to 3 decimals, alone
a, ap = avail('demo/slo.json'), avail('sep/slo.json')
want['Availability'] = (pct(ap, 3), change((a - ap) * 100, 3, True, None))
for label, k, is_pct in (('Error rate', 'error_rate', True), ('Daily active users', 'dau_avg', False),
                         ('Feature coverage', 'feature_coverage', True), ('CSAT', 'csat', True)):
    v, p = oct_m[k], sep_m[k]
    ratio = (v - p) / p if p else None
    want[label] = (pct(p, 1) if is_pct else rnd(p, 1),
                   change((v - p) * (100 if is_pct else 1), 1, is_pct, ratio))
n = len(json.load(open('demo/inspect.json'))['findings']) + len(json.load(open('demo/slo.json'))['findings']) \
    + len(json.load(open('demo/raci.json'))['findings'])
np_ = json.load(open('sep/report.json'))['counts']['problems']
want['Open problems'] = (str(np_), change(n - np_, 0, False, (n - np_) / np_ if np_ else None))
txt = open('oct.txt', encoding='utf-8').read().split('\n')
html = open('oct.html', encoding='utf-8').read()
bad = 0
for label, (prev, ch) in want.items():
    line = [l for l in txt if l.startswith('  ' + label + ' ')]
    ok = line and re.search(r'\s' + re.escape(prev) + r'\s+' + re.escape(ch) + r'\s+\S+$', line[0])
    print(f'{label}: previous {prev}, change {ch}: txt {"ok" if ok else "MISSING"}')
    if not ok:
        print('  txt line:', line); bad += 1
    cell = f'<tr><td>{label}</td>.*?data-label="Previous">{re.escape(prev)}</td><td class="n" data-label="Change">{re.escape(ch)}</td>'
    if not re.search(cell, html):
        print('  html: no row with', prev, ch); bad += 1
if not any('(' in ch for _, ch in want.values()):
    print('no relative change at all'); bad += 1
sys.exit(1 if bad else 0)
PY
