# The example month (examples/demo.sh: raci check, inspect, review,
# sla-check over examples/) reported with --lang zh in md and txt: the
# sentence of every problem whose check has a Chinese template (inspect's
# 11 checks, sla-check's availability, response and resolution, raci
# check's 9) holds no run of three or more English words once its
# subject and quoted names are taken out.  It fails when a producer's
# finding lacks a figure its Chinese template names: the problem would
# fall back to the English message.  Then the same findings twice more:
# with every message replaced by other words (the Chinese must not
# change: it comes from each finding's data, not its message) and without
# their data (findings saved by an older upkeep: the Chinese is read from
# the English message, and must say the same).
set -eu
bin=$(dirname "$(command -v report)")
work=$(mktemp -d "${TMPDIR:-/tmp}/report_zh_month.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
sh "$UPKEEP_TOP/examples/demo.sh" "$bin" >/dev/null
for f in md txt json; do
	report -f $f --lang zh --fail-on never -m "$UPKEEP_TOP/examples/raci.csv" \
		demo/inspect.json demo/review.json demo/slo.json demo/raci.json >zh.$f
done
python3 - <<'PY'
import json, re, sys
KNOWN = set('''consecutive_failures error_rate latency_p95 error_burst log_gap
failed_logins stale_account dormant_admin unknown_user disabled_account_activity
expired_project availability response resolution no_accountable
multiple_accountable no_responsible too_many_responsible unknown_code
duplicate_activity idle_role accountable_bottleneck empty_matrix'''.split())
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'-]*(?:[ ,;:()]+[A-Za-z][A-Za-z'-]*){2,}")
doc = json.load(open('zh.json'))
probs = doc['problems']
bad = 0
md = open('zh.md', encoding='utf-8').read()
rows = [l for l in md.split('\n') if l.startswith('| ') and not l.startswith('|---')]
txt = re.sub(r'\s+', '', open('zh.txt', encoding='utf-8').read())
seen = set()
for p in probs:
    if p['check'] not in KNOWN:
        continue
    seen.add(p['check'])
    cells = [r[2:-2].split(' | ') for r in rows]
    mine = [c[3] for c in cells if len(c) > 3 and c[1] == p['check'] and c[2] == p['subject']]
    if len(mine) != 1:
        print('md: no single row for', p['check'], p['subject']); bad += 1; continue
    s = mine[0]
    if re.sub(r'\s+', '', s.replace('\\', '')) not in txt:
        print('txt: sentence missing:', s); bad += 1
    s = s.replace(p['subject'], ' ')
    s = re.sub(r'“[^”]*”', ' ', s)
    m = ENGLISH.search(s)
    if m:
        print(f"{p['check']} {p['subject']}: English left: {m.group(0)!r} in {mine[0]}"); bad += 1
print(f'{len(probs)} problems, checks {sorted(seen)}, {bad} wrong')
if len(seen) < 12:
    print('the example month has fewer checks than it used to'); bad += 1
sys.exit(1 if bad else 0)
PY
# the zh headline table: every label, status and unit Chinese -- no Latin
# letter in any of its rows ("pp" is 个百分点 there; the changes and their
# relative forms are checked in report/headline-change-2026-12-03)
head=$(sed -n '/^## 关键指标/,/^## 重点问题/p' zh.md | grep '^| ')
[ "$(printf '%s\n' "$head" | wc -l)" -eq 7 ] || { echo "FAIL zh.md: the headline table is not a header and 6 rows"; exit 1; }
if printf '%s\n' "$head" | grep '[A-Za-z]'; then
	echo "FAIL zh.md: Latin letters in the headline table"; exit 1
fi
python3 - <<'PY'
import json
for f in ('inspect', 'review', 'slo', 'raci'):
    d = json.load(open(f'demo/{f}.json'))
    for x in d.get('findings', []):
        x['message'] = 'changed ' + x['check']
    json.dump(d, open(f'chg-{f}.json', 'w'))
    d = json.load(open(f'demo/{f}.json'))
    for x in d.get('findings', []):
        x.pop('data', None)
    json.dump(d, open(f'old-{f}.json', 'w'))
PY
for v in chg old; do
	report -f md --lang zh --fail-on never -m "$UPKEEP_TOP/examples/raci.csv" \
		$v-inspect.json $v-review.json $v-slo.json $v-raci.json >$v.md
	# the data quality table names the inputs; the rest must be the same
	if ! diff zh.md $v.md | grep '^[<>]' | grep -v '^[<>] | [a-z-]* | \(demo/\|'$v'-\)'; then
		:
	else
		echo "$v: the Chinese report differs from the one with data and messages"
		exit 1
	fi
done
if grep -q 'changed ' chg.md; then
	echo "chg: a message was used where the data says the sentence"
	grep 'changed ' chg.md | head -3
	exit 1
fi
