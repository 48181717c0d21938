# upkeep — one non-recursive Makefile.
#   make            build lib/libupkeep.a and the commands into build/bin
#   make check      build and run every unit test and command case
#   make check SANITIZE=1   the same under AddressSanitizer + UBSan
#   make demo       the monthly pipeline over examples/ (writes demo/)
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
# -Wconversion is left out: libcsv and jansson hand out int and size_t in
# mixed ways and the casts it demands would hide more than they show.
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla \
       -Wcast-qual -Wundef -Wnull-dereference -Wdouble-promotion
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -DUPKEEP_VERSION='"$(VERSION)"' \
             $(WARN) $(CFLAGS) -Ilib -MMD -MP
LIBS = -lcsv -ljansson -lm

B = build
ifeq ($(SANITIZE),1)
B = build/san
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

COMMANDS = raci inspect review sla-check report
LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CMD_SRC = $(wildcard $(COMMANDS:%=cmd/%.c))
CMD_BIN = $(CMD_SRC:cmd/%.c=$(B)/bin/%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
HEADERS = $(wildcard lib/*.h)

DEPS_STAMP = build/.deps-ok

all: $(CMD_BIN)

# Build dependencies: installed with apt-get when root, else the exact
# command is printed and the build stops.
$(DEPS_STAMP):
	@sh tests/deps.sh
	@mkdir -p build && touch $@

$(B)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/lib/libupkeep.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/bin/%: $(B)/cmd/%.o $(B)/lib/libupkeep.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/lib/libupkeep.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

check: $(CMD_BIN) $(UNIT_BIN)
	UPKEEP_BUILD=$(B) tests/run

# Each header must compile on its own.
check-headers: | $(DEPS_STAMP)
	@for h in $(HEADERS); do \
	  printf '#include "%s"\n' "$$h" | $(CC) $(ALL_CFLAGS) -MF /dev/null -x c -fsyntax-only - || exit 1; \
	done; echo "headers ok"

check-man:
	@for m in man/*.[17]; do groff -mandoc -ww -z "$$m" || exit 1; done; echo "man pages ok"

demo: $(CMD_BIN)
	@sh examples/demo.sh $(B)/bin

install: $(CMD_BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(CMD_BIN) $(DESTDIR)$(BINDIR)
	for m in man/*.1; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man1; done; true
	for m in man/*.7; do [ -f "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man7; done; true

clean:
	rm -rf build demo

.PHONY: all check check-headers check-man demo install clean
.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(CMD_SRC:cmd/%.c=$(B)/cmd/%.d) $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%.d)
