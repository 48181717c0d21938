# Dask (issue 21, item 3): examples/dask/upkeep_dask.py on a LocalCluster
# of 2 worker processes on 127.0.0.1 (--workers 2), over a generated month
# cut into 8 blocks, must write what one run of review and of inspect
# writes, byte for byte ("inputs" and all).  Skipped, with a message, where
# Debian's /usr/bin/python3 lacks distributed (python3-distributed; .ci/run
# installs it).
set -eu
ex=$UPKEEP_TOP/examples
py=/usr/bin/python3
if ! [ -x "$py" ] || ! "$py" -c 'import distributed' 2>/dev/null; then
	echo "skipped: $py lacks distributed (apt-get install python3-distributed)"
	exit 0
fi
fail=0
python3 "$ex/generate.py" --events 120000 --out month >/dev/null
size=$(stat -c %s month/events.csv)
bs=$((size / 8))	# 8 blocks (read_bytes spreads the rest over them)
same() {	# what, expected, got
	if ! cmp -s "$2" "$3"; then
		echo "FAIL $1"
		diff -u "$2" "$3" | head -n 20
		fail=1
	fi
}
blocks() {	# what, stderr file: 8 blocks said
	grep -q 'upkeep_dask.py: 8 blocks' "$2" || { echo "FAIL $1: not 8 blocks: $(cat "$2")"; fail=1; }
}
dask() { UPKEEP_DEBUG_JOBS=1 "$py" "$ex/dask/upkeep_dask.py" --workers 2 --blocksize "$bs" "$@"; }

review -f json --period 2026-10 --accounts month/accounts.csv --features month/features.csv month/events.csv >review.one
dask review -f json --period 2026-10 --accounts month/accounts.csv --features month/features.csv month/events.csv >review.dask 2>review.err
same "review on dask" review.one review.dask
blocks review review.err

inspect -f json --fail-on never --period 2026-10 --accounts month/accounts.csv --projects month/projects.csv month/events.csv >inspect.one
dask inspect -f json --fail-on never --period 2026-10 --accounts month/accounts.csv --projects month/projects.csv month/events.csv >inspect.dask 2>inspect.err
same "inspect on dask" inspect.one inspect.dask
blocks inspect inspect.err
grep -q '"consecutive_failures"' inspect.one || { echo "FAIL no consecutive_failures in the reference"; fail=1; }

# a glob of two files: one row of inputs each, in order
mkdir -p two
head -n 60001 month/events.csv >two/a.csv
{ head -n 1 month/events.csv; tail -n +60002 month/events.csv; } >two/b.csv
review -f json --period 2026-10 two/a.csv two/b.csv >two.one
UPKEEP_DEBUG_JOBS=1 "$py" "$ex/dask/upkeep_dask.py" --workers 2 --blocksize 1MB review -f json --period 2026-10 'two/*.csv' >two.dask 2>two.err
same "review on dask, a glob of two files" two.one two.dask
exit $fail
