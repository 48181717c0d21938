# The year view (report --history, issue 20 item 6) over the hand-made
# year of tests/cases/report/year-scorecard (eleven monthly reports, July
# missing; its expout pins every number of the txt chart):
#  - txt and md: the sections in order (title, period, scorecard, the SLA
#    table, trends with its six charts in order), a chart line a month
#    with its month, the gap as "no report"; the chart lines plain ASCII
#    and the output the same under TERM=dumb;
#  - the numbers of the txt chart are those of the -f json document's
#    months (availability, error rate, DAU, open problems, credits);
#  - html: no script, no viewBox, scorecard before trends, six SVG charts
#    each with role img, a <title> and a <desc> listing all twelve months,
#    July a gap in each; every table header scoped; chart text at least
#    11 px; the page's colours at least 4.5:1 (text) or 3:1 (marks) on
#    white by the WCAG 2.1 formula;
#  - zh: the section titles in Chinese, none of the English ones;
#  - with Chromium and axe-core (found as tests/scripts/a11y.sh finds
#    them; else skipped with a message): the page at 390 CSS px, axe-core's
#    wcag2a/aa, wcag21a/aa and best-practice rules with no violation, and
#    every chart text at least 11 px on screen.
set -u
hist=$UPKEEP_TOP/tests/cases/report/year-scorecard/hist
fail=0
bad() { echo "FAIL: $*"; fail=1; }

report -f txt --history "$hist" >y.txt || bad "txt: exit $?"
TERM=dumb report -f txt --history "$hist" >dumb.txt
cmp -s y.txt dumb.txt || bad "txt differs under TERM=dumb"
report -f md --history "$hist" >y.md || bad "md: exit $?"
report -f json --history "$hist" >y.json || bad "json: exit $?"
report -f html --history "$hist" >y.html || bad "html: exit $?"
report -f txt --lang zh --history "$hist" >zh.txt || bad "zh: exit $?"

# ---- order of the sections ----
order() {	# file pattern... : each found, each after the one before
	local f=$1 last=0 n p; shift
	for p in "$@"; do
		n=$(grep -n -x -F -- "$p" "$f" | head -n 1 | cut -d: -f1)
		if [ -z "$n" ]; then bad "$f: no \"$p\""; continue; fi
		[ "$n" -gt "$last" ] || bad "$f: \"$p\" (line $n) before the previous section (line $last)"
		last=$n
	done
}
# whole lines, each after the one before
titles=("Availability against target" "Error rate" "Daily active users (average)"
	"Satisfaction (CSAT)" "Open problems (new, resolved)" "Credits due")
order y.txt "Acme tracker (Acme Ltd) — Year view" "Period: 2026-01 – 2026-12 (12 months)" \
	"Vendor scorecard" "  Every SLA objective met in 7 of 11 months judged." \
	"  Month    Availability  Target  SLA met  Objectives met  Credit due" \
	"Trends by month" "${titles[@]/#/  }"
order y.md "# Acme tracker (Acme Ltd) — Year view" "## Vendor scorecard" \
	"- Every SLA objective met in 7 of 11 months judged." \
	"| Month | Availability | Target | SLA met | Objectives met | Credit due |" \
	"## Trends by month" "${titles[@]/#/### }"
htmlorder() {	# patterns (fixed strings), each first found after the one before
	local last=0 n p
	for p in "$@"; do
		n=$(grep -n -F -- "$p" y.html | head -n 1 | cut -d: -f1)
		if [ -z "$n" ]; then bad "y.html: no \"$p\""; continue; fi
		[ "$n" -gt "$last" ] || bad "y.html: \"$p\" (line $n) before the previous section"
		last=$n
	done
}
htmlorder '<h1>' 'id="scorecard"' 'id="trends"' 'id="y-availability"' 'id="y-error_rate"' \
	'id="y-dau_avg"' 'id="y-csat"' 'id="y-open_problems"' 'id="y-credit"'

