#!/bin/sh
# completions/gen.sh bash|zsh BINARY: writes the bash or zsh completion of
# one command on standard output.  The command itself lists its options
# when UPKEEP_LIST_OPTIONS is set (cmd/cli.c, list_options): from the same
# tables as --help, so the completion cannot miss an option --help shows.
# A command with subcommands (raci) lists them ("sub" lines) when run
# without one; each subcommand then lists its own options.  The Makefile
# runs this on the built commands (build/completions/).
#
# Listing lines, fields separated by tabs:
#   opt NAME SHORT ARG VALUES HELP   (SHORT, ARG, VALUES may be empty;
#                                     VALUES separated by spaces)
#   sub NAME ABOUT
# An option's value is completed from VALUES, else as a file name when its
# metavariable names a file (FILE, MATRIX, ...), else as a time zone
# (ZONE, zsh only), else not at all.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 bash|zsh BINARY" >&2; exit 2; }
shell=$1
bin=$2
case $shell in bash | zsh) ;; *) echo "$0: unknown shell \"$shell\"" >&2; exit 2 ;; esac
name=$(basename "$bin")
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
UPKEEP_LIST_OPTIONS=1 "$bin" >"$tmp" </dev/null
for sub in $(awk -F '\t' '$1 == "sub" { print $2 }' "$tmp"); do
	printf 'in\t%s\n' "$sub" >>"$tmp"
	UPKEEP_LIST_OPTIONS=1 "$bin" "$sub" >>"$tmp" </dev/null
done
grep -q '^opt	' "$tmp" || { echo "$0: $bin listed no option" >&2; exit 1; }

