# Every target creates or updates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test chat lint bench clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	@start=$$(date +%s); $(BIN)/pytest; status=$$?; \
	echo "make test: pytest took $$(( $$(date +%s) - start )) s"; exit $$status

chat: $(STAMP)
	$(BIN)/opleidingsbot chat

bench: $(STAMP)
	$(BIN)/python -m benchmarks.matcher
	$(BIN)/python -m benchmarks.bot

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
