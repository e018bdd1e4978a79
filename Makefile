# paperdex — hand-written, non-recursive. Objects in $(BUILD), binaries in $(BIN).
# Targets: all test asan valgrind fuzz bench eval demo deps clean install.

BUILD   ?= build
BIN     ?= bin
CC      ?= cc
OPT     ?= -O3 -g
SAN     ?=
PREFIX  ?= /usr/local
DB      ?= paperdex.db
# The large real corpus for `make bench`; absent in a user's clone, where the
# benchmark falls back to its generated corpus.
BENCH_DATA ?= ../shared/data/mlanthology.jsonl.gz

# V=1 shows the full compiler commands.
WARN     = -std=c11 -Wall -Wextra -Werror
CPPFLAGS = -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -Icommon -Iindexer -Isearcher
ALLFLAGS = $(WARN) $(OPT) $(SAN) $(CPPFLAGS) $(CFLAGS)
LIBS     = -lstemmer -llmdb -lutf8proc -lyajl -lz -lm -pthread

COMMON_SRC   := $(wildcard common/*.c)
INDEXER_SRC  := $(filter-out indexer/main.c,$(wildcard indexer/*.c))
SEARCHER_SRC := $(filter-out searcher/main.c,$(wildcard searcher/*.c))
UNIT_SRC     := $(wildcard tests/unit/test_*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
COMMON_OBJ   := $(call obj,$(COMMON_SRC))
INDEXER_OBJ  := $(call obj,$(INDEXER_SRC))
SEARCHER_OBJ := $(call obj,$(SEARCHER_SRC))
LIB_OBJ      := $(COMMON_OBJ) $(INDEXER_OBJ) $(SEARCHER_OBJ)
UNIT_BIN     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
# Measuring programs the end-to-end tests run (tests/tools/).
TOOL_BIN     := $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(wildcard tests/tools/*.c))

BINARIES := $(BIN)/paperdex-index $(BIN)/paperdex-search

.PHONY: all test unit asan valgrind fuzz bench eval demo deps deps-test deps-fuzz deps-bench clean install
.DEFAULT_GOAL := all

all: $(BINARIES)

# Rebuild everything when the flags change.
FLAGS_FILE := $(BUILD)/.flags
$(shell mkdir -p $(BUILD) && echo '$(CC) $(ALLFLAGS) $(LIBS)' > $(FLAGS_FILE).new && \
	(cmp -s $(FLAGS_FILE).new $(FLAGS_FILE) || cp $(FLAGS_FILE).new $(FLAGS_FILE)))

$(BUILD)/%.o: %.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC      $<";)$(CC) $(ALLFLAGS) -MMD -MP -c $< -o $@

$(BIN)/paperdex-index: $(BUILD)/indexer/main.o $(INDEXER_OBJ) $(COMMON_OBJ)
	@mkdir -p $(BIN)
	$(if $(V),,@echo "  LINK    $@";)$(CC) $(OPT) $(SAN) -o $@ $^ $(LIBS)

$(BIN)/paperdex-search: $(BUILD)/searcher/main.o $(SEARCHER_OBJ) $(COMMON_OBJ)
	@mkdir -p $(BIN)
	$(if $(V),,@echo "  LINK    $@";)$(CC) $(OPT) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  TEST    $@";)$(CC) $(ALLFLAGS) -Itests/unit -o $@ $< $(LIB_OBJ) $(LIBS) -lcmocka

$(BUILD)/tests/%: tests/tools/%.c $(LIB_OBJ) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  TOOL    $@";)$(CC) $(ALLFLAGS) -Ibench -o $@ $< $(LIB_OBJ) $(LIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- set-up -----------------------------------------------------------------
BUILD_PKGS := gcc make libc6-dev pkg-config libstemmer-dev liblmdb-dev libutf8proc-dev libyajl-dev zlib1g-dev
TEST_PKGS  := libcmocka-dev jq lmdb-utils strace
FUZZ_PKGS  := clang libclang-rt-14-dev
BENCH_PKGS := g++ libsqlite3-dev libxapian-dev time
deps:
	@tests/deps.sh $(BUILD_PKGS)
deps-test:
	@tests/deps.sh $(BUILD_PKGS) $(TEST_PKGS)
deps-fuzz:
	@tests/deps.sh $(BUILD_PKGS) $(TEST_PKGS) $(FUZZ_PKGS)
deps-bench:
	@tests/deps.sh $(BUILD_PKGS) $(BENCH_PKGS)

# ---- tests ------------------------------------------------------------------
unit: $(UNIT_BIN) $(TOOL_BIN)

test: deps-test
	@$(MAKE) --no-print-directory all unit
	@tests/run.sh $(BIN) $(BUILD)/tests

asan: deps-test
	@$(MAKE) --no-print-directory test BUILD=build/asan BIN=build/asan/bin OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

valgrind: deps-test
	@tests/deps.sh valgrind
	@$(MAKE) --no-print-directory all unit BUILD=build/valgrind BIN=build/valgrind/bin OPT="-O1 -g"
	@PDX_VALGRIND=1 tests/run.sh build/valgrind/bin build/valgrind/tests

fuzz: deps-fuzz
	@fuzz/run.sh $(FUZZ_SECONDS)

bench: deps-bench
	@$(MAKE) --no-print-directory all
	@bench/run.sh $(BIN) "$(BENCH_DATA)"

eval: deps
	@$(MAKE) --no-print-directory all
	@tests/eval.sh $(BIN) tests/data/eval

demo: deps
	@$(MAKE) --no-print-directory all
	@rm -rf demo.db
	$(BIN)/paperdex-index -d demo.db --rebuild corpus/
	$(BIN)/paperdex-search -d demo.db -k 3 needlet convolution
	$(BIN)/paperdex-search -d demo.db --authors -k 3 pruning

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BINARIES) $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf build bin demo.db
