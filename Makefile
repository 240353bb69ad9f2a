# Everything a newcomer needs: `make serve` to read the handbook, `make test` to check it.
# Both create the virtual environment and install the pinned dependencies on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast lint validate schemas message-keys clean system-deps bytecode

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $(STAMP)

# pip compiles the packages it installs, but not our editable one: where PYTHONDONTWRITEBYTECODE is
# set (containers, many CI images, this project's machines) every build and every `handbook` command
# compiled macros/ from source again, about 60 ms each. Up to date, this step takes under 0.1 s.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q macros

serve: $(STAMP) bytecode  ## build and serve the handbook at http://127.0.0.1:8000
	$(BIN)/handbook validate
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) bytecode  ## build the static site into site/, with PDFs of every checklist
	HANDBOOK_PDF=1 $(BIN)/mkdocs build --strict

test: $(STAMP) bytecode system-deps lint  ## run the linter, the type checker and the whole test suite
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

test-fast: $(STAMP) bytecode  ## the inner loop: every test that builds no site and starts no browser, on both cores (about 30 s)
	$(BIN)/python -m pytest -m "not slow" -n 2 --dist loadfile

lint: $(STAMP)  ## ruff and mypy, configured in pyproject.toml; both must be clean
	$(BIN)/ruff check .
	$(BIN)/mypy

# Browser, PDF and accessibility tests use Debian's chromium and poppler-utils (no browser download);
# the served-site tests use Debian's nginx; the valid-HTML test runs the Nu HTML Checker on Java.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	    || ! { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || ! command -v java >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium, poppler-utils, nginx-light and default-jre-headless for the browser, PDF, server and HTML tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils nginx-light default-jre-headless >/dev/null; \
	  else \
	    echo "Note: browser, PDF, server and HTML tests need chromium, poppler-utils, nginx-light and Java (sudo apt-get install chromium poppler-utils nginx-light default-jre-headless); they are skipped without them."; \
	  fi; \
	fi

validate: $(STAMP) bytecode
	$(BIN)/handbook validate

schemas: $(STAMP)  ## regenerate macros/schemas/*.json from macros/model.py
	$(BIN)/handbook schemas

message-keys: $(STAMP)  ## regenerate macros/message-keys.txt, the catalogue keys the engine uses
	$(BIN)/handbook message-keys

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

.PHONY: bundle
bundle: $(STAMP) bytecode  ## a zip of the whole site (with PDFs) that works opened from disk: dist/handbook-offline.zip
	$(BIN)/handbook bundle

.PHONY: bench
bench: $(STAMP) bytecode  ## build time against a static baseline, growth with 10x data, page sizes: benchmarks/RESULTS.md
	$(BIN)/python benchmarks/bench.py
