# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run` serves demonstration data from a file of its own: the default path
# data/lda_dash.duckdb is for real data, and `init --demo` refuses it (issue 15).
DEMO_DB ?= data/demo.duckdb
PORT ?= 8501

.PHONY: run test lint format demo clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

$(DEMO_DB): | $(BIN)/activate
	$(BIN)/python -m lda_dash init --demo --db $(DEMO_DB)

run: $(BIN)/activate $(DEMO_DB)
	LDA_DASH_DB=$(DEMO_DB) $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

# Two workers (pytest-xdist), each taking whole test files: the browser journeys mostly wait
# on Chromium and Streamlit, so the other worker runs the rest meanwhile.
test: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadfile

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/activate
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: $(BIN)/activate
	$(BIN)/python -m lda_dash init --demo --db $(DEMO_DB)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Issue 7: medians at 46 and 460 territories over 10 years, written to bench-results.json.
.PHONY: bench
bench: $(BIN)/activate
	$(BIN)/python -m lda_dash bench --territories 46,460 --years 10 --output bench-results.json
