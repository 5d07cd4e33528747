# Load and soak benchmark (issue 17): headless locust users in a realistic mix (pages, map tiles,
# OGC items, API look-ups with Doelbinding, signal writes) against the server as `make run` serves
# it on a scratch data folder with the demo; one gunicorn worker killed halfway; every accepted
# write must be stored and `audit_verify` intact (benchmarks/load.py); printed and recorded
# (section load within bench-load). The -small variant is a one-minute check with 20 users.
.PHONY: bench-load bench-load-small

BENCH_LOAD_USERS ?= 50
BENCH_LOAD_SECONDS ?= 600
BENCH_LOAD_SPAWN_RATE ?= 5
BENCH_LOAD_SECTION ?= load

bench-load: install
	$(PY) -m benchmarks.load --users $(BENCH_LOAD_USERS) --duration $(BENCH_LOAD_SECONDS) \
	  --spawn-rate $(BENCH_LOAD_SPAWN_RATE) --section $(BENCH_LOAD_SECTION) --record $(BENCH_RECORD)

bench-load-small:
	$(MAKE) bench-load BENCH_LOAD_USERS=20 BENCH_LOAD_SECONDS=60 BENCH_LOAD_SECTION=load-small \
	  BENCH_RECORD=$(BENCH_SMALL_RECORD)
