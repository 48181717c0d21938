# independent.awk: the review figures of an events CSV for one month,
# computed without upkeep, to check review on examples/events.csv.
# Usage: awk -v month=2026-10 -f independent.awk events.csv
# Times must be UTC with "Z" (examples/README.md says they are); the first
# six columns must be time,user,feature,status,latency_ms,project and hold
# no quotes (checked).  Prints "events N", "active_users N",
# "error_rate R" (9 decimals) and "feature NAME EVENTS USERS ERRORS",
# features in byte order (LC_ALL=C sort).
BEGIN { FS = "," }
NR == 1 {
	if ($1 != "time" || $2 != "user" || $3 != "feature" || $4 != "status") {
		print "unexpected header: " $0; bad = 1; exit 1
	}
	next
}
{
	for (i = 1; i <= 6; i++)
		if (index($i, "\"")) { print "quoted field on line " NR; bad = 1; exit 1 }
	if (substr($1, 1, 7) != month || substr($1, length($1)) != "Z")
		next
	s = tolower($4)
	if (s == "ok" || s == "success" || s == "true") err = 0
	else if (s == "error" || s == "fail" || s == "failure" || s == "false") err = 1
	else if (s ~ /^[1-5][0-9][0-9]$/) err = (s + 0 >= 500)
	else { print "status not handled here: " s; bad = 1; exit 1 }
	events++
	errors += err
	if (!($2 in seen)) { seen[$2] = 1; users++ }
	fev[$3]++
	ferr[$3] += err
	if (!(($3, $2) in fu)) { fu[$3, $2] = 1; fusers[$3]++ }
}
END {
	if (bad)
		exit 1
	print "events " events
	print "active_users " users
	printf "error_rate %.9f\n", errors / events
	for (f in fev)
		print "feature " f " " fev[f] " " fusers[f] " " ferr[f] | "LC_ALL=C sort"
}
