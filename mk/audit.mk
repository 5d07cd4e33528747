# Audit of a shielded page (issue 11): a 100-parcel OGC page with its owners, the page's audit
# entries appended in one transaction against one transaction per entry, on a scratch SpatiaLite
# database and on a throw-away PostGIS cluster. Prints a table; never a timed test.
.PHONY: bench-audit-page

bench-audit-page: install
	DJANGO_SETTINGS_MODULE=weerbaar.settings.test $(PY) benchmarks/audit_page.py
	DJANGO_SETTINGS_MODULE=weerbaar.settings.test scripts/with-postgis.sh $(PY) benchmarks/audit_page.py

# Audit log (issue 17): append, verify, checkpoint and proofs on a scratch audit database of
# BENCH_AUDIT_ENTRIES entries; the result goes into its own section of docs/benchmarks.md.
# Never a timed assertion in the test suite.
.PHONY: bench-audit

BENCH_AUDIT_ENTRIES ?= 100000

bench-audit: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	export WEERBAAR_VAR_DIR="$$scratch" DJANGO_SETTINGS_MODULE=weerbaar.settings.test && \
	$(WEERBAAR) migrate --database audit -v0 && \
	$(WEERBAAR) bench_audit --entries $(BENCH_AUDIT_ENTRIES) --record docs/benchmarks.md
