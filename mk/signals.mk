# Signals (issue 6): enrichment of a signal with five subjects against synthetic registers at
# BENCH_SIGNALS_SCALE (1 = the whole province) on a scratch database, against the target
# (benchmarks/signals.py); printed and recorded (section bench-signals). Never a timed test.
.PHONY: bench-signals bench-signals-small

BENCH_SIGNALS_SCALE ?= 1

bench-signals: install
	$(PY) -m benchmarks.signals --scale $(BENCH_SIGNALS_SCALE) --record $(BENCH_RECORD)

bench-signals-small:
	$(MAKE) bench-signals BENCH_SIGNALS_SCALE=0.01 BENCH_RECORD=$(BENCH_SMALL_RECORD)
