# Cross-referencing (issue 12): FEBRL 4a × 4b, FEBRL 3 (deduplication) and a Dutch synthetic set with
# this matcher and Splink 5 (DuckDB) in the same run — precision, recall, F1 and wall time
# (benchmarks/xref.py); printed and recorded (section bench-xref). The bench-only dependencies (requirements/bench.txt) are installed here only.
.PHONY: bench-xref bench-xref-scale bench-hitindex bench-hitindex-small

$(VENV)/.bench-xref: requirements/bench.txt | install
	$(PY) -m pip install -q --disable-pip-version-check -r requirements/bench.txt
	@touch $@

bench-xref: install $(VENV)/.bench-xref
	$(PY) -m benchmarks.xref --record $(BENCH_RECORD)

# The same at scale: XREF_PERSONS × XREF_PERSONS Dutch synthetic persons, each tool in its own process,
# wall time, peak memory and F1 (benchmarks/xref_scale.py); section bench-xref-scale.
XREF_PERSONS ?= 1000000
bench-xref-scale: install $(VENV)/.bench-xref
	$(PY) -m benchmarks.xref_scale --persons $(XREF_PERSONS) --record $(BENCH_RECORD)

# Hit / no hit from a published Bloom-filter index of 1,000,000 fictitious persons, one question at
# a time, against anonlink on the same filters and questions (benchmarks/hitindex.py); section
# bench-hitindex. BENCH_PERSONS=100000 for a quicker run.
BENCH_PERSONS ?= 1000000
bench-hitindex: install $(VENV)/.bench-xref
	$(PY) -m benchmarks.hitindex --persons $(BENCH_PERSONS) --record $(BENCH_RECORD)

bench-hitindex-small: install $(VENV)/.bench-xref
	$(PY) -m benchmarks.hitindex --persons 20000 --questions 200 --record $(BENCH_SMALL_RECORD)
