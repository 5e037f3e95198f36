# Set-up is two commands on a fresh machine with Python 3.11: `make run` and `make test`.
# Both create .venv and install eventwire with its pinned model on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= eventwire.db
# The gazetteer index is built once (about a minute) and kept here; tests reuse it across runs.
export EVENTWIRE_CACHE ?= $(CURDIR)/.cache/eventwire

.PHONY: run test lint install clean help postgres web browser-deps serve

help:
	@echo "make run    set up, ingest the sample reports into $(DB), print the events found"
	@echo "make test   set up, run the linters and the test suite (installs Debian's chromium for the browser tests when root)"
	@echo "make serve  run the web app over $(DB) (http://127.0.0.1:8000/)"
	@echo "make web    rebuild the web UI into src/eventwire/web/static/ (needs npm; the built files are committed)"
	@echo "make clean  remove the virtual environment, caches and $(DB)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "eventwire needs Python >= 3.11"' \
	  || { echo "eventwire needs Python >= 3.11 (found: $(PYTHON))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian run 'apt-get install python3-venv'"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/eventwire ingest examples/ --db $(DB)
	@$(BIN)/eventwire events --db $(DB)
	@echo ""
	@echo "Next, try:"
	@echo "  $(BIN)/eventwire events --db $(DB) --acled-type Battles --format csv"
	@echo "  $(BIN)/eventwire events --db $(DB) --source police"
	@echo "  $(BIN)/eventwire extract examples/nigeria-raid-arrests.txt --format table"
	@echo "  $(BIN)/eventwire export --db $(DB) --format geojson --output events.geojson"
	@echo "  $(BIN)/eventwire --help"
	@echo ""
	@echo "See them on a map, a timeline and with their evidence (then open http://127.0.0.1:8000/):"
	@echo "  $(BIN)/eventwire serve --db $(DB)"
	@echo "  http://127.0.0.1:8000/"

# The PostgreSQL tests start a throwaway server from Debian's server binaries (initdb, pg_ctl). Installed here when
# missing and we may (root, apt-get); otherwise those tests skip and say why. Idempotent: nothing to do once present.
postgres:
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's postgresql (server binaries for the PostgreSQL tests)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "PostgreSQL server binaries not found (apt-get install postgresql): the PostgreSQL tests will skip"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

test: lint postgres browser-deps
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/eventwire serve --db $(DB)

# The browser tests drive Debian's Chromium (never a browser download). Idempotent: installs it only when it is
# missing and we are root; otherwise the browser tests skip and say why.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: /usr/bin/chromium is missing (apt-get install chromium as root); the browser tests will skip"; fi

# Rebuild the web UI from frontend/ (pinned npm packages) into the package; commit the result.
web:
	cd frontend && npm ci && npm run build

clean:
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache .hypothesis $(DB)
