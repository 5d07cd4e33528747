# Policy dashboard (issue 13): every dashboard page and /api/v1 indicator call (anonymous and a
# cleared analyst) on 342 municipalities with their wijken and buurten, 20 fictitious indicators and
# 60 months, and the suppression of a full municipality × month table against the primary-only
# floor and rule-only secondary suppression (benchmarks/dashboard.py). Printed and recorded
# (sections dashboard-spatialite, dashboard-postgis). Targets: p95 < 300 ms, suppression < 1 s.
.PHONY: bench-dashboard bench-dashboard-small

DASHBOARD_BENCH_MUNICIPALITIES ?= 342
DASHBOARD_BENCH_MONTHS ?= 60
DASHBOARD_BENCH_SAMPLES ?= 20
DASHBOARD_BENCH = $(PY) -m benchmarks.dashboard --municipalities $(DASHBOARD_BENCH_MUNICIPALITIES) \
	--months $(DASHBOARD_BENCH_MONTHS) --samples $(DASHBOARD_BENCH_SAMPLES) --record $(BENCH_RECORD)

bench-dashboard: install
	$(DASHBOARD_BENCH)
	scripts/with-postgis.sh $(DASHBOARD_BENCH)

bench-dashboard-small:
	$(MAKE) bench-dashboard DASHBOARD_BENCH_MUNICIPALITIES=30 DASHBOARD_BENCH_MONTHS=6 DASHBOARD_BENCH_SAMPLES=3 \
	  BENCH_RECORD=$(BENCH_SMALL_RECORD)
