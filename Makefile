# chaindb -- two commands on a fresh Debian 12 machine:
#   make up     embedded cluster, deploy, seed, verify, health
#   make test   install everything, then the whole suite (pytest + pgTAP + interop)

PYTHON   ?= python3
APT_PKGS := postgresql-15 postgresql-15-pgtap pgtap sqitch libdbd-pg-perl postgresql-15-plpgsql-check postgresql-15-cron
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHAINDB  := $(PYTHON) -m chaindb

.PHONY: deps up down test test-fast bench clean

deps: ## system packages (only when missing) and the project with its test extras
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	$(PYTHON) -m pip install -q --disable-pip-version-check -e '.[test]'

up: deps ## embedded cluster, deploy, seed, verify, health
	$(CHAINDB) up

down: ## stop the embedded cluster
	$(CHAINDB) cluster stop

test: deps ## the whole suite
	$(PYTHON) -m pytest -q -p no:cacheprovider

test-fast: ## the suite without reinstalling
	$(PYTHON) -m pytest -q -x

bench: deps
	$(PYTHON) bench/deploy.py

clean:
	-$(CHAINDB) cluster stop
	rm -rf .chaindb
