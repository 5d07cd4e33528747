# Catalog search benchmark: generated factsheets on a scratch database, p50/p95 per query kind
# against the target (benchmarks/catalog.py); printed and recorded (section bench-catalog).
.PHONY: bench-catalog bench-catalog-small

BENCH_CATALOG_COUNT ?= 5000
BENCH_CATALOG_REPEATS ?= 20

bench-catalog: install
	$(PY) -m benchmarks.catalog --count $(BENCH_CATALOG_COUNT) --repeats $(BENCH_CATALOG_REPEATS) \
	  --record $(BENCH_RECORD)

bench-catalog-small:
	$(MAKE) bench-catalog BENCH_CATALOG_COUNT=500 BENCH_CATALOG_REPEATS=5 BENCH_RECORD=$(BENCH_SMALL_RECORD)
