# hostile.sh: every command against bad input (issue #10).  Each case must
# end with the status it names -- 2, or 0/1 with the bad rows counted and
# reported -- never by a signal, a hang (timeout 10 s) or running out of
# its memory bound (ulimit -v 1 GiB, not under a sanitizer); and stderr
# must match the case's pattern, which names file and line where a row is
# concerned.  The inputs are made here, in the scratch folder.
set -u
top=$UPKEEP_TOP
. "$top/tests/hostile/lib.sh"
. "$top/tests/hostile/make.sh"

# ---- CSV inputs of every command: the same ten hostile files each -------
# slot name, header, one good row, the command line with @ for the file,
# flags: s (has --strict), r (raw mode: a duplicate header name is accepted)
slots() {
	cat <<'X'
events|time,user,feature,status,latency_ms,project,ip|2026-10-01T08:00:00Z,u1,issue.view,ok,5,P,10.0.0.1|inspect -f json --fail-on never @|s
accounts|user,role,status,created,last_login|u1,admin,active,2026-01-01T00:00:00Z,2026-10-01T00:00:00Z|inspect -f json --fail-on never --accounts @ ev.csv|s
projects|project,owner,status,end,last_activity|P,u1,active,,2026-10-01T00:00:00Z|inspect -f json --fail-on never --projects @ ev.csv|s
revents|time,user,feature,status|2026-10-01T08:00:00Z,u1,issue.view,ok|review -f json @|s
features|feature,module|issue.view,issue|review -f json --features @ ev.csv|s
survey|user,score,time|u1,4,2026-10-02T00:00:00Z|review -f json --survey @ ev.csv|s
outages|start,end,service,planned|2026-10-06T07:05:00Z,2026-10-06T07:17:00Z,web,no|sla-check -f json --fail-on never --policy sla.json --period 2026-10 --outages @|s
tickets|id,priority,opened,first_response,resolved|T1,P1,2026-10-06T07:05:00Z,2026-10-06T08:00:00Z,2026-10-07T00:00:00Z|sla-check -f json --fail-on never --policy sla.json --period 2026-10 --tickets @|s
probes|time,check,up|2026-10-06T07:05:00Z,home,1|sla-check -f json --fail-on never --policy sla.json --period 2026-10 --probes @|s
matrix|activity,IT,PMO,checks|backup,A/R,I,log_gap|raci check -f json --fail-on never -m @|s
rmatrix|activity,IT,PMO,checks|backup,A/R,I,log_gap|report -f md --fail-on never -m @ env.json|
findings|check,severity,subject,message|log_gap,warning,x,m|raci route -f json -m raci.csv @|
X
}
make_support
while IFS='|' read -r slot hdr row cmdline flags; do
	make_csv_set "$slot" "$hdr" "$row"
	first=${hdr%%,*}
	# shellcheck disable=SC2086
	run() {	# run FILE NAME WANT PATTERN [OPTION...]
		local f=$1 name=$2 want=$3 re=$4
		shift 4
		t "$name" "$want" "$re" ${cmdline%%@*} "$f" ${cmdline#*@} "$@"
	}
	srun() { case $flags in *s*) run "$@" ;; esac; }	# only with --strict
	run "$slot-empty.csv" "$slot: empty file" 2 "$slot-empty\\.csv(:1)?: .*empty"
	run "$slot-hdr.csv" "$slot: header only" ok ""
	run "$slot-garbage.csv" "$slot: binary garbage" 2 "$slot-garbage\\.csv:1(:[0-9]+)?: "
	run "$slot-nul.csv" "$slot: NUL byte" rej "$slot-nul\\.csv: 1 rows? rejected \\(first at line 2: .*NUL"
	srun "$slot-nul.csv" "$slot: NUL byte, strict" 2 "$slot-nul\\.csv:2: .*NUL" --strict
	run "$slot-utf8.csv" "$slot: invalid UTF-8" rej "$slot-utf8\\.csv: 1 rows? rejected \\(first at line 2: .*UTF-8"
	srun "$slot-utf8.csv" "$slot: invalid UTF-8, strict" 2 "$slot-utf8\\.csv:2: .*UTF-8" --strict
	run "$slot-openq.csv" "$slot: quote open at end of file" rej "$slot-openq\\.csv: 1 rows? rejected \\(first at line 3: .*quote"
	srun "$slot-openq.csv" "$slot: quote open at end of file, strict" 2 "$slot-openq\\.csv:3: .*quote" --strict
	run "$slot-big.csv" "$slot: 10 MB field" any ""
	run "$slot-wide.csv" "$slot: 100 000 columns" any ""
	case $flags in
	*r*) run "$slot-dup.csv" "$slot: duplicate header name" any "" ;;
	*) run "$slot-dup.csv" "$slot: duplicate header name" 2 "$slot-dup\\.csv:1: .*(duplicate|twice).*\"$first\"" ;;
	esac
	run "$slot-emptyname.csv" "$slot: empty header name" any ""
	run "$slot-ragged.csv" "$slot: wrong number of fields" rej "$slot-ragged\\.csv: 1 rows? rejected \\(first at line 3: "
	srun "$slot-ragged.csv" "$slot: wrong number of fields, strict" 2 "$slot-ragged\\.csv:3: " --strict
	rm -f "$slot"-*.csv
done <<EOF2
$(slots)
EOF2

. "$top/tests/hostile/values.sh"
. "$top/tests/hostile/json.sh"
finish
