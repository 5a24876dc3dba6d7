# Two commands do everything on a fresh machine: `make brief` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
OUT ?= outputs

.PHONY: setup brief test test-fast lint bench bench-quick segmentation-figures

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0   # first: the CPU wheel, never the CUDA stack
	$(PY) -m pip install -q -e '.[test,ray]'
	touch $@

brief: setup
	$(VENV)/bin/translate brief seeds/ -o $(OUT)

test: setup lint
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

test-fast: setup   # under a minute: every test that loads no model
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q -m "not models"

lint: setup
	$(VENV)/bin/ruff check translate tests bench tools

bench: setup
	$(PY) bench/run.py

bench-quick: setup
	$(PY) bench/run.py --quick

segmentation-figures: setup
	$(PY) bench/segmentation.py
