# Two commands do all set-up: `make run` and `make test`. Both create the virtualenv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test translations init bench soak security clean messages

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile -d app/translations --statistics

init: $(STAMP) translations
	$(FLASK) init
	$(FLASK) seed-demo --if-empty

run: init
	@echo ""
	@echo "  Union Learning is at http://$(HOST):$(PORT)"
	@echo "  Sign in as officer, coordinator, trainer or admin; password: bentre-demo-2026"
	@echo "  (Ctrl+C stops the server.)"
	@echo ""
	$(FLASK) run --debug --host $(HOST) --port $(PORT)

test: $(STAMP) translations
	$(BIN)/pytest -q

# Benchmarks print ratios measured in one run; see README.md for the figures.
bench: $(STAMP)
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/app.py

# 50 simulated officers for a minute; add DATABASE_URL=postgresql://... to include PostgreSQL.
soak: $(STAMP)
	$(BIN)/python bench/soak.py --officers 50 --seconds 60

# Attack run: bandit, wapiti and sqlmap against a throw-away local server (see SECURITY.md).
security: $(STAMP)
	sh security/run.sh

clean:
	rm -rf $(VENV) .venv-security .pytest_cache .hypothesis

# After changing user-facing strings: refresh the template and the vi/th catalogues.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".* .venv" --no-location --sort-output -o app/messages.pot .
	$(BIN)/pybabel update -i app/messages.pot -d app/translations --no-fuzzy-matching
