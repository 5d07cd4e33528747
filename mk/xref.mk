# Cross-referencing (issue 12): FEBRL 4a × 4b with this matcher and Splink 5 (DuckDB) in the same
# run — precision, recall, F1 and wall time (benchmarks/xref.py); printed and recorded (section
# bench-xref). The bench-only dependencies (requirements/bench.txt) are installed here only.
.PHONY: bench-xref

$(VENV)/.bench-xref: requirements/bench.txt | install
	$(PY) -m pip install -q --disable-pip-version-check -r requirements/bench.txt
	@touch $@

bench-xref: install $(VENV)/.bench-xref
	$(PY) -m benchmarks.xref --record $(BENCH_RECORD)
