# chaindb -- two commands on a fresh Debian 12 machine:
#   make up     embedded cluster, deploy, seed, verify, health
#   make test   install everything, then the whole suite (pytest + pgTAP + interop)
#
# Python packages go into a virtualenv, .venv/ (Debian's python3 refuses pip installs,
# PEP 668); everything below runs from it.  Afterwards `. .venv/bin/activate` puts
# chaindb on the PATH.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(CURDIR)/$(VENV)/bin
APT_PKGS := postgresql-15 postgresql-15-pgtap pgtap sqitch libdbd-pg-perl \
            postgresql-15-plpgsql-check postgresql-15-cron python3-venv \
            libtemplate-perl
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The venv's bin first on PATH: the tests run chaindb and chaindb-pg-ctl from there.
RUN      := PATH="$(BIN):$$PATH"

.PHONY: deps apt up down test test-fast lint bench clean

apt: ## system packages, only those missing
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/bin/pip: | apt
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/pip
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

deps: apt $(VENV)/.installed ## system packages, the venv, the project with its test extras

up: deps ## embedded cluster, deploy, seed, verify, health
	$(RUN) chaindb up

down: ## stop the embedded cluster
	$(RUN) chaindb cluster stop

test: deps ## the whole suite, test files spread over the cores (pytest-xdist; one server per worker)
	$(RUN) python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=15

test-fast: ## the suite without reinstalling, stop at the first failure
	$(RUN) python -m pytest -q -x

lint: deps ## Squawk and the plan checks (the test suite runs them too)
	$(RUN) chaindb lint

bench: deps
	$(RUN) python bench/deploy.py

clean:
	-$(RUN) chaindb cluster stop
	rm -rf .chaindb
