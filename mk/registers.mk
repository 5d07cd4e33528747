# Base registers (issue 3): generate the synthetic region, import it, compare with ogr2ogr and
# measure the look-ups (benchmarks/registers.py); on SpatiaLite, and on PostGIS via
# scripts/with-postgis.sh; printed and recorded (sections registers-spatialite, registers-postgis).
.PHONY: bench-registers bench-registers-small

BENCH_SCALE ?= 1
# BENCH_ONLY=bag-pand,brk-perceel imports just those registers (default: all)
BENCH_ONLY ?=
REGISTERS_BENCH = $(PY) -m benchmarks.registers --scale $(BENCH_SCALE) --work var/bench/registers \
	--only "$(BENCH_ONLY)" --record $(BENCH_RECORD)

bench-registers: install
	$(REGISTERS_BENCH)
	scripts/with-postgis.sh $(REGISTERS_BENCH)

bench-registers-small:
	$(MAKE) bench-registers BENCH_SCALE=0.01 BENCH_RECORD=$(BENCH_SMALL_RECORD)
