# cordon -- top-level build (plain GNU make).
#
#   make            build libcordon, the cordon binary and the test programs
#   make test       install missing Debian packages, build, run the whole suite
#   make demo       install missing packages, build, screen the bundled sample
#   make fuzz       build the libFuzzer targets (clang)
#   make format     reformat with clang-format;  make check-format / check-banned
#
# Variables: BUILD=dir (default build), SANITIZE=1 (ASan+UBSan, clang),
# LABEL=unit|golden|e2e|fuzz|diff (run one slice), SKIP_LABELS="diff ..."
# (leave slices out), FILTER=glob (unit cases).
# Sources are found by wildcard: a new src/MODULE/*.c, tools/cli/cmd_*.c or
# tests/unit/test_*.c needs no Makefile change.

BUILD ?= build
CC ?= cc
ifeq ($(origin CC),default)
CC := cc
endif
OPT ?= -O2
CFLAGS ?= $(OPT) -g
WARN := -std=c11 -Wall -Wextra -Wno-unused-parameter -Wshadow -Wvla \
        -Wstrict-prototypes -Wno-missing-field-initializers
DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CPPFLAGS += -Iinclude -Isrc
LDLIBS := -lz -linchi -lpthread -lm

ifeq ($(SANITIZE),1)
CC := clang
CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
          -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

# FUZZ=1 (set by 'make fuzz'): coverage instrumentation for libFuzzer in the
# library itself, or the fuzzers would only see their own entry points.
ifeq ($(FUZZ),1)
CFLAGS += -fsanitize=fuzzer-no-link
endif

ALL_CFLAGS = $(WARN) $(DEFS) $(CPPFLAGS) $(CFLAGS)

LIB_SRCS := $(sort $(wildcard src/*/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
KB_FILES := $(sort $(shell find data/kb -type f -name '*.kb' 2>/dev/null))
KB_GEN := $(BUILD)/gen/kb_embedded.c
KB_OBJ := $(BUILD)/obj/gen/kb_embedded.o
CLI_SRCS := $(sort $(wildcard tools/cli/*.c))
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
SERVER_SRCS := $(sort $(wildcard tools/server/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRCS:fuzz/%.c=$(BUILD)/fuzz/replay_%)
FUZZ_BINS := $(FUZZ_SRCS:fuzz/%.c=$(BUILD)/fuzz/%)

LIB := $(BUILD)/libcordon.a
BIN := $(BUILD)/cordon
GOLDEN := $(BUILD)/tests/golden

.PHONY: all test demo deps fuzz format check-format check-banned clean bench

all: $(BIN) $(UNIT_BINS) $(GOLDEN) $(FUZZ_REPLAY)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: tools/build/embed.c
	@mkdir -p $(dir $@)
	cc -O1 -o $@ $<

$(KB_GEN): $(BUILD)/tools/embed $(KB_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ cordon_kb_embedded $(KB_FILES)

$(KB_OBJ): $(KB_GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS) $(KB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJS) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(LIB) $(LDLIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/unit.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB) -lcmocka $(LDLIBS)

$(GOLDEN): tests/golden/golden.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# Corpus replay: each fuzz target linked with a plain main() that feeds it
# every file of fuzz/corpus/TARGET/ (runs under any compiler).
$(BUILD)/fuzz/replay_%: fuzz/%.c fuzz/replay.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< fuzz/replay.c $(LIB) $(LDLIBS)

# libFuzzer targets: make fuzz (always clang, with sanitizers).
fuzz:
	$(MAKE) BUILD=build-fuzz SANITIZE=1 FUZZ=1 build-fuzz/libcordon.a
	@mkdir -p build-fuzz/fuzz
	@for f in $(FUZZ_SRCS); do n=$$(basename $$f .c); \
	  echo "clang -fsanitize=fuzzer $$f"; \
	  clang -g -O1 -fsanitize=fuzzer,address,undefined $(WARN) $(DEFS) $(CPPFLAGS) \
	    -o build-fuzz/fuzz/$$n $$f build-fuzz/libcordon.a $(LDLIBS) || exit 1; done

deps:
	@sh scripts/install-deps.sh

test: deps
	$(MAKE) -j$$(nproc) all
	@SKIP_LABELS="$(SKIP_LABELS)" CORDON_SANITIZE="$(SANITIZE)" sh tests/run.sh $(BUILD) $(LABEL)

demo: deps
	$(MAKE) -j$$(nproc) $(BIN)
	@sh scripts/demo.sh $(BUILD)

bench:
	@CORDON_BENCH_DEPS=1 sh scripts/install-deps.sh
	$(MAKE) -j$$(nproc) $(BIN)
	@sh bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

check-format:
	@sh scripts/check-format.sh

check-banned:
	@sh scripts/check-banned.sh

clean:
	rm -rf $(BUILD) build-fuzz build-asan

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
