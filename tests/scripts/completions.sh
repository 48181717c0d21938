# The shell completions (completions/gen.sh, built into
# $UPKEEP_BUILD/completions/) offer exactly the long options that --help
# lists, for each command and each raci subcommand, and raci's
# subcommands; bash sources them and completes a partial option, an
# option's value (also as --opt=value), a subcommand and a file name; zsh
# (when installed) reads them and completes the same through a pseudo-tty.
set -u
top=$UPKEEP_TOP
status=0
bad() { echo "$*"; status=1; }
cmds="raci inspect review sla-check report"

# the built completions beside the built commands, else made here (e.g.
# under VALGRIND=1, whose commands are wrappers)
bin=$(dirname "$(command -v inspect)")
comp=$bin/../completions
if [ ! -f "$comp/bash/inspect" ]; then
	comp=$PWD/comp
	mkdir -p comp/bash comp/zsh
	for c in $cmds; do
		sh "$top/completions/gen.sh" bash "$(command -v $c)" >"comp/bash/$c" || bad "$c: gen.sh bash failed"
		sh "$top/completions/gen.sh" zsh "$(command -v $c)" >"comp/zsh/_$c" || bad "$c: gen.sh zsh failed"
	done
fi

# the long options of a --help text: the heads of its option lines only
help_options() { "$@" --help | sed -n 's/^  \(-., \)\{0,1\} *\(--[a-z][a-z0-9-]*\).*/\2/p' | sort -u; }
# what the bash completion of command $1 offers for the words after it
# ("" for an empty word at the end)
complete_bash() {
	local c=$1; shift
	bash --norc --noprofile -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		complete -p "$1" >/dev/null || { echo "no complete -p $1"; exit 1; }
		fn=$(complete -p "$1" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$comp/bash/$c" "$c" "$@" | sort
}
same() {	# what want got
	if [ "$2" != "$3" ]; then
		bad "$1: want:"; printf '%s\n' "$2" | sed 's/^/    /'
		echo "  got:"; printf '%s\n' "$3" | sed 's/^/    /'
	fi
}

# 1. every option of --help, no other, in bash and in zsh
check_options() {	# label words... (the command line before the option)
	local label=$1; shift
	local want got o zfile=$comp/zsh/_$1
	want=$(help_options "$@")
	[ -n "$want" ] || { bad "$label: --help lists no option"; return; }
	got=$(complete_bash "$@" --)
	same "$label (bash, --)" "$want" "$got"
	for o in $want; do
		grep -q -- "[{'*),]${o}[]=[}']" "$zfile" || bad "$label: $o missing from $zfile"
	done
}
for c in $cmds; do
	subs=$("$c" --help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1} /^$/{f=0}')
	if [ -n "$subs" ]; then
		same "$c: subcommands (bash)" "$(printf '%s\n' $subs | sort)" "$(complete_bash "$c" "")"
		for s in $subs; do
			check_options "$c $s" "$c" "$s"
			grep -q "^		'$s:" "$comp/zsh/_$c" || bad "$c: subcommand $s missing from _$c"
		done
	else
		check_options "$c" "$c"
	fi
done

# 2. bash: a few completions by hand
same "inspect --fa" "--fail-on" "$(complete_bash inspect --fa)"
same "inspect --fail-on c" "critical" "$(complete_bash inspect --fail-on c)"
same "inspect --fail-on=w" "warning" "$(complete_bash inspect --fail-on = w)"
same "inspect -f j" "$(printf 'json\njunit')" "$(complete_bash inspect -f j)"
same "report --lang ''" "$(printf 'en\nzh')" "$(complete_bash report --lang "")"
same "raci con" "convert" "$(complete_bash raci con)"
same "raci convert --to ''" "$(printf 'long\nwide')" "$(complete_bash raci convert --to "")"
same "raci check --ma" "$(printf -- '--map\n--matrix\n--max-r')" "$(complete_bash raci check --ma)"
same "review --scale ''" "$(printf 'csat\nnps')" "$(complete_bash review --scale "")"
same "sla-check --period 20" "" "$(complete_bash sla-check --period 20)"
: >events-oct.csv
: >events-nov.csv
same "inspect --accounts events-o" "events-oct.csv" "$(complete_bash inspect --accounts events-o)"
same "inspect events-n" "events-nov.csv" "$(complete_bash inspect events-n)"

# 3. zsh: the files parse, and completion works in an interactive shell
if command -v zsh >/dev/null 2>&1; then
	for c in $cmds; do
		zsh -n "$comp/zsh/_$c" || bad "_$c: zsh -n failed"
	done
	# ztab LINE PATTERN: types LINE and a tab into an interactive zsh
	# that has the completions; true when the screen then shows PATTERN
	ztab() {
		timeout 20 zsh -f -c '
			zmodload zsh/zpty
			zpty z "PATH=\"$3:\$PATH\" HOME=$PWD zsh -f -i"
			zpty -w z "PS1=\"> \"; fpath=($2 \$fpath); autoload -U compinit; compinit -u -D; unsetopt beep"
			zpty -w z "$1"$'\''\t'\''
			zpty -r -m z out "*$4*" && exit 0
			exit 1' zsh "$1" "$comp/zsh" "$bin" "$2" >/dev/null 2>&1
	}
	ztab "inspect --fa" "--fail-on" || bad "zsh: inspect --fa<TAB> did not give --fail-on"
	ztab "raci conv" "raci convert" || bad "zsh: raci conv<TAB> did not give convert"
	ztab "raci convert --to l" "--to long" || bad "zsh: raci convert --to l<TAB> did not give long"
	ztab "report --lang=z" "--lang=zh" || bad "zsh: report --lang=z<TAB> did not give zh"
else
	echo "no zsh: the zsh completions are checked by grep only"
fi
exit $status
