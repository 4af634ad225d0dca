# Two commands for a new user: `make run` and `make test`. Both build .venv
# from the pinned pyproject.toml and install the apt packages they need: `make run` the
# runtime dependencies only, `make test` adds the test tools ([dev]: pytest, keyrings.alt...).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench sandbox clean deps bundle bundle-check msi msi-test

$(RUN_STAMP): pyproject.toml
	@bash scripts/apt-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $(RUN_STAMP)

$(STAMP): pyproject.toml
	@bash scripts/apt-deps.sh test
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP) $(RUN_STAMP)

deps: $(STAMP)

run: $(RUN_STAMP)
	$(PY) main.py

test: $(STAMP) lint typecheck
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

typecheck: $(STAMP)
	$(PY) -m mypy

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

sandbox: $(RUN_STAMP)
	$(PY) main.py sandbox

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist

# The installer (installer/README.md): PyInstaller onedir in dist/FrontDeskPay, its MSI.
BUILD_STAMP := $(VENV)/.build-installed
$(BUILD_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[build]'
	@touch $(BUILD_STAMP)

bundle: $(BUILD_STAMP)
	$(PY) -m PyInstaller --noconfirm --distpath dist --workpath dist/.build installer/frontdeskpay.spec

bundle-check: $(BUILD_STAMP)
	installer/bundle_check.sh dist

# Windows: the same spec run by a Windows Python under Wine, its MSIs, and each MSI installed,
# run, upgraded and removed in a fresh Wine prefix (installer/README.md).
msi: $(BUILD_STAMP)
	@bash scripts/apt-deps.sh windows
	installer/windows/build.sh dist/windows

msi-test: msi
	installer/windows/msi_test.sh dist/windows/FrontDeskPay dist/windows/FrontDeskPay.msi
	installer/windows/bridge_msi_test.sh dist/windows/FrontDeskPayBridge dist/windows/FrontDeskPayBridge.msi

.PHONY: screenshots
screenshots: $(STAMP)
	bash scripts/screenshots.sh

# The Spanish .ts is the source of the translations (edit it in Qt Linguist, or by hand):
# this adds the UI's new texts to it as unfinished, drops texts no longer used, and builds the
# .qm the app loads. tests/ui/test_translations.py fails until every entry is finished.
TS := resources/translations/frontdeskpay_es.ts
TR_SOURCES = $(shell find desktop_app/ui -name '*.py' | sort) desktop_app/settings.py
.PHONY: translations
translations:
	$(VENV)/bin/pyside6-lupdate $(TR_SOURCES) -locations none -no-obsolete -ts $(TS)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)
