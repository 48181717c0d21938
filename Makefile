# upkeep — one non-recursive Makefile.
#   make            build lib/libupkeep.a and the commands into build/bin,
#                   their bash and zsh completions into build/completions
#                   (never installs anything: a packager builds as root)
#   make deps       install the build dependencies (apt-get when root, else
#                   print the exact command); make check and make demo run it
#   make check      build and run every unit test and command case
#   make check SANITIZE=1   the same under AddressSanitizer + UBSan
#   make demo       the monthly pipeline over examples/ (writes demo/)
#   make install PREFIX=/usr/local DESTDIR=   commands, man pages, shell
#                   completions, README and examples/ (in DOCDIR)
#   make uninstall  removes what make install installed (same PREFIX, DESTDIR)
#   make lint       cppcheck over lib/ and cmd/
#   make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/upkeep
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla \
       -Wcast-qual -Wundef -Wnull-dereference -Wdouble-promotion \
       -Wconversion -Wsign-conversion -Werror=implicit-function-declaration
# Headers are named from lib/ ("base/xalloc.h", "io/reader.h"); the front
# end's own header from cmd/ ("cli.h").  CPPFLAGS (a packager's
# -D_FORTIFY_SOURCE and such) comes before ours.
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -DUPKEEP_VERSION='"$(VERSION)"' \
             $(CPPFLAGS) $(WARN) $(CFLAGS) -Ilib -Icmd -MMD -MP
LIBS = -lcsv -ljansson -lm -pthread

B = build
ifeq ($(SANITIZE),1)
B = build/san
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

COMMANDS = raci inspect review sla-check report
# lib/<layer>/*.c is the library; cmd/<command>.c the mains; the other
# files of cmd/ are the front end they share (options, inputs, -o).
LIB_SRC = $(wildcard lib/*/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CMD_SRC = $(wildcard $(COMMANDS:%=cmd/%.c))
CMD_BIN = $(CMD_SRC:cmd/%.c=$(B)/bin/%)
CLI_SRC = $(filter-out $(CMD_SRC),$(wildcard cmd/*.c))
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
HEADERS = $(wildcard lib/*/*.h cmd/*.h)

# Shell completions, made from each built command's own option tables
# (completions/gen.sh), so that they list what --help lists.
COMPLETIONS = $(COMMANDS:%=$(B)/completions/bash/%) $(COMMANDS:%=$(B)/completions/zsh/_%)

all: $(CMD_BIN) $(COMPLETIONS)

# Build dependencies: installed with apt-get when root, else the exact
# command is printed and make stops.  Only the targets a user runs by hand
# on a fresh machine (check, demo) depend on it; `make` itself only
# builds.
deps:
	@sh tests/deps.sh

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/lib/libupkeep.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/cmd/libcli.a: $(CLI_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/bin/%: $(B)/cmd/%.o $(B)/cmd/libcli.a $(B)/lib/libupkeep.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/cmd/libcli.a $(B)/lib/libupkeep.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/completions/bash/%: $(B)/bin/% completions/gen.sh
	@mkdir -p $(@D)
	sh completions/gen.sh bash $< >$@.tmp && mv $@.tmp $@

$(B)/completions/zsh/_%: $(B)/bin/% completions/gen.sh
	@mkdir -p $(@D)
	sh completions/gen.sh zsh $< >$@.tmp && mv $@.tmp $@

# deps first, on its own: a missing library stops make with the command to
# run, not with a compiler error.
check: deps
	@$(MAKE) --no-print-directory check-build
	@$(MAKE) --no-print-directory check-headers
	UPKEEP_BUILD=$(B) tests/run $(T)

check-build: $(CMD_BIN) $(UNIT_BIN) $(COMPLETIONS)

# Each header must compile on its own.
check-headers:
	@for h in $(HEADERS); do \
	  printf '#include "%s"\n' "$${h#*/}" | $(CC) $(ALL_CFLAGS) -MF /dev/null -x c -fsyntax-only - || exit 1; \
	done; echo "headers ok"

# cppcheck over the library and the front end; the suppressions file names
# each known false positive and why.
lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,style,performance,portability \
	  --inline-suppr --suppressions-list=tests/cppcheck.supp -Ilib -Icmd -D__GNUC__ \
	  -DUPKEEP_VERSION='"x"' lib cmd

