# Catalog search benchmark: 5,000 generated factsheets on a scratch database, p95 per query kind;
# the table is printed and written into docs/benchmarks.md (its own section).
.PHONY: bench-catalog

bench-catalog: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	export WEERBAAR_VAR_DIR="$$scratch" DJANGO_SETTINGS_MODULE=weerbaar.catalog.tests.settings WEERBAAR_DEMO=0 && \
	$(WEERBAAR) migrate -v0 && $(WEERBAAR) migrate --database audit -v0 && \
	$(WEERBAAR) load_privacy_register >/dev/null && $(WEERBAAR) load_region >/dev/null && \
	$(WEERBAAR) bench_catalog --count 5000 --record docs/benchmarks.md
