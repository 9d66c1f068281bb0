# Each target bootstraps .venv on first use and reinstalls when a pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLUGIN_PROJECTS := $(wildcard plugins/*/pyproject.toml)

.PHONY: demo serve test lint docs bench clean

$(STAMP): pyproject.toml $(PLUGIN_PROJECTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	@for plugin in $(dir $(PLUGIN_PROJECTS)); do \
		echo "installing $$plugin"; \
		$(BIN)/python -m pip install --quiet -e "$$plugin" --group "$${plugin}pyproject.toml:test" || exit 1; \
	done
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/commentguard --config examples/commentguard.toml check examples/comments.jsonl \
		--format csv --only hold,spam,discard,reject,invalid

# The newsroom example site in development mode (make serve SERVE_PORT=8001 for another port);
# its data lives in build/newsroom-data.
SERVE_PORT ?= 8000
serve: $(STAMP)
	cd examples/newsroom && NEWSROOM_DATA_DIR=../../build/newsroom-data ../../$(BIN)/python -m newsroom --dev --port $(SERVE_PORT)

# Core's suite runs on every core (pytest-xdist, PYTEST_WORKERS=0 for no workers); the newsroom
# example's and the plugins' suites are too short for workers to pay for their start.
PYTEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal
	$(BIN)/python -m pytest examples/newsroom
	@for plugin in $(dir $(PLUGIN_PROJECTS)); do \
		echo "testing $$plugin"; \
		$(BIN)/python -m pytest "$$plugin" || exit 1; \
	done
	$(MAKE) docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/sphinx-build --fail-on-warning --keep-going --nitpicky --quiet docs build/docs

bench: $(STAMP)
	@failed=""; for script in benchmarks/*.py; do \
		echo "== $$script"; $(BIN)/python "$$script" || failed="$$failed $$script"; \
	done; \
	if [ -n "$$failed" ]; then echo "missed a target or failed:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) build docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
