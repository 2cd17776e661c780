# Two commands do all the set-up:
#   make demo  - install the tool in .venv and run it on the bundled example
#   make test  - install the test dependencies and run the whole suite
#   make bench - time 10k and 100k-statement synthetic corpora (add BENCH_ARGS=--million for 1M)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install -q .
	@echo "== consistency-check check examples/  (exit code 1 means: contradictions found)"
	@$(BIN)/consistency-check check examples/ ; status=$$? ; echo "exit code: $$status" ; test $$status -le 1

test: $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pytest

bench: $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	$(BIN)/python benchmarks/perf/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
