# Checks review on examples/events.csv against independent.awk.
ev=$UPKEEP_TOP/examples/events.csv
[ -f "$ev" ] || { echo "no $ev"; exit 1; }
awk -v month=2026-10 -f independent.awk "$ev" > want.txt || { cat want.txt; exit 1; }
review -f csv --period 2026-10 "$ev" > metrics.csv || exit 1
review -f csv --period 2026-10 --rows features "$ev" > features.csv || exit 1
# the CSV columns by name, so that a new column does not break the check
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print "events " $c["events"]; print "active_users " $c["active_users"]
	  printf "error_rate %.9f\n", $c["error_rate"] }' metrics.csv > got.txt
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print "feature " $c["feature"] " " $c["events"] " " $c["users"] " " $c["errors"] }' features.csv >> got.txt
if diff want.txt got.txt; then
	echo "review agrees with independent.awk on examples/events.csv"
else
	exit 1
fi
