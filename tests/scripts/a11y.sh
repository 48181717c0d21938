# The HTML report against WCAG 2.1 AA (issue 19, item 5).  One page is made
# from tests/cases/report/html with its inspection findings turned into
# warnings, so that it shows every badge (red, amber, green, no data), both
# severity colours and the three charts.
# Always (no browser needed), read from the page itself:
#  - contrast by the WCAG 2.1 formula (relative luminance, (L1+.05)/(L2+.05)),
#    computed here in awk: every status badge (white text on its colour)
#    and severity colour (on white) at least 4.5:1, every chart fill and
#    stroke at least 3:1 against white and the #eee bar track;
#  - every table has a <thead>, every <th> a scope, every scrolling region
#    tabindex="0", a role and a label;
#  - the charts: no viewBox (so nothing scales them: their user unit is the
#    CSS pixel) and a CSS font size for their text of at least 11 px -- the
#    static proof that chart text is 11 px or more at any screen width;
#  - the print style repeats table headers (thead as table-header-group),
#    keeps a header with the first rows and rows whole.
# With Chromium and axe-core (build/npm/node_modules/axe-core, installed by
# .ci/run with npm; or $AXE_CORE_JS; or npm's global folder): the page in
# headless Chromium at 390 x 844 CSS px (a phone), axe-core run on it with
# the wcag2a/wcag2aa/wcag21a/wcag21aa/best-practice rules (no violation
# allowed), and the rendered size of every chart text measured in the
# browser (computed font size times the text's scale on screen,
# getScreenCTM), at least 11 px.  Without either, that part is skipped with
# a message and the script passes.
set -u
src=$UPKEEP_TOP/tests/cases/report/html
work=$(mktemp -d "${TMPDIR:-/tmp}/a11y.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

sed 's/"critical"/"warning"/g' "$src/inspect.json" >inspect.json
report -f html --fail-on never inspect.json "$src/review.json" "$src/sla.json" -o page.html ||
	{ echo "FAIL: report did not write page.html"; exit 1; }
for s in red amber green nodata; do
	grep -q "class=\"st st-$s\"" page.html || bad "no $s badge in the page"
done
grep -q 'class="sev-warning"' page.html || bad "no warning in the page"
grep -q 'class="sev-critical"' page.html || bad "no critical in the page"

# ---- contrast, by the WCAG 2.1 formula ----
# lines "NAME COLOUR MIN AGAINST..." -> "NAME ratio" and a failure below MIN
css=$(sed -n '/<style>/,/<\/style>/p' page.html)
var() { printf '%s\n' "$css" | sed -n "s/.*--$1:\(#[0-9a-fA-F]*\).*/\1/p" | head -n 1; }
colour_of() {	# the background of a badge class, var() resolved
	local v
	v=$(printf '%s\n' "$css" | sed -n "s/.*\.$1{background:\([^}]*\)}.*/\1/p" | head -n 1)
	case $v in var\(--*\)) v=${v#var(--}; var "${v%)}" ;; *) echo "$v" ;; esac
}
{
	for s in red amber green nodata; do
		echo "badge-$s $(colour_of "st-$s") 4.5 #fff"
	done
	for s in critical warning; do
		c=$(printf '%s\n' "$css" | sed -n "s/.*\.sev-$s{color:var(--\([a-z]*\)).*/\1/p")
		echo "text-$s $(var "$c") 4.5 #fff"
	done
	echo "meta-text $(var grey) 4.5 #fff"
	echo "chart-text $(printf '%s\n' "$css" | sed -n 's/.*svg text{[^}]*fill:\(#[0-9a-fA-F]*\).*/\1/p') 4.5 #fff"
	sed -n '/<svg/,/<\/svg>/p' page.html | grep -o '\(fill\|stroke\)="#[0-9a-fA-F]*"' |
		sed 's/.*="\(.*\)"/\1/' | sort -u | grep -vix '#eee' |
		while read -r c; do echo "chart-$c $c 3 #fff #eee"; done
} >colours
awk '
function hexval(h,   i, v) {
	h = tolower(h); v = 0
	for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
	return v
}
function chan(x) { x /= 255; return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ^ 2.4 }
function lum(c,   h) {
	h = substr(c, 2)
	if (length(h) == 3) h = substr(h,1,1) substr(h,1,1) substr(h,2,1) substr(h,2,1) substr(h,3,1) substr(h,3,1)
	if (length(h) != 6) return -1
	return 0.2126 * chan(hexval(substr(h,1,2))) + 0.7152 * chan(hexval(substr(h,3,2))) + 0.0722 * chan(hexval(substr(h,5,2)))
}
{
	a = lum($2)
	if (a < 0) { printf "FAIL: %s: no colour (%s)\n", $1, $2; bad = 1; next }
	for (i = 4; i <= NF; i++) {
		b = lum($i)
		r = a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05)
		printf "%s %s on %s: %.2f:1 (at least %s)\n", $1, $2, $i, r, $3
		if (r < $3) { printf "FAIL: %s below %s:1\n", $1, $3; bad = 1 }
	}
}
END { exit bad }' colours || fail=1

