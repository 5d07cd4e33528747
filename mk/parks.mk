# Holiday parks (issue 14): recompute of the attention score for the demo parks and for the demo
# plus BENCH_PARKS generated parks (benchmarks/parks.py), against the same formula as one SQL
# UPDATE; printed and recorded (section bench-parks). Target < 5 s. Never a timed test.
.PHONY: bench-parks

BENCH_PARKS ?= 2000

bench-parks: install
	$(PY) -m benchmarks.parks --parks $(BENCH_PARKS) --record $(BENCH_RECORD)
