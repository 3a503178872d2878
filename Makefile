# letterkit: the commands the README tells you to type.
#   make run    install everything, check the letter catalogue, render it to build/letters/,
#               build the documentation site and start the preview app
#   make test   install everything, check the code style (ruff), run the tests
#   make bench  install everything, print the speed and evaluation figures
#   make fuzz   a long property-based fuzz run of every content file type (about 15 minutes)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian/Ubuntu packages: Voikko (Finnish morphology), hunspell and its dictionaries (sv, en).
APT_PACKAGES := libvoikko1 voikko-fi hunspell-sv hunspell-en-gb hunspell-en-us libhunspell-1.7-0 \
  fonts-dejavu-core fonts-liberation espeak-ng ffmpeg librsvg2-bin poppler-utils \
  libpango-1.0-0 libpangoft2-1.0-0
# The browser the end-to-end tests drive (Playwright never downloads one here). Optional: the
# browser test is skipped, saying why, where the package cannot be installed.
BROWSER_PACKAGES := chromium

.PHONY: run test fuzz bench setup system-deps check build docs clean

run: setup
	$(BIN)/letterkit check
	$(BIN)/letterkit build --out build/letters
	$(BIN)/letterkit guide video   # once (about 6 s a video); then cached in var/cache/videos/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "Documentation site: file://$(CURDIR)/build/site/index.html"
	$(BIN)/letterkit serve

test: setup
	$(BIN)/ruff check --quiet src tests benchmarks preview_app
	$(BIN)/python -m pytest -q

fuzz: setup
	LETTERKIT_FUZZ_EXAMPLES=60 $(BIN)/python -m pytest -q tests/fuzz

bench: setup
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

setup: system-deps $(VENV)/.installed node_modules/.installed

system-deps:
	@missing=""; for pkg in $(APT_PACKAGES); do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@[ -x /usr/bin/chromium ] || { echo "Installing $(BROWSER_PACKAGES) for the browser tests"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) \
	  || echo "warning: $(BROWSER_PACKAGES) could not be installed; browser tests will be skipped"; }

# axe-core, injected into the built site's pages by the browser tests (package.json).
node_modules/.installed: package.json
	@if command -v npm >/dev/null; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "warning: npm not found; the axe-core browser test will be skipped"; fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

check: setup
	$(BIN)/letterkit check

build: setup
	$(BIN)/letterkit build --out build/letters

docs: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict
	@echo "Documentation site: file://$(CURDIR)/build/site/index.html"

clean:
	rm -rf build .pytest_cache
