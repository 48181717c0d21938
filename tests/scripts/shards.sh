# Shards: examples/events.csv cut by split(1) into time-contiguous pieces,
# each run with --emit-state, the states merged with --from-state, must
# give what one run over the whole log gives, byte for byte: the findings
# as CSV, and the JSON document but for "inputs" (the merging run reads
# states, not the log).  "generated" is fixed by SOURCE_DATE_EPOCH (set by
# tests/run).  Several shard sizes, down to pieces of 97 rows, so that
# runs of failures, login windows, gaps and burst hours cross boundaries.
set -eu
ex=$UPKEEP_TOP/examples
ev=$ex/events.csv
fail=0
noinputs() {	# the JSON document without its "inputs" array
	awk '/^  "inputs": \[/{skip=1; next} skip&&/^  \],?$/{skip=0; next} !skip' "$1"
}
same() {	# what, expected, got
	if ! cmp -s "$2" "$3"; then
		echo "FAIL $1"
		diff -u "$2" "$3" | head -n 20
		fail=1
	fi
}

inspect --fail-on never -f csv --accounts "$ex/accounts.csv" --projects "$ex/projects.csv" "$ev" >single.csv
inspect --fail-on never -f json --accounts "$ex/accounts.csv" --projects "$ex/projects.csv" "$ev" >single.json
review -f json --period 2026-10 --accounts "$ex/accounts.csv" --features "$ex/features.csv" "$ev" >rsingle.json
# the quarter too: its month rows (DAU, coverage, CSAT by month) merge alike
review -f json --period 2026-Q4 --features "$ex/features.csv" --survey "$ex/survey.csv" "$ev" >qsingle.json
noinputs qsingle.json >qsingle.noin
grep -q '"feature_coverage": 0\.' qsingle.json || { echo "FAIL no month coverage in the quarter"; fail=1; }
noinputs single.json >single.noin
noinputs rsingle.json >rsingle.noin
head -n 1 "$ev" >header
for lines in 7000 1000 97; do
	rm -f part.* states rstates qstates
	tail -n +2 "$ev" | split -l "$lines" -d -a 4 - part.
	for p in part.????; do
		cat header "$p" >"$p.csv"
		inspect --emit-state "$p.state" "$p.csv"
		review --period 2026-10 --accounts "$ex/accounts.csv" --emit-state "$p.rstate" "$p.csv"
		printf -- '--from-state %s\n' "$p.state" >>states
		printf -- '--from-state %s\n' "$p.rstate" >>rstates
		review --period 2026-Q4 --emit-state "$p.qstate" "$p.csv"
		printf -- '--from-state %s\n' "$p.qstate" >>qstates
	done
	# shellcheck disable=SC2046
	inspect --fail-on never -f csv --accounts "$ex/accounts.csv" --projects "$ex/projects.csv" $(cat states) >merged.csv
	# shellcheck disable=SC2046
	inspect --fail-on never -f json --accounts "$ex/accounts.csv" --projects "$ex/projects.csv" $(cat states) >merged.json
	same "inspect csv, shards of $lines rows" single.csv merged.csv
	noinputs merged.json >merged.noin
	same "inspect json, shards of $lines rows" single.noin merged.noin
	# review: any order will do; merge them backwards
	# shellcheck disable=SC2046
	review -f json --period 2026-10 --accounts "$ex/accounts.csv" --features "$ex/features.csv" $(sort -r rstates) >rmerged.json
	noinputs rmerged.json >rmerged.noin
	same "review json, shards of $lines rows" rsingle.noin rmerged.noin
	# shellcheck disable=SC2046
	review -f json --period 2026-Q4 --features "$ex/features.csv" --survey "$ex/survey.csv" $(sort -r qstates) >qmerged.json
	noinputs qmerged.json >qmerged.noin
	same "review quarter json, shards of $lines rows" qsingle.noin qmerged.noin
done
# the reference run found something of each order-sensitive kind, so the
# comparison above is not vacuous
for k in consecutive_failures failed_logins log_gap error_burst; do
	grep -q ",$k," single.csv || { echo "FAIL no $k finding in the reference"; fail=1; }
done
# a state of the other command, or of other options, is refused
if inspect --from-state part.0000.rstate >/dev/null 2>err; then echo "FAIL review state accepted by inspect"; fail=1; fi
if inspect --gap 2h --from-state part.0000.state >/dev/null 2>err; then echo "FAIL state of other options accepted"; fail=1; fi
grep -q 'other options' err || { echo "FAIL message: $(cat err)"; fail=1; }
exit $fail
