# json.sh: JSON inputs -- envelopes and previous reports (report), the
# previous review (review), findings (raci route), JSON and NDJSON logs,
# the policy (sla-check) -- empty, garbage, nested 100 000 deep, of the
# wrong type, with NUL and invalid UTF-8, and a 10 MB string.
deep() { awk -v p="$1" -v s="$2" 'BEGIN { printf "%s", p; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print s }'; }
: >j-empty.json
awk 'BEGIN { srand(11); for (i = 0; i < 3000; i++) printf "%c", int(rand() * 256) }' >j-garbage.json
deep '' '' >j-deep.json
deep '{"tool": "inspect", "findings": ' '}' >j-deepmember.json
printf '{"tool": "inspect", "findings": [{"check": "a\000b"}]}\n' >j-nul.json
printf '{"tool": "inspect", "findings": [{"check": "a\377b"}]}\n' >j-utf8.json
printf '{"tool": "inspect", "findings": [{"check": "a\\u0000b"}]}\n' >j-nulescape.json
printf '{"tool": "inspect", "findings": [' >j-open.json
{ printf '{"tool": "inspect", "findings": [{"check": "'; head -c 10000000 /dev/zero | tr '\0' x; printf '"}]}\n'; } >j-big.json
printf '{"tool": "inspect", "findings": "none"}\n' >j-type1.json
printf '{"tool": "review", "metrics": [1, 2]}\n' >j-type2.json
printf '{"tool": "sla-check", "objectives": {"a": 1}}\n' >j-type3.json
printf '{"tool": 7}\n' >j-type4.json
printf '[{"tool": "inspect"}]\n' >j-type5.json
printf '{"tool": "inspect", "findings": [1, "two"]}\n' >j-type6.json
printf '{"tool": "inspect", "period": "2026-10"}\n' >j-type7.json
# a good month for the year view (--previous twice) beside each bad file
printf '{"tool": "report", "period": {"start": "2026-10-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"}}\n' >j-month.json
for k in empty garbage deep deepmember nul utf8 nulescape open big type1 type2 type3 type4 type5 type6 type7; do
	if [ $k = big ]; then	# a long check name is not wrong
		t "report envelope: $k" ok "" report -f md j-$k.json
	else
		t "report envelope: $k" 2 "j-$k\\.json(:[0-9]+)?: " report -f md j-$k.json
	fi
	t "report --previous: $k" 2 "j-$k\\.json(:[0-9]+)?: " report -f md --previous j-$k.json env.json
	t "report year view: $k" 2 "j-$k\\.json(:[0-9]+)?: " report -f txt --previous j-$k.json --previous j-month.json
	t "review --previous: $k" any "" review -f json --previous j-$k.json ev.csv
	t "raci route: $k" any "" raci route -f json -m raci.csv --input-format json j-$k.json
	t "policy: $k" 2 "j-$k\\.json(:[0-9]+)?: " sla-check -f json --policy j-$k.json --period 2026-10 --outages ev.csv
	t "inspect JSON log: $k" any "" inspect -f json --fail-on never --input-format json j-$k.json
	t "inspect NDJSON log: $k" any "" inspect -f json --fail-on never --input-format ndjson j-$k.json
done
# a JSON log with a value of the wrong type in a row
printf '[{"time": "2026-10-01T08:00:00Z", "user": "u1", "feature": "f", "status": "ok"},\n {"time": [1], "user": "u2", "feature": "f", "status": "ok"}]\n' >jl.json
t "JSON log: time an array" rej "jl\\.json: 1 rows? rejected \\(first at line 2: .*time" inspect -f json --fail-on never jl.json
t "JSON log: time an array, strict" 2 "jl\\.json:2: .*time" inspect -f json --fail-on never --strict jl.json
printf '{"time": "2026-10-01T08:00:00Z", "user": "u1", "feature": "f", "status": "ok"}\n{"time": {}, "user": "u2"}\n[]\nnot json\n' >jl.ndjson
t "NDJSON log: bad lines" rej "jl\\.ndjson: 3 rows? rejected \\(first at line 2: " review -f json jl.ndjson
t "NDJSON log: bad lines, strict" 2 "jl\\.ndjson:2: " review -f json --strict jl.ndjson
# year view: a month's report whose members have the wrong type is drawn
# with no data, never a crash; a period or SLA rows of the wrong type, an
# availability out of 0..1, a credit out of 0..100 are refused
printf '{"tool": "report", "period": {"start": "2026-09-01T00:00:00Z", "end": "2026-10-01T00:00:00Z"}, "sla": null, "usage": [1], "counts": "x", "title": 5}\n' >j-ytype1.json
printf '{"tool": "report", "period": {"start": "2026-08-01T00:00:00Z", "end": "2026-09-01T00:00:00Z"}, "sla": [{"objective": "availability", "actual": "high", "credit": "x"}, {"objective": "response", "actual": 7, "target": -3}], "usage": {"metrics": {"error_rate": 1e308, "dau_avg": -1e308, "csat": "x"}}}\n' >j-ytype2.json
printf '{"tool": "report", "period": {"start": "2026-08-01T00:00:00Z", "end": "2026-09-01T00:00:00Z"}, "sla": {"a": 1}}\n' >j-ytype4.json
printf '{"tool": "report", "period": {"start": "2026-08-01T00:00:00Z", "end": "2026-09-01T00:00:00Z"}, "sla": [1]}\n' >j-ytype5.json
printf '{"tool": "report", "period": {"start": "2026-08-01T00:00:00Z", "end": "2026-09-01T00:00:00Z"}, "sla": [{"objective": "availability", "actual": -1e308}]}\n' >j-ytype6.json
printf '{"tool": "report", "period": {"start": "2026-08-01T00:00:00Z", "end": "2026-09-01T00:00:00Z"}, "sla": [{"objective": "availability", "credit": 1e308}]}\n' >j-ytype7.json
printf '{"tool": "report", "period": "2026-10"}\n' >j-ytype3.json
for f in html md txt json; do
	t "report year view: wrong-typed members, $f" ok "" report -f $f --previous j-ytype1.json --previous j-ytype2.json --previous j-month.json
done
t "report year view: period a string" 2 "j-ytype3\\.json: key \"period\": not an object" report -f txt --previous j-ytype3.json --previous j-month.json
t "report year view: sla an object" 2 "j-ytype4\\.json: key \"sla\": not an array" report -f txt --previous j-ytype4.json --previous j-month.json
t "report year view: sla row a number" 2 "j-ytype5\\.json: key \"sla\": element 1 is not an object" report -f txt --previous j-ytype5.json --previous j-month.json
t "report year view: availability -1e308" 2 "j-ytype6\\.json: key \"sla\": element 1: actual .* is not a fraction" report -f txt --previous j-ytype6.json --previous j-month.json
t "report year view: credit 1e308" 2 "j-ytype7\\.json: key \"sla\": element 1: credit .* is not a percentage" report -f txt --previous j-ytype7.json --previous j-month.json
rm -f j-*.json
