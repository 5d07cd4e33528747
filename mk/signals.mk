# Signals (issue 6): enrichment of a signal with five subjects against synthetic registers at
# BENCH_SIGNALS_SCALE (1 = the whole province), on a scratch database; the result goes into its own
# section of docs/benchmarks.md. Never a timed assertion in the test suite.
.PHONY: bench-signals

BENCH_SIGNALS_SCALE ?= 1

bench-signals: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	export WEERBAAR_VAR_DIR="$$scratch" DJANGO_SETTINGS_MODULE=weerbaar.settings.test WEERBAAR_DEMO=0 && \
	$(WEERBAAR) migrate -v0 && $(WEERBAAR) migrate --database audit -v0 && \
	$(WEERBAAR) load_privacy_register >/dev/null && $(WEERBAAR) load_region >/dev/null && \
	$(WEERBAAR) generate_registers --scale $(BENCH_SIGNALS_SCALE) --out "$$scratch/registers" -v0 && \
	$(WEERBAAR) import_registers "$$scratch/registers" -v0 >/dev/null && \
	$(WEERBAAR) bench_signals --scale $(BENCH_SIGNALS_SCALE) --record docs/benchmarks.md
