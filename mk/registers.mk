# Base registers (issue 3): generate the synthetic region at full scale, import it, compare with
# ogr2ogr and measure the look-ups; on SpatiaLite, and on PostGIS via scripts/with-postgis.sh.
.PHONY: bench-registers bench-registers-small

BENCH_SCALE ?= 1
# BENCH_ONLY=bag-pand,brk-perceel imports just those registers (default: all)
BENCH_ONLY ?=

bench-registers: install
	$(PY) -m weerbaar.registers.bench --scale $(BENCH_SCALE) --work var/bench/registers --only "$(BENCH_ONLY)"
	scripts/with-postgis.sh $(PY) -m weerbaar.registers.bench --scale $(BENCH_SCALE) --work var/bench/registers \
	  --only "$(BENCH_ONLY)"

bench-registers-small:
	$(MAKE) bench-registers BENCH_SCALE=0.01
