# The two commands of the quick start:  `make run`  and  `make test`.
# Both set up everything the project needs first (Debian packages when root on Debian, the
# virtual environment, compiled translation catalogues), so they work on a fresh machine.

# The interpreter .venv is made with (PYTHON=... overrides): the system's own python3 when it is
# 3.11 or newer and can make a venv, else the first python3 on PATH. Debian's is built with
# profile-guided and link-time optimisation, as python.org's builds are; a version manager's
# build often is not (pyenv's, by default: the demo centre took 15% longer to build with it).
PYTHON ?= $(or $(shell for p in /usr/bin/python3 python3; do \
	"$$p" -c 'import ensurepip, sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo "$$p"; break; }; \
	done),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBIAN_PACKAGES := python3-venv xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3 poppler-utils zbar-tools cups printer-driver-cups-pdf

CONSTRAINTS := installer/constraints.txt

.PHONY: run test setup debs catalogues bytecode demo bench lint constraints clean

run: setup
	$(BIN)/mediation-app demo --if-missing
	$(BIN)/mediation-app

test: setup
	bash .ci/run-tests

setup: debs $(STAMP) catalogues bytecode

# Debian packages: only when root on Debian; elsewhere say what is needed and go on.
debs:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi; \
	else \
		echo "Not root on Debian: make sure these (or your system's equivalents) are installed: $(DEBIAN_PACKAGES)"; \
	fi

# The versions in $(CONSTRAINTS) (the ones the bundle is built and tested with).
# After debs (order only): the interpreter check above needs python3-venv where debs installs it.
$(STAMP): pyproject.toml $(CONSTRAINTS) | debs
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP)

catalogues: $(STAMP)
	$(BIN)/pybabel compile -d resources/locale

# The project's own modules compiled ahead (pip does it for what it installs, not for an editable
# install): where PYTHONDONTWRITEBYTECODE is set, every command would compile them again (0.3 s
# of each start). Only what changed since is compiled again.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q mediation_app reports ui >/dev/null

# Refresh the catalogues after adding user-facing strings (then translate the new entries).
extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output -o resources/locale/messages.pot .
	$(BIN)/pybabel update -i resources/locale/messages.pot -d resources/locale --no-fuzzy-matching

demo: setup
	$(BIN)/mediation-app demo

bench: setup
	$(BIN)/mediation-app bench --json

# ruff, ruff format, mypy strict, import contracts (make test runs them too)
lint: setup
	bash .ci/lint

# Records .venv's versions as the constraints. After changing a dependency in pyproject.toml:
# `.venv/bin/pip install -e '.[dev]'` (without -c, so the new versions can come), `make test`, then
# `make constraints`.
constraints:
	{ sed -n '/^#/p;/^#/!q' $(CONSTRAINTS); $(BIN)/pip freeze --exclude-editable; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)

clean:
	rm -rf $(VENV) build dist *.egg-info
