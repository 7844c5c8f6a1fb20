# shishi - build, test, run.  See README.md.
#
#   make            the binary ./shishi
#   make run        install what is missing, build, create ./demo.db, serve it
#   make test       build and run every test (unit, also under ASan+UBSan; CLI; e2e; browser; fuzz)
#   make bench      measure against nginx; writes docs/PERFORMANCE.md
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean
#
# Sources are found by wildcard: a new file in src/<layer>/ or a new
# tests/unit/test_*.c needs no change here.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
PORT ?= 8080
# V=1 shows full compiler command lines
ifeq ($(V),1)
Q :=
else
Q = @echo "  CC      $<";
endif

PKGS := libmicrohttpd sqlite3 libsodium jansson libzip expat xlsxwriter libutf8proc libcurl

# Variants: release objects in build/rel, sanitized in build/san.
VARIANT ?= rel
B := build/$(VARIANT)
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wno-format-nonliteral -Wvla -Wpointer-arith
ifeq ($(VARIANT),san)
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT := -O1 -g
else
SAN :=
OPT := $(CFLAGS)
endif

ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
# Generated once (and after deps are installed): pkg-config's answers.
-include build/pkg.mk
endif

ALL_CFLAGS = -std=c17 -D_GNU_SOURCE -Isrc -Ibuild/gen $(WARN) $(OPT) $(SAN) $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LDLIBS = $(PKG_LIBS) -lm -lpthread

SRC := $(wildcard src/lib/*.c src/db/*.c src/core/*.c src/io/*.c src/web/*.c src/cli/*.c)
MAIN_SRC := src/cli/main.c
LIB_SRC := $(filter-out $(MAIN_SRC),$(SRC))
GEN_SRC := build/gen/schema_files.c build/gen/asset_files.c build/gen/demo_files.c
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(GEN_SRC:build/gen/%.c=$(B)/gen/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

SCHEMA := $(sort $(wildcard src/db/schema/*.sql))
ASSETS := $(sort $(wildcard src/web/assets/*))
DEMO := $(sort $(wildcard data/demo/*.json))

.PHONY: deps-build all run test unit-bins test-unit test-cli test-e2e test-browser test-export test-fuzz fuzz bench \
        install clean deps-test
.DEFAULT_GOAL := all

all: shishi

build/pkg.mk: tools/deps.sh
	@tools/deps.sh build
	@mkdir -p build
	@printf 'PKG_CFLAGS := %s\nPKG_LIBS := %s\n' \
	  "$$(pkg-config --cflags $(PKGS))" "$$(pkg-config --libs $(PKGS))" > $@.tmp && mv $@.tmp $@

shishi: $(B)/shishi
	@if [ "$(VARIANT)" = rel ]; then cp $(B)/shishi shishi.tmp && mv -f shishi.tmp shishi; fi

$(B)/shishi: $(B)/src/cli/main.o $(B)/libshishi.a
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/libshishi.a: $(LIB_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(B)/%.o: %.c build/pkg.mk
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

build/gen/schema_files.c: $(SCHEMA) build/tools/embed
	@mkdir -p $(dir $@)
	build/tools/embed schema_files $(SCHEMA) > $@.tmp && mv $@.tmp $@
build/gen/asset_files.c: $(ASSETS) build/tools/embed
	@mkdir -p $(dir $@)
	build/tools/embed asset_files $(ASSETS) > $@.tmp && mv $@.tmp $@
build/gen/demo_files.c: $(DEMO) build/tools/embed
	@mkdir -p $(dir $@)
	build/tools/embed demo_files $(DEMO) > $@.tmp && mv $@.tmp $@

# ---- tests ------------------------------------------------------------------

$(B)/tests/%: tests/unit/%.c $(B)/libshishi.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(B)/libshishi.a $(LDLIBS) -lcmocka

unit-bins: $(UNIT_BIN)

# Run from the repository root; each test gets a scratch directory.
test-unit: unit-bins
	@fail=0; for t in $(UNIT_BIN); do \
	  d=$$(mktemp -d); \
	  if SHISHI_TEST_TMP=$$d SHISHI_SEED_DIR=$(CURDIR)/data/demo $$t; then :; else fail=1; echo "FAILED: $$t"; fi; \
	  rm -rf $$d; \
	done; exit $$fail

deps-test:
	@tools/deps.sh test

deps-build:
	@tools/deps.sh build

test: deps-test shishi
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory VARIANT=san test-unit
	@$(MAKE) --no-print-directory test-cli
	@$(MAKE) --no-print-directory test-e2e
	@$(MAKE) --no-print-directory test-browser
	@$(MAKE) --no-print-directory test-export
	@$(MAKE) --no-print-directory test-fuzz
	@echo "make test: all passed"

test-cli: shishi
	@tests/cli/run.sh ./shishi

test-e2e: shishi
	@python3 tests/e2e/run.py ./shishi
	@tests/durability/run.sh ./shishi

test-browser: shishi
	@tests/browser/run.sh ./shishi

# The official table through LibreOffice: ../shared/tools/export-check.
test-export: shishi
	@tests/export/check.sh >/dev/null
	@echo "export check: the writers' fixture passes"
	@tests/export/demo_check.sh ./shishi

test-fuzz:
	@tests/fuzz/run.sh short

fuzz:
	@tests/fuzz/run.sh long

bench: shishi
	@tools/deps.sh bench
	@tools/bench.sh ./shishi

# ---- run, install, clean ------------------------------------------------------

# The demo's passwords are random; they are printed once and kept in
# demo-accounts.txt (readable only by you) so a later `make run` can remind you.
demo.db: | shishi
	@umask 077; ./shishi demo --db demo.db > demo-accounts.txt || { rm -f demo-accounts.txt; exit 1; }
	@cat demo-accounts.txt

run: deps-build shishi demo.db
	@echo "shishi: http://127.0.0.1:$(PORT)/  (accounts and passwords: demo-accounts.txt; Ctrl-C stops)"
	./shishi serve --db demo.db --listen 127.0.0.1:$(PORT)

install: shishi
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 shishi $(DESTDIR)$(PREFIX)/bin/shishi

clean:
	rm -rf build shishi

-include $(shell find build/rel build/san -name '*.d' 2>/dev/null)
