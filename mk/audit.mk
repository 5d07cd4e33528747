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
