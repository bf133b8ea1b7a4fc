# Two entry points, both self-contained on a fresh machine with Python 3.11:
#   make book   -> builds the HTML book into _build/html
#   make test   -> runs ruff, the unit tests, nbval on the chapters and the browser test
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test env clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (or make PYTHON=python3)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

env: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W --keep-going
	@echo "book: open _build/html/index.html"

test: $(STAMP)
	$(BIN)/ruff check tlspaper tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadfile

clean:
	rm -rf _build .pytest_cache
