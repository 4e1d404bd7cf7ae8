# The course's two commands: `make lab` and `make test`.
# Both create .venv (Python 3.11) and install requirements.txt when needed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The test command's environment: deterministic hashing, one thread per
# worker (two xdist workers share the 2 cores), quiet TensorFlow.
TEST_ENV := PYTHONHASHSEED=0 OMP_NUM_THREADS=1 TF_CPP_MIN_LOG_LEVEL=3 \
	TF_ENABLE_ONEDNN_OPTS=0

.PHONY: lab test test-browser bench notebooks practice progress \
	progress-reset site clean

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
# Jupyter refuses to run as root without this flag (CI and containers).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

$(STAMP): requirements.txt pyproject.toml helpers/lab/overrides.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	mkdir -p $(LAB_SETTINGS)
	cp helpers/lab/overrides.json $(LAB_SETTINGS)/overrides.json
	touch $(STAMP)

## make lab: JupyterLab on 127.0.0.1 with a fresh random token, at chapters/
## The port is chosen before the server starts (the first free one from
## LAB_PORT, default 8888) and Jupyter may not move off it, so the printed
## URL is the one the server really uses.
LAB_PORT ?= 8888
lab: $(STAMP)
	@port=$$($(BIN)/python -m helpers.build port $(LAB_PORT)) || exit 1; \
	token=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(24))"); \
	echo ""; \
	echo "  Open the course:"; \
	echo "  http://127.0.0.1:$$port/lab/tree/chapters?token=$$token"; \
	echo ""; \
	exec $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) \
		--ServerApp.port=$$port --ServerApp.port_retries=0 \
		--IdentityProvider.token=$$token \
		--ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/chapters

## make test: every unit test and every notebook (nbval), in parallel
test: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest

## make test-browser: only the JupyterLab-in-Chromium tests
test-browser: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest tests/browser -n 0

## make bench: execution time per notebook and the import costs
bench: $(STAMP)
	@$(TEST_ENV) $(BIN)/python -m helpers.build bench

## make notebooks: re-execute chapters/ and solutions/, regenerate practice/
notebooks: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m helpers.build execute \
		chapters/[0-9][0-9]_*.ipynb solutions/[0-9][0-9]_*.ipynb
	$(BIN)/python -m helpers.build practice

## make practice: regenerate practice/ from solutions/
practice: $(STAMP)
	$(BIN)/python -m helpers.build practice

## make site: the course as a static website in _site/, from the stored
## outputs (nothing is executed); MathJax is fetched once with npm
site: $(STAMP)
	@$(BIN)/python -m helpers.sitebuild _site

## make progress: your practice progress, a table per chapter
progress: $(STAMP)
	@$(BIN)/python -m helpers.tracking

## make progress-reset: delete your progress (asks first)
progress-reset: $(STAMP)
	@$(BIN)/python -m helpers.tracking --reset

clean:
	rm -rf $(VENV)
