# -f prom of inspect, review, sla-check and raci check on the example data
# (and with --label instance=..., job=...): `promtool check metrics` must
# exit 0 and report no lint problem (issue 19: 12, 6 and 10 problems
# before: _ms/_s units, _count on gauges, "summary" in names).  promtool
# is taken from $PROMTOOL, else PATH; without it the check is skipped
# with a message (.ci/run puts Debian's promtool in $PROMTOOL).  Without
# promtool, the names are still checked against the rules by grep.
set -u
ex=$UPKEEP_TOP/examples
work=$(mktemp -d "${TMPDIR:-/tmp}/prom_lint.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
inspect -f prom --period 2026-10 "$ex/events.csv" --accounts "$ex/accounts.csv" \
	--projects "$ex/projects.csv" >"$work/inspect.prom" 2>/dev/null
review -f prom --period 2026-10 "$ex/events.csv" --accounts "$ex/accounts.csv" \
	--features "$ex/features.csv" --survey "$ex/survey.csv" >"$work/review.prom" 2>/dev/null
sla-check -f prom --period 2026-10 --policy "$ex/sla.json" --outages "$ex/outages.csv" \
	--tickets "$ex/tickets.csv" >"$work/sla-check.prom" 2>/dev/null
raci check -f prom -m "$ex/raci.csv" >"$work/raci.prom" 2>/dev/null
sla-check -f prom --label instance='web "1"' --label job=upkeep --period 2026-10 \
	--policy "$ex/sla.json" --outages "$ex/outages.csv" >"$work/labels.prom" 2>/dev/null
for f in "$work"/*.prom; do
	name=$(basename "$f")
	[ -s "$f" ] || { echo "$name: empty"; status=1; continue; }
	# the rules, without promtool: no abbreviated unit, no _count, no
	# type word, a HELP and a TYPE line for each family
	if grep -v '^#' "$f" | grep -E '^[a-z_]*(_(ms|s|us|sec|count|summary|histogram|counter|gauge)([_{ ]))' >/dev/null; then
		echo "$name: a name promtool would not take:"
		grep -v '^#' "$f" | grep -E '^[a-z_]*(_(ms|s|us|sec|count|summary|histogram|counter|gauge)([_{ ]))' | head -3
		status=1
	fi
	fam=$(grep -v '^#' "$f" | sed 's/[{ ].*//' | sort -u | wc -l)
	help=$(grep -c '^# HELP ' "$f")
	type=$(grep -c '^# TYPE .* gauge$' "$f")
	[ "$fam" = "$help" ] && [ "$fam" = "$type" ] ||
		{ echo "$name: $fam families, $help HELP, $type TYPE lines"; status=1; }
done
# every series of the labelled output has both labels, first
n=$(grep -v '^#' "$work/labels.prom" | grep -vc '^[a-z_]*{instance="web \\"1\\"",job="upkeep"[,}]')
[ "$n" = 0 ] || { echo "labels.prom: $n series without the --label pairs"; status=1; }
promtool=${PROMTOOL:-$(command -v promtool 2>/dev/null)}
if [ -z "$promtool" ] || [ ! -x "$promtool" ]; then
	echo "promtool not installed: promtool check skipped"
	exit $status
fi
for f in "$work"/*.prom; do
	name=$(basename "$f")
	if ! out=$("$promtool" check metrics <"$f" 2>&1) || [ -n "$out" ]; then
		echo "$name: promtool check metrics:"
		echo "$out" | head -20
		status=1
	else
		echo "$name: promtool: no problem"
	fi
done
exit $status
