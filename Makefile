# Two commands on a fresh machine:  `make demo` (score the bundled examples) and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dask]'
	touch $(STAMP)

install: $(STAMP)

# exit code 3 = some inputs unreadable (the demo has a scanned PDF on purpose): not a failure here
demo: $(STAMP)
	$(BIN)/gxaudit score fixtures/county/2025-10 --period 2025-10 --history out/demo/history.sqlite --out out/demo/2025-10 --format table,json,xlsx,html || [ $$? -eq 3 ]
	$(BIN)/gxaudit score fixtures/county/2025-11 --period 2025-11 --history out/demo/history.sqlite --out out/demo/2025-11 --format table,json,xlsx,html || [ $$? -eq 3 ]
	$(BIN)/gxaudit circular --period 2025-11 --history out/demo/history.sqlite --out out/demo/2025-11 --format docx,md --template fixtures/county/circular.toml

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf out .gxaudit .pytest_cache
