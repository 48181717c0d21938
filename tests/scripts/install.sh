# make install PREFIX=... DESTDIR=... puts the five commands, the man pages,
# the bash and zsh completions, README.md and every file of examples/
# where they belong (and nothing else); make uninstall with the same
# variables removes every one of them and the doc folder, leaving only the
# shared folders, empty.  Runs make in the source tree on the build that
# tests/run uses (already built: nothing is compiled).
set -u
top=$UPKEEP_TOP
bin=$(cd "$(dirname "$(command -v inspect)")" && pwd)
build=$(dirname "$bin")
if [ ! -f "$build/lib/libupkeep.a" ]; then
	echo "skipped: $bin is not a build folder (VALGRIND=1?)"
	exit 0
fi
case $build in
"$top"/*) b=${build#"$top"/} ;;
*) echo "skipped: the build $build is outside $top"; exit 0 ;;
esac
san=
[ "${b##*/}" = san ] && san=SANITIZE=1
root=$PWD/root
prefix=/opt/upk
status=0
make --no-print-directory -C "$top" B="$b" $san PREFIX=$prefix DESTDIR="$root" install >make.out 2>&1 ||
	{ cat make.out; exit 1; }
grep -E '^(cc|gcc|ar) ' make.out && { echo "make install compiled something"; status=1; }

# what must be there, listed from the source tree
{
	for c in raci inspect review sla-check report; do
		echo "$prefix/bin/$c"
		echo "$prefix/share/bash-completion/completions/$c"
		echo "$prefix/share/zsh/vendor-completions/_$c"
	done
	for m in "$top"/man/*.1; do echo "$prefix/share/man/man1/${m##*/}"; done
	for m in "$top"/man/*.7; do echo "$prefix/share/man/man7/${m##*/}"; done
	echo "$prefix/share/doc/upkeep/README.md"
	(cd "$top" && find examples -type f) | sed "s|^|$prefix/share/doc/upkeep/|"
} | LC_ALL=C sort >want
(cd "$root" && find . ! -type d | sed 's|^\.||') | LC_ALL=C sort >got
if ! cmp -s want got; then
	echo "installed files differ from the list:"; diff want got; status=1
fi
for c in raci inspect review sla-check report; do
	[ -x "$root$prefix/bin/$c" ] || { echo "$c: not executable"; status=1; }
done
cmp -s "$top/examples/events.csv" "$root$prefix/share/doc/upkeep/examples/events.csv" ||
	{ echo "examples/events.csv differs once installed"; status=1; }
bash --norc -c "source '$root$prefix/share/bash-completion/completions/inspect' && complete -p inspect" >/dev/null ||
	{ echo "the installed bash completion does not load"; status=1; }

make -s -C "$top" B="$b" $san PREFIX=$prefix DESTDIR="$root" uninstall >make.out 2>&1 ||
	{ cat make.out; exit 1; }
left=$(cd "$root" && find . ! -type d)
[ -z "$left" ] || { echo "left after make uninstall:"; echo "$left"; status=1; }
[ ! -e "$root$prefix/share/doc/upkeep" ] || { echo "doc folder left after make uninstall"; status=1; }
exit $status
