# Two commands for a new user: `make run` and `make test`. Both build .venv
# from the pinned pyproject.toml and install the apt packages they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench sandbox clean deps

$(STAMP): pyproject.toml
	@bash scripts/apt-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

deps: $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP) lint typecheck
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

typecheck: $(STAMP)
	$(PY) -m mypy

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

sandbox: $(STAMP)
	$(PY) main.py sandbox

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

.PHONY: screenshots
screenshots: $(STAMP)
	bash scripts/screenshots.sh
