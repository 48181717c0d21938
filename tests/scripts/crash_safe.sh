# crash_safe.sh: a command killed with SIGKILL while it writes -o FILE
# leaves FILE with either its old content or the complete new one (-o
# writes a temporary file beside FILE and renames it).  Each command runs
# over the example month and is killed after a growing delay, so that the
# kill lands before, during and after the write.
set -u
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1790000000}	# the same output each run
ex=$UPKEEP_TOP/examples
status=0
check() {	# check NAME OUTFILE COMMAND...: SIGKILL at several moments
	local name=$1 out=$2 d i
	shift 2
	"$@" >/dev/null 2>&1
	cp "$out" ref
	for d in 0 0.005 0.01 0.02 0.04 0.06 0.1 0.15 0.2 0.3; do
		for i in 1; do
			printf 'old content %s\n' "$d" >"$out"
			cp "$out" old
			"$@" >/dev/null 2>&1 &
			sleep "$d"
			kill -KILL $! 2>/dev/null
			wait $! 2>/dev/null
			if ! cmp -s "$out" old && ! cmp -s "$out" ref; then
				echo "$name: killed after ${d}s: $out is neither the old nor the complete new content"
				echo "  $(wc -c <"$out") bytes; complete: $(wc -c <ref)"
				status=1
			fi
		done
	done
	rm -f ".$out".* 2>/dev/null	# the temporary files of killed runs
}
check inspect out.json inspect -f json --fail-on never --period 2026-10 -o out.json "$ex/events.csv" \
	--accounts "$ex/accounts.csv" --projects "$ex/projects.csv"
check review out.csv review -f csv --rows daily -o out.csv "$ex/events.csv"
check sla-check out.json sla-check -f json --fail-on never --policy "$ex/sla.json" \
	--outages "$ex/outages.csv" --tickets "$ex/tickets.csv" --period 2026-10 -o out.json
check raci out.md raci convert -f md -m "$ex/raci.csv" -o out.md
inspect -f json --fail-on never "$ex/events.csv" >env.json
check report out.html report -f html --fail-on never -m "$ex/raci.csv" env.json -o out.html
exit $status