# ---- structure ----
tables=$(grep -c '<table>' page.html)
heads=$(grep -c '<thead><tr><th scope="col"' page.html)
[ "$tables" -gt 0 ] && [ "$tables" -eq "$heads" ] || bad "$tables tables, $heads with <thead> and <th scope>"
grep -o '<th[ >][^>]*' page.html | grep -v 'scope="' | head -n 1 | grep . && bad "a <th> without scope"
regions=$(grep -c '<div class="tbl" tabindex="0" role="region" aria-label="[^"]' page.html)
[ "$regions" -eq "$(grep -c '<div class="tbl"' page.html)" ] && [ "$regions" -eq "$tables" ] ||
	bad "$regions of $tables scrolling tables reachable by keyboard, with a role and a label"
echo "tables $tables, with thead $heads, keyboard regions $regions"

# ---- chart text: static geometry ----
charts=$(grep -c '<svg class="chart"' page.html)
[ "$charts" -eq 3 ] || bad "$charts charts, 3 expected"
grep -q '<svg[^>]*viewBox' page.html && bad "a chart with a viewBox: its text would scale with the screen"
fpx=$(printf '%s\n' "$css" | sed -n 's/.*svg text{font:\([0-9.]*\)px.*/\1/p')
echo "chart text: no viewBox, CSS font ${fpx:-?} px"
awk -v f="${fpx:-0}" 'BEGIN { exit !(f >= 11) }' || bad "chart font ${fpx:-none} px, under 11"
grep -q '<text[^>]* \(font-size\|style\|transform\)=' page.html && bad "a chart text with its own size or transform"

# ---- print ----
print=$(printf '%s\n' "$css" | sed -n 's/.*@media print{\(.*\)}$/\1/p')
for rule in 'thead{display:table-header-group' 'break-after:avoid' \
	'tbody tr:first-child{break-before:avoid}' 'tr,svg{break-inside:avoid}'; do
	case $print in *"$rule"*) ;; *) bad "print style lacks $rule" ;; esac
done

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
if [ -z "$browser" ]; then
	echo "skipped: the browser checks (axe-core, 390 px font sizes): no chromium"
	exit $fail
fi
if [ ! -f "$axe" ]; then
	echo "skipped: the browser checks (axe-core, 390 px font sizes): no axe-core (npm install --prefix build/npm axe-core)"
	exit $fail
fi
{
	sed '/<\/body>/,$d' page.html
	printf '<script>\n'
	cat "$axe"
	cat <<'EOF'
</script>
<script>
window.addEventListener("load", function () {
	var lines = [], min = Infinity, n = 0;
	lines.push("viewport " + document.documentElement.clientWidth);
	document.querySelectorAll("svg text").forEach(function (t) {
		var px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
		n++;
		if (px < min)
			min = px;
	});
	lines.push("chart-texts " + n + " smallest " + min.toFixed(2));
	axe.run(document, { runOnly: { type: "tag",
		values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
	.then(function (r) {
		var badges = document.querySelectorAll("span.st").length, seen = 0;
		r.passes.forEach(function (v) {
			if (v.id === "color-contrast")
				v.nodes.forEach(function (x) {
					if (/^<span class="st /.test(x.html))
						seen++;
				});
		});
		lines.push("badges " + badges + " contrast-passed " + seen);
		lines.push("axe " + axe.version + " passes " + r.passes.length +
			" violations " + r.violations.length);
		r.violations.forEach(function (v) {
			v.nodes.forEach(function (x) {
				lines.push("violation " + v.id + " " + x.target.join(" "));
			});
		});
		r.incomplete.forEach(function (v) {
			v.nodes.forEach(function (x) {
				var why = x.any.concat(x.all, x.none).map(function (c) {
					return c.data && c.data.messageKey ? c.data.messageKey : c.id;
				}).join(",");
				lines.push("incomplete " + v.id + " " + why + " " + x.target.join(" "));
			});
		});
		done(lines);
	}, function (e) { lines.push("axe error " + e); done(lines); });
	function done(l) {
		parent.postMessage(l.join("\n"), "*");
	}
});
</script>
</body>
</html>
EOF
} >check.html
# headless Chromium keeps its window at least 500 px wide: the page goes in
# a 390 x 844 frame, which passes the results up to be dumped
cat >outer.html <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>a11y</title></head>
<body style="margin:0">
<iframe src="check.html" title="report" style="width:390px;height:844px;border:0"></iframe>
<script>
window.addEventListener("message", function (e) {
	var pre = document.createElement("pre");
	pre.id = "a11y-result";
	pre.textContent = "\n" + e.data + "\n";
	document.body.appendChild(pre);
});
</script>
</body></html>
EOF
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
	--hide-scrollbars --user-data-dir="$PWD/profile" --window-size=800,900 \
	--virtual-time-budget=30000 --dump-dom "file://$PWD/outer.html" \
	>dom.html 2>browser.err
sed -n '/<pre id="a11y-result">/,/<\/pre>/p' dom.html | sed '1d;$d' >result
cat result
grep -q '^axe .* violations 0$' result || bad "axe-core found violations (or did not run)"
grep -q '^viewport 390$' result || bad "the page was not laid out 390 px wide"
awk '/^badges/ { ok = $2 > 0 && $2 == $4 } END { exit !ok }' result ||
	bad "axe-core did not pass the contrast of every status badge"
awk '/^chart-texts/ { ok = $2 > 0 && $4 >= 11 } END { exit !ok }' result ||
	bad "chart text under 11 px at 390 px (or not measured)"
exit $fail
