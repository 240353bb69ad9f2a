# Everything a newcomer needs: `make serve` to read the handbook, `make test` to check it.
# Both create the virtual environment and install the pinned dependencies on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate schemas clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $(STAMP)

serve: $(STAMP)  ## build and serve the handbook at http://127.0.0.1:8000
	$(BIN)/handbook validate
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the static site into site/, with PDFs of every checklist
	HANDBOOK_PDF=1 $(BIN)/mkdocs build --strict

test: $(STAMP)  ## run the whole test suite
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/handbook validate

schemas: $(STAMP)  ## regenerate macros/schemas/*.json from macros/model.py
	$(BIN)/handbook schemas

clean:
	rm -rf site .pytest_cache
