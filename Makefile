# Tessera: `make run` starts the terminal on the embedded simulator; `make test` runs the whole suite headless.
# Each target sets up what a fresh Debian machine lacks: Qt's system libraries (installed when root, otherwise the
# one apt command to run is printed) and the virtual env in .venv.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ARGS   ?=
ORDERS ?= 300

# Qt's xcb platform and Xvfb on a bare Debian 12 (the offscreen platform needs the EGL/GL/fontconfig part).
SYSTEM_PKGS := xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
	libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 libegl1 libgl1 libfontconfig1 \
	libglib2.0-0 libdbus-1-3 fonts-dejavu-core

.PHONY: run test bench soak screenshots dist dist-check lint translations system-deps venv clean help

help:
	@echo "make run         start Tessera on the embedded simulator (ARGS='--profile NAME ...')"
	@echo "make test        ruff, import contracts, mypy and the whole test suite, headless"
	@echo "make bench       chart, start-up, idle, market data, order path and blotter benchmarks -> bench-results.json"
	@echo "make soak        orders under injected faults on both venues -> soak-results.json (ORDERS=300)"
	@echo "make screenshots the README's 24 pictures -> resources/screenshots (under Xvfb when installed)"
	@echo "make dist        one-folder bundle with PyInstaller (dist/tessera)"
	@echo "make dist-check  build the bundle and run it with --smoke 2 offscreen"
	@echo "make translations  lupdate app/ and widgets/ into the .ts files, then lrelease them into .qm"

run: venv
	$(PY) -m app $(ARGS)

test: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider $(ARGS)

bench: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.perf.bench_chart --out bench-results.json
	$(PY) -m tests.perf.bench_startup --out bench-results.json
	$(PY) -m tests.perf.bench_idle --out bench-results.json
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.perf.bench_market_data --out bench-results.json
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.perf.bench_orders --out bench-results.json
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.perf.bench_blotter --out bench-results.json

soak: venv
	$(PY) -m tests.perf.soak --orders $(ORDERS) --out soak-results.json

screenshots: venv
	$(PY) -m tests.screenshots --out resources/screenshots

dist: venv
	$(VENV)/bin/pip install -q -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller installer/tessera.spec

dist-check: dist
	QT_QPA_PLATFORM=offscreen ./dist/tessera/tessera --smoke 2 --profile dist-check

# lupdate: every tr()/translate()/QT_TRANSLATE_NOOP (and N, the strategy fields' typed NOOP) of app/ and widgets/
# into each .ts (new messages come unfinished, gone ones are dropped); lrelease: the .qm the app loads.
TS_FILES := $(wildcard resources/translations/tessera_*.ts)

translations: venv
	$(VENV)/bin/pyside6-lupdate $$(find app widgets -name '*.py' | sort) -tr-function-alias QT_TRANSLATE_NOOP+=N \
		-no-obsolete -locations none -ts $(TS_FILES)
	for ts in $(TS_FILES); do $(VENV)/bin/pyside6-lrelease $$ts -qm $${ts%.ts}.qm || exit 1; done

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

venv: system-deps $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Tessera needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

system-deps:
	@missing=""; for p in $(SYSTEM_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ] || ! command -v dpkg-query >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Qt's system libraries:$$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "Qt needs system libraries that are missing. Run:"; \
		echo "  sudo apt-get install -y$$missing"; \
		exit 1; \
	fi

clean:
	rm -rf build dist .pytest_cache .ruff_cache bench-results.json soak-results.json
