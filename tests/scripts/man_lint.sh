# The man pages format without a warning (groff -ww).
set -u
command -v groff >/dev/null 2>&1 || { echo "groff not installed: skipped"; exit 0; }
status=0
for m in "$UPKEEP_TOP"/man/*.[17]; do
	[ -f "$m" ] || continue
	out=$(groff -mandoc -ww -z "$m" 2>&1)
	[ -z "$out" ] || { echo "$m: $out"; status=1; }
done
exit $status
