# Two entry points, both self-contained on a fresh machine with Python 3.11:
#   make book   -> builds the HTML book into _build/html
#   make test   -> runs ruff, the unit tests, nbval on the chapters and the browser test
# Both print only what is ours to act on: warnings of the book build fail it (-W), and the
# known noise of the tools underneath is silenced at its source (see the comments below).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := $(VENV)/share/jupyter/kernels/python3/kernel.json

# setuptools warns on every editable install that folders named like the package may shadow
# it ("BuildBackendWarning: Editable installation"): true of every editable install, nothing
# for this project to change.
PIP := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip

.PHONY: book test env clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH (or make PYTHON=python3)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test]"
	touch $(STAMP)

# The kernel that executes the chapters.  ipykernel >= 7 logs "Kernel is running over TCP
# without encryption" at WARNING on every start, once per chapter: the kernel only listens
# on localhost for the build, so its own log is kept to errors (cell output is unaffected).
$(KERNEL): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(BIN)/python -c 'import json, pathlib; p = pathlib.Path("$@"); k = json.loads(p.read_text()); \
	  quiet = "--IPKernelApp.log_level=ERROR"; k["argv"] += [quiet] * (quiet not in k["argv"]); \
	  p.write_text(json.dumps(k, indent=1) + "\n")'

env: $(STAMP) $(KERNEL)

# -q: no Sphinx progress and configuration dumps; warnings are still printed (and fail -W).
book: env
	$(BIN)/jupyter-book build . -W --keep-going -q
	@echo "book: open _build/html/index.html"

test: env
	$(BIN)/ruff check tlspaper tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadfile

clean:
	rm -rf _build .pytest_cache