# ---- the chart lines: one a month, ASCII, the gap ----
charts=$(grep -E '^  2026-[0-9]{2}  [#.| ]{32}  [^ ]' y.txt)
n=$(printf '%s\n' "$charts" | wc -l)
[ "$n" -eq 72 ] || bad "txt: $n chart lines, want 6 charts x 12 months"
printf '%s\n' "$charts" | LC_ALL=C grep -q '[^ -~]' && bad "txt: a chart line is not plain ASCII"
g=$(printf '%s\n' "$charts" | grep -c '^  2026-07  *no report$')
[ "$g" -eq 6 ] || bad "txt: July is a gap in $g charts, want 6"

# ---- the txt chart's numbers against the JSON document ----
if command -v python3 >/dev/null 2>&1; then
	python3 - y.json y.txt <<'PY' || fail=1
import json, re, sys
doc = json.load(open(sys.argv[1]))
txt = open(sys.argv[2]).read().split("\n")
months = doc["history"]["months"]
def chart(title):
    i = txt.index("  " + title)
    return txt[i + 1:i + 1 + len(months)]
def pct(v, d):
    s = "%.10g" % (round(v * 100, d))
    return s + "%"
ok = True
for title, key, fmt in [("Availability against target", "availability", lambda v: pct(v, 3)),
                        ("Error rate", "error_rate", lambda v: pct(v, 2)),
                        ("Daily active users (average)", "dau_avg", lambda v: "%.10g" % round(v, 1)),
                        ("Open problems (new, resolved)", "open_problems", lambda v: "%d" % v),
                        ("Credits due", "credit", lambda v: "%.10g%%" % v)]:
    for m, line in zip(months, chart(title)):
        want = "no report" if m["file"] is None else fmt(m[key])
        got = re.split(r"  +", line.strip())
        if got[0] != m["month"] or not got[-1].startswith(want):
            print("FAIL: %s %s: chart says %r, the document %r" % (title, m["month"], line, want))
            ok = False
sys.exit(0 if ok else 1)
PY
else
	echo "skipped: python3 missing, the chart's numbers are not compared with the JSON"
fi

# ---- html ----
grep -qi '<script' y.html && bad "html: a script"
grep -q 'viewBox' y.html && bad "html: a viewBox"
k=$(grep -c '<svg class="chart"[^>]*role="img" aria-labelledby="y-[a-z_]*-t" aria-describedby="y-[a-z_]*-d"' y.html)
[ "$k" -eq 6 ] || bad "html: $k charts with role img and title/desc ids, want 6"
k=$(grep -c '<title id="y-' y.html)
[ "$k" -eq 6 ] || bad "html: $k chart titles, want 6"
k=$(grep '<desc id="y-' y.html | grep -c '2026-01: .*2026-07: no report.*2026-12: ')
[ "$k" -eq 6 ] || bad "html: $k chart descriptions list every month with July's gap, want 6"
k=$(grep -c 'text-anchor="end" class="gap">no report</text>' y.html)
[ "$k" -eq 6 ] || bad "html: July drawn as a gap in $k charts, want 6"
grep -o '<th[ >][^>]*>' y.html | grep -v 'scope="' >/dev/null && bad "html: a <th> without scope"
grep -q '<div class="tbl" tabindex="0" role="region" aria-label="' y.html || bad "html: the table is not a labelled region"
css=$(sed -n '/<style>/,/<\/style>/p' y.html)
fs=$(printf '%s\n' "$css" | sed -n 's/.*svg text{font:\([0-9]*\)px.*/\1/p')
[ "${fs:-0}" -ge 11 ] || bad "html: chart text ${fs:-?} px, want 11 or more"
# colours: text ones 4.5:1, chart marks 3:1 on white
colours=$(
	{ printf '%s\n' "$css" | grep -o 'fill:#[0-9a-fA-F]*' | sed 's/fill:/text /'
	  printf '%s\n' "$css" | grep -o -- '--[a-z]*:#[0-9a-fA-F]*' | sed 's/--[a-z]*:/text /'
	  grep -o 'fill="#[0-9a-fA-F]*"' y.html | sort -u | sed 's/fill="\(.*\)"/mark \1/' | grep -v -i '#eee$'
	  grep -o 'stroke="#[0-9a-fA-F]*"' y.html | sort -u | sed 's/stroke="\(.*\)"/mark \1/'
	} | sort -u)
