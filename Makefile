# Two commands do all set-up: `make run` and `make test`. Both create the virtualenv first;
# `make run` installs only what running needs, `make test` adds the test and security tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
FUZZ_STAMP := $(VENV)/.installed-fuzz
MUTATION_STAMP := $(VENV)/.installed-mutation
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2

.PHONY: run serve test translations init bench soak security clean messages fuzz mutation

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile -d app/translations --statistics

init: $(STAMP) translations
	$(FLASK) init
	$(FLASK) seed-demo --if-empty

# The development server, with the debugger: keep HOST at 127.0.0.1 (the debugger runs any
# code typed into it). To try the site from a phone on the same network, use `make serve`.
run: init
	@echo ""
	@echo "  The site is at http://$(HOST):$(PORT)   (another port: make run PORT=8080)"
	@echo "  Sign in as officer, coordinator, trainer or admin; password: bentre-demo-2026"
	@echo "  (Ctrl+C stops the server.)"
	@echo ""
	$(FLASK) run --debug --host $(HOST) --port $(PORT)

# No debugger, every address of this machine: open http://<this machine's address>:$(PORT)
# on a phone on the same Wi-Fi. The single-server set-up of serve.conf.py: gthread workers,
# so a phone on a weak connection holds one thread, not a worker (README, Production).
serve: init
	@echo ""
	@echo "  Serving on every address of this machine, port $(PORT), without the debugger."
	@echo "  On a phone on the same network open http://<this machine's address>:$(PORT)"
	@echo ""
	$(BIN)/gunicorn --config serve.conf.py --workers $(WORKERS) --bind 0.0.0.0:$(PORT) wsgi:app

test: $(DEV_STAMP) translations
	$(BIN)/pytest -q

$(FUZZ_STAMP): $(DEV_STAMP) requirements-fuzz.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-fuzz.txt
	touch $(FUZZ_STAMP)

# Coverage-guided fuzzing of every reader of outside input, SECONDS per target (README.md,
# "Fuzzing"); crashes are kept in tests/fuzz_regressions/. Not part of `make test`.
SECONDS ?= 60
fuzz: $(FUZZ_STAMP)
	$(BIN)/python -m fuzz.run --seconds $(SECONDS)

$(MUTATION_STAMP): $(DEV_STAMP) requirements-mutation.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-mutation.txt
	touch $(MUTATION_STAMP)

# Mutation testing of the grading core and the completion rules against their fast pure tests
# (README.md, "Mutation testing"): a fresh run each time (about 6 minutes on 2 cores), then the
# score per module and every surviving mutant. mutmut's own log is mutants/run.log.
mutation: $(MUTATION_STAMP)
	rm -rf mutants && mkdir mutants
	nice -n 10 $(BIN)/mutmut run --max-children 2 > mutants/run.log 2>&1 \
		|| { tail -n 40 mutants/run.log; exit 1; }
	$(BIN)/python -m mutation.report

# Benchmarks: the report queries at province scale, then what each page costs the server as
# ratios to /healthz over interleaved rounds, with a Markdown table for README.md at the end.
bench: $(DEV_STAMP)
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/app.py

# 50 simulated officers for a minute; add DATABASE_URL=postgresql://... to include PostgreSQL.
soak: $(DEV_STAMP)
	$(BIN)/python bench/soak.py --officers 50 --seconds 60

# Attack run: bandit, wapiti and sqlmap against a throw-away local server (see SECURITY.md).
security: $(DEV_STAMP)
	sh security/run.sh

clean:
	rm -rf $(VENV) .venv-security .pytest_cache .hypothesis mutants

# After changing user-facing strings: refresh the template and the vi/th catalogues.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".* .venv mutants" --no-location --sort-output -o app/messages.pot .
	$(BIN)/pybabel update -i app/messages.pot -d app/translations --no-fuzzy-matching
