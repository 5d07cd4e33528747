# Viewer benchmark (issue 5): parcel tiles (z12/z14/z16, cache off and on), items (100 in a bbox)
# and the address search over HTTP with two concurrent clients, served as `make run` serves, on
# SpatiaLite and on PostGIS (benchmarks/viewer.py). References in the same run: on PostGIS the fair
# ST_AsMVT floor (the app's features, pre-filter and per-tile affine, two clients) next to both
# tile encoders, tippecanoe pre-generating the province's parcel tiles, and pygeoapi serving the
# same items. Printed and recorded (sections viewer-spatialite, viewer-postgis).
.PHONY: bench-viewer bench-viewer-small

VIEWER_BENCH_SCALE ?= 1
VIEWER_BENCH_SAMPLES ?= 300
VIEWER_BENCH = $(PY) -m benchmarks.viewer --scale $(VIEWER_BENCH_SCALE) --samples $(VIEWER_BENCH_SAMPLES) \
	--work var/bench/viewer --record $(BENCH_RECORD)

bench-viewer: install bench-tools
	$(VIEWER_BENCH)
	scripts/with-postgis.sh $(VIEWER_BENCH)

bench-viewer-small:
	$(MAKE) bench-viewer VIEWER_BENCH_SCALE=0.01 VIEWER_BENCH_SAMPLES=50 BENCH_RECORD=$(BENCH_SMALL_RECORD)