check-man:
	@for m in man/*.[17]; do groff -mandoc -ww -z "$$m" || exit 1; done; echo "man pages ok"

demo: deps
	@$(MAKE) --no-print-directory $(CMD_BIN)
	@sh examples/demo.sh $(B)/bin
	@sh examples/demo_year.sh $(B)/bin

# make install and make uninstall go over the same lists: what one
# installs the other removes, and nothing else (the folders they share
# with other packages stay).
MAN_PAGES = $(wildcard man/*.1 man/*.7)
EXAMPLES = $(shell find examples -type f | LC_ALL=C sort)
EXAMPLE_DIRS = $(shell find examples -mindepth 1 -type d | LC_ALL=C sort -r)

install: $(CMD_BIN) $(COMPLETIONS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 $(CMD_BIN) $(DESTDIR)$(BINDIR)
	for m in $(MAN_PAGES); do install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man$${m##*.} || exit 1; done
	install -m 644 $(COMMANDS:%=$(B)/completions/bash/%) $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 $(COMMANDS:%=$(B)/completions/zsh/_%) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 README.md $(DESTDIR)$(DOCDIR)
	for f in $(EXAMPLES); do \
	  install -d "$(DESTDIR)$(DOCDIR)/$${f%/*}" && \
	  if [ -x "$$f" ]; then mode=755; else mode=644; fi && \
	  install -m $$mode "$$f" "$(DESTDIR)$(DOCDIR)/$$f" || exit 1; \
	done

uninstall:
	rm -f $(COMMANDS:%=$(DESTDIR)$(BINDIR)/%)
	for m in $(MAN_PAGES:man/%=%); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$$m; done
	rm -f $(COMMANDS:%=$(DESTDIR)$(BASHCOMPDIR)/%) $(COMMANDS:%=$(DESTDIR)$(ZSHCOMPDIR)/_%)
	rm -f $(DESTDIR)$(DOCDIR)/README.md $(EXAMPLES:%=$(DESTDIR)$(DOCDIR)/%)
	for d in $(EXAMPLE_DIRS) examples; do \
	  [ ! -d "$(DESTDIR)$(DOCDIR)/$$d" ] || rmdir "$(DESTDIR)$(DOCDIR)/$$d" || exit 1; done
	[ ! -d $(DESTDIR)$(DOCDIR) ] || rmdir $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build demo

.PHONY: all deps check check-build check-headers check-man lint demo install uninstall clean
.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(CMD_SRC:cmd/%.c=$(B)/cmd/%.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%.d)

# Benchmarks (bench/README.md); never part of make check.  Always the
# optimised build in build/, whatever SANITIZE says.
#   make bench BENCH_ARGS='--quick'
BENCH_CMDS = build/bin/review build/bin/inspect
build/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -g -o $@ $< $(LIBS)

bench: build/bench/csvcount build/bench/ndjcount
	@$(MAKE) --no-print-directory B=build SANITIZE= $(BENCH_CMDS)
	bench/run $(BENCH_ARGS)

.PHONY: bench

# Fuzzing (issue #10; seeds from tests/fuzz/seed.sh): libFuzzer harnesses, one per parser, built
# with clang into build/fuzz-lf/ and run for FUZZ_SECONDS each over a copy
# of their seed corpus.  `make check` builds the same harnesses with a
# plain main (replay-NAME) and replays the corpora and kept crash inputs.
#   make fuzz FUZZ_SECONDS=30 [FUZZ_ONLY=reader]
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_ONLY ?= $(FUZZ_NAMES)
FUZZ_LF = build/fuzz-lf
# -Wno-double-promotion: glibc defines NAN as a float, which clang flags.
FUZZ_CFLAGS = $(ALL_CFLAGS) -O1 -fno-omit-frame-pointer -Wno-double-promotion \
              -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
REPLAY_BIN = $(FUZZ_NAMES:%=$(B)/fuzz/replay-%)

$(FUZZ_LF)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_LF)/fuzz-%: $(FUZZ_LF)/tests/fuzz/fuzz_%.o $(LIB_SRC:%.c=$(FUZZ_LF)/%.o)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

$(B)/fuzz/replay-%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/replay.o $(B)/lib/libupkeep.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

check-build: $(REPLAY_BIN)

fuzz: $(FUZZ_ONLY:%=$(FUZZ_LF)/fuzz-%)
	@set -e; for n in $(FUZZ_ONLY); do \
	  rm -rf $(FUZZ_LF)/corpus/$$n; mkdir -p $(FUZZ_LF)/corpus/$$n $(FUZZ_LF)/crash/$$n; \
	  echo "fuzz $$n: regressions, then $(FUZZ_SECONDS) s"; \
	  if [ -d tests/fuzz/regress/$$n ]; then $(FUZZ_LF)/fuzz-$$n -runs=0 tests/fuzz/regress/$$n/* 2>$(FUZZ_LF)/$$n.log || { tail -n 40 $(FUZZ_LF)/$$n.log; exit 1; }; fi; \
	  $(FUZZ_LF)/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 -dict=tests/fuzz/upkeep.dict -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_LF)/crash/$$n/ $(FUZZ_LF)/corpus/$$n tests/fuzz/corpus/$$n \
	    >$(FUZZ_LF)/$$n.log 2>&1 || { tail -n 60 $(FUZZ_LF)/$$n.log; \
	    echo "fuzz $$n: crash input in $(FUZZ_LF)/crash/$$n/ (keep it in tests/fuzz/regress/$$n/)"; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' $(FUZZ_LF)/$$n.log | tr '\n' ' '; echo; \
	done

# The example pipeline (examples/demo.sh) with every command under
# valgrind: any invalid access or definite/possible leak fails.
VG = valgrind -q --leak-check=full --error-exitcode=1
check-valgrind: $(CMD_BIN)
	@rm -rf build/valgrind && mkdir -p build/valgrind/bin
	@for c in $(COMMANDS); do \
	  printf '#!/bin/sh\nexec $(VG) "%s" "$$@"\n' "$(CURDIR)/$(B)/bin/$$c" >build/valgrind/bin/$$c; \
	  chmod +x build/valgrind/bin/$$c; done
	cd build/valgrind && sh $(CURDIR)/examples/demo.sh $(CURDIR)/build/valgrind/bin
	@echo "valgrind: clean"

.PHONY: fuzz check-valgrind

-include $(FUZZ_SRC:%.c=$(B)/%.d) $(B)/tests/fuzz/replay.d $(FUZZ_SRC:%.c=$(FUZZ_LF)/%.d) $(LIB_SRC:%.c=$(FUZZ_LF)/%.d)
