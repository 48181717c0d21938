# make.sh: the hostile input files of tests/scripts/hostile.sh.

# Good supporting inputs the cases point at.
make_support() {
	printf 'time,user,feature,status\n2026-10-01T08:00:00Z,u1,issue.view,ok\n' >ev.csv
	printf 'activity,IT,PMO,checks\nbackup,A/R,I,log_gap\n' >raci.csv
	cat >sla.json <<'J'
{"name": "t", "timezone": "UTC",
 "availability": {"target": 99.9, "credits": [{"below": 99.9, "credit": 10}]},
 "response": {"P1": "2h", "P2": "4h"}, "resolution": {"P1": "8h"},
 "calendar": {"days": "Mon-Fri", "hours": "09:00-18:00", "holidays": ["2026-10-01"]},
 "business_hours": ["response"]}
J
	inspect -f json --fail-on never ev.csv >env.json
}

# make_csv_set SLOT HEADER ROW: SLOT-KIND.csv for every kind of bad file.
# The bad value goes into the first column, which every input wants.
make_csv_set() {
	local s=$1 h=$2 row=$3 rest=${3#*,} first=${2%%,*}
	: >"$s-empty.csv"
	printf '%s\n' "$h" >"$s-hdr.csv"
	# deterministic binary garbage: no header a command could accept
	awk 'BEGIN { srand(7); for (i = 0; i < 3000; i++) printf "%c", int(rand() * 256) }' >"$s-garbage.csv"
	printf '%s\nu\000x,%s\n' "$h" "$rest" >"$s-nul.csv"
	printf '%s\nu\377\376x,%s\n' "$h" "$rest" >"$s-utf8.csv"
	printf '%s\n%s\n"open,%s\n' "$h" "$row" "$rest" >"$s-openq.csv"
	{ printf '%s\n' "$h"; head -c 10000000 /dev/zero | tr '\0' x; printf ',%s\n' "$rest"; } >"$s-big.csv"
	awk -v h="$h" -v r="$row" 'BEGIN {
		printf "%s", h; for (i = 0; i < 100000; i++) printf ",c%d", i; print ""
		# "R": a RACI letter, so that a matrix gives few findings
		printf "%s", r; for (i = 0; i < 100000; i++) printf ",R"; print "" }' >"$s-wide.csv"
	printf '%s,%s\n%s,x\n' "$h" "$first" "$row" >"$s-dup.csv"
	printf '%s,\n%s,x\n' "$h" "$row" >"$s-emptyname.csv"
	printf '%s\n%s\n%s,extra,extra\n' "$h" "$row" "$row" >"$s-ragged.csv"
}
