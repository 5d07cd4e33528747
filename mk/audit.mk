# Audit of a shielded page (issue 11): a 100-parcel OGC page with its owners, the page's audit
# entries appended in one transaction against one transaction per entry, on a scratch SpatiaLite
# database and on a throw-away PostGIS cluster. Prints a table; never a timed test.
.PHONY: bench-audit-page

bench-audit-page: install
	DJANGO_SETTINGS_MODULE=weerbaar.settings.test $(PY) benchmarks/audit_page.py
	DJANGO_SETTINGS_MODULE=weerbaar.settings.test scripts/with-postgis.sh $(PY) benchmarks/audit_page.py