while read -r kind c; do
	r=$(awk -v c="${c#\#}" 'function lin(x){x/=255; return x<=0.03928 ? x/12.92 : ((x+0.055)/1.055)^2.4}
		function hex(s){return index("0123456789abcdef", tolower(substr(s,1,1)))*16-16+index("0123456789abcdef", tolower(substr(s,2,1)))-1}
		BEGIN{ if (length(c)==3) c=substr(c,1,1) substr(c,1,1) substr(c,2,1) substr(c,2,1) substr(c,3,1) substr(c,3,1);
		L=0.2126*lin(hex(substr(c,1,2)))+0.7152*lin(hex(substr(c,3,2)))+0.0722*lin(hex(substr(c,5,2)));
		printf "%.2f", 1.05/(L+0.05)}')
	min=4.5; [ "$kind" = mark ] && min=3
	awk -v r="$r" -v m="$min" 'BEGIN{exit !(r+0 >= m+0)}' || bad "html: $kind colour $c is $r:1 on white, want $min"
done <<<"$colours"

# ---- zh ----
grep -q '供应商评分卡' zh.txt || bad "zh: no 供应商评分卡"
grep -q '月度趋势' zh.txt || bad "zh: no 月度趋势"
grep -q -E 'Vendor scorecard|Trends by month|no report' zh.txt && bad "zh: an English label"

# ---- in the browser ----
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
axe=${AXE_CORE_JS:-}
[ -n "$axe" ] || axe=$UPKEEP_TOP/build/npm/node_modules/axe-core/axe.min.js
if [ ! -f "$axe" ] && command -v npm >/dev/null 2>&1; then
	axe=$(npm root -g 2>/dev/null)/axe-core/axe.min.js
fi
if [ -z "$browser" ] || [ ! -f "$axe" ]; then
	missing=chromium
	[ -n "$browser" ] && missing=axe-core
	echo "skipped: the year page in the browser (axe-core, 390 px): no $missing"
	exit $fail
fi
{
	sed '/<\/body>/,$d' y.html
	printf '<script>\n'
	cat "$axe"
	cat <<'JS'
</script>
<script>
window.addEventListener("load", function () {
	var l = ["viewport " + document.documentElement.clientWidth], min = Infinity, n = 0;
	document.querySelectorAll("svg text").forEach(function (t) {
		var px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
		n++;
		if (px < min)
			min = px;
	});
	l.push("chart-texts " + n + " smallest " + min.toFixed(2));
	axe.run(document, { runOnly: { type: "tag",
		values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
	.then(function (r) {
		l.push("axe " + axe.version + " passes " + r.passes.length + " violations " + r.violations.length);
		r.violations.forEach(function (v) {
			v.nodes.forEach(function (x) { l.push("violation " + v.id + " " + x.target.join(" ")); });
		});
		parent.postMessage(l.join("\n"), "*");
	}, function (e) { l.push("axe error " + e); parent.postMessage(l.join("\n"), "*"); });
});
</script>
</body>
</html>
JS
} >check.html
cat >outer.html <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>year</title></head>
<body style="margin:0">
<iframe src="check.html" title="year view" style="width:390px;height:844px;border:0"></iframe>
<script>
window.addEventListener("message", function (e) {
	var pre = document.createElement("pre");
	pre.id = "result";
	pre.textContent = "\n" + e.data + "\n";
	document.body.appendChild(pre);
});
</script>
</body></html>
HTML
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
	--hide-scrollbars --user-data-dir="$PWD/profile" --window-size=800,900 \
	--virtual-time-budget=30000 --dump-dom "file://$PWD/outer.html" >dom.html 2>browser.err
sed -n '/<pre id="result">/,/<\/pre>/p' dom.html | sed '1d;$d' >result
cat result
grep -q '^axe .* violations 0$' result || bad "axe-core found violations on the year page (or did not run)"
grep -q '^viewport 390$' result || bad "the year page was not laid out 390 px wide"
awk '/^chart-texts/ { ok = $2 > 0 && $4 >= 11 } END { exit !ok }' result ||
	bad "year chart text under 11 px at 390 px (or not measured)"
exit $fail
