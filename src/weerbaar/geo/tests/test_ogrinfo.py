"""A real GIS client: GDAL's OGC API Features driver lists and reads a public collection."""

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL command-line tools missing")


def test_ogrinfo_lists_and_reads_a_public_collection(live_server, public_layers):
    url = f"OAPIF:{live_server.url}/ogc/v1"
    listing = subprocess.run(["ogrinfo", "-ro", "-q", url], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    assert "gemeenten" in listing.stdout and "bag-adressen" not in listing.stdout
    read = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-q", url, "gemeenten", "-where", "statnaam = 'Zwolle'"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert read.returncode == 0, read.stderr
    assert "GM0193" in read.stdout and "MULTIPOLYGON" in read.stdout