awk -F '\t' -v shell="$shell" -v name="$name" '
# the kind of value an option takes: "" (none: a flag), "values", "file",
# "zone" or "other"
function kind(arg, values) {
	if (arg == "")
		return ""
	if (values != "")
		return "values"
	if (arg ~ /^(FILE|MATRIX|PEOPLE|REPORT|DIR|PATH)$/)
		return "file"
	if (arg == "ZONE")
		return "zone"
	return "other"
}
function ident(s) { gsub(/[^A-Za-z0-9_]/, "_", s); return s }
# zsh: a help text inside [...] of a single-quoted spec
function zdesc(s) {
	sub(/ \(default:.*$/, "", s)
	gsub(/\\/, "\\\\", s); gsub(/\[/, "\\[", s); gsub(/\]/, "\\]", s)
	gsub(/\047/, "\047\\\047\047", s)
	return s
}
# zsh: a message between colons of a single-quoted spec
function zmsg(s) {
	gsub(/\\/, "\\\\", s); gsub(/:/, "\\:", s)
	gsub(/\047/, "\047\\\047\047", s)
	return s
}
$1 == "in" { sec = $2; secs[++nsec] = sec; next }
$1 == "sub" { subs[++nsub] = $2; about[$2] = $3; next }
$1 == "opt" {
	i = ++n[sec]
	o_name[sec, i] = $2; o_short[sec, i] = $3; o_arg[sec, i] = $4
	o_values[sec, i] = $5; o_help[sec, i] = $6
	next
}
{ print "gen.sh: unexpected line: " $0 > "/dev/stderr"; bad = 1; exit 1 }

# bash: a function completing the options of one section; $1 the word,
# $2 the option before it
function bash_section(sec, fn,   i, k, words, pat) {
	printf "%s() {\n\tcase $2 in\n", fn
	for (i = 1; i <= n[sec]; i++) {
		k = kind(o_arg[sec, i], o_values[sec, i])
		if (k == "")
			continue
		pat = "--" o_name[sec, i] (o_short[sec, i] != "" ? "|-" o_short[sec, i] : "")
		if (k == "values")
			printf "\t%s) _upkeep_words \047%s\047 \"$1\"; return ;;\n", pat, o_values[sec, i]
		else if (k == "file")
			printf "\t%s) _upkeep_files \"$1\"; return ;;\n", pat
		else
			printf "\t%s) return ;;\n", pat
	}
	words = ""
	for (i = 1; i <= n[sec]; i++)
		words = words (i > 1 ? " " : "") "--" o_name[sec, i]
	printf "\tesac\n\tcase $1 in\n\t-*) _upkeep_words \047%s\047 \"$1\" ;;\n", words
	printf "\t*) _upkeep_files \"$1\" ;;\n\tesac\n}\n\n"
}
function bash_out(   f, i, words) {
	f = "_upkeep_" ident(name)
	printf "# bash completion of %s, made by completions/gen.sh from the\n", name
	printf "# command\047s option tables (UPKEEP_LIST_OPTIONS=1 %s): do not edit.\n\n", name
	print "_upkeep_words() { mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$2\"); }"
	print "_upkeep_files() {"
	print "\tcompopt -o filenames 2>/dev/null"
	print "\tmapfile -t COMPREPLY < <(compgen -f -- \"$1\")"
	print "}\n"
	if (nsub == 0) {
		bash_section("", f "_options")
	} else {
		for (i = 1; i <= nsec; i++)
			bash_section(secs[i], f "_" ident(secs[i]))
	}
	printf "%s() {\n", f
	print "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}"
	print "\t# \"--opt=value\" comes as three words: --opt, =, value"
	print "\tif [ \"$cur\" = = ]; then cur=; elif [ \"$prev\" = = ] && [ \"$COMP_CWORD\" -gt 1 ]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi"
	if (nsub == 0) {
		printf "\t%s_options \"$cur\" \"$prev\"\n}\n", f
	} else {
		words = ""
		for (i = 1; i <= nsub; i++)
			words = words (i > 1 ? " " : "") subs[i]
		print "\tlocal i sub="
		print "\tfor ((i = 1; i < COMP_CWORD; i++)); do"
		print "\t\tcase ${COMP_WORDS[i]} in -*) ;; *) sub=${COMP_WORDS[i]}; break ;; esac"
		print "\tdone"
		print "\tcase $sub in"
		words = ""
		for (i = 1; i <= n[""]; i++)
			words = words (i > 1 ? " " : "") "--" o_name["", i]
		printf "\t\047\047) case $cur in -*) _upkeep_words \047%s\047 \"$cur\" ;; ", words
		words = ""
		for (i = 1; i <= nsub; i++)
			words = words (i > 1 ? " " : "") subs[i]
		printf "*) _upkeep_words \047%s\047 \"$cur\" ;; esac ;;\n", words
		for (i = 1; i <= nsec; i++)
			printf "\t%s) %s_%s \"$cur\" \"$prev\" ;;\n", secs[i], f, ident(secs[i])
		print "\tesac\n}"
	}
	printf "complete -F %s %s\n", f, name
}

# zsh: the _arguments specs of one section, one a line
function zsh_specs(sec, indent,   i, k, s, act, spec) {
	for (i = 1; i <= n[sec]; i++) {
		k = kind(o_arg[sec, i], o_values[sec, i])
		s = o_short[sec, i]
		if (o_name[sec, i] == "help" || o_name[sec, i] == "version")
			spec = "\047(- *)\047"
		else
			spec = "\047*\047"
		if (s != "")
			spec = spec "{-" s (k != "" ? "+" : "") ",--" o_name[sec, i] (k != "" ? "=" : "") "}"
		else
			spec = spec "--" o_name[sec, i] (k != "" ? "=" : "")
		spec = spec "\047[" zdesc(o_help[sec, i]) "]"
		if (k != "") {
			if (k == "values")
				act = "(" o_values[sec, i] ")"
			else if (k == "file")
				act = "_files"
			else if (k == "zone")
				act = "_time_zone"
			else
				act = " "
			spec = spec ":" zmsg(o_arg[sec, i]) ":" act
		}
		printf "%s%s\047 \\\n", indent, spec
	}
}
function zsh_out(   i, d) {
	printf "#compdef %s\n", name
	printf "# zsh completion of %s, made by completions/gen.sh from the\n", name
	printf "# command\047s option tables (UPKEEP_LIST_OPTIONS=1 %s): do not edit.\n\n", name
	if (nsub == 0) {
		print "_arguments -s -S : \\"
		zsh_specs("", "\t")
		print "\t\047*:file:_files\047"
		return
	}
	print "local curcontext=$curcontext state state_descr line ret=1"
	print "typeset -A opt_args"
	print "_arguments -C : \\"
	zsh_specs("", "\t")
	print "\t\0471:command:->command\047 \\"
	print "\t\047*::argument:->argument\047 && ret=0"
	print "case $state in"
	print "command)"
	print "\tlocal -a subs"
	print "\tsubs=("
	for (i = 1; i <= nsub; i++) {
		d = zmsg(about[subs[i]])
		printf "\t\t\047%s:%s\047\n", subs[i], d
	}
	print "\t)"
	printf "\t_describe -t commands \047%s command\047 subs && ret=0\n\t;;\n", name
	print "argument)"
	printf "\tcurcontext=${curcontext%%:*:*}:%s-$line[1]:\n", name
	print "\tcase $line[1] in"
	for (i = 1; i <= nsec; i++) {
		printf "\t%s)\n\t\t_arguments -s -S : \\\n", secs[i]
		zsh_specs(secs[i], "\t\t\t")
		print "\t\t\t\047*:file:_files\047 && ret=0\n\t\t;;"
	}
	print "\tesac\n\t;;\nesac\nreturn ret"
}
END {
	if (bad)
		exit 1
	if (shell == "bash")
		bash_out()
	else
		zsh_out()
}
' "$tmp"
