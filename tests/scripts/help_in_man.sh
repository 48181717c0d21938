# Every option that a command's --help lists (and every subcommand's) must
# appear in that command's man page, and every command must have one.
set -u
top=$UPKEEP_TOP
status=0
options_of() { "$@" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u; }
check_page() {	# command page option...
	local cmd=$1 page=$2; shift 2
	for o in "$@"; do
		if ! sed "s/\\\\//g; s/Fl -/--/g" "$page" | grep -q -- "$o\b"; then
			echo "$cmd: option $o is in --help but not in $page"
			status=1
		fi
	done
}
for bin in raci inspect review sla-check report; do
	command -v "$bin" >/dev/null 2>&1 || continue
	page=$top/man/$bin.1
	if [ ! -f "$page" ]; then
		echo "$bin: no man page $page"; status=1; continue
	fi
	subs=$("$bin" --help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} /^$/{f=0}')
	if [ -n "$subs" ]; then
		for s in $subs; do
			grep -q "$s" "$page" || { echo "$bin: subcommand $s not in $page"; status=1; }
			check_page "$bin $s" "$page" $(options_of "$bin" "$s")
		done
	else
		check_page "$bin" "$page" $(options_of "$bin")
	fi
done
exit $status
