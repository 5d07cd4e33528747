"""Fixtures of the rural area's tests: a point in a municipality, a phone photo with GPS EXIF."""

from __future__ import annotations

import io

import pytest
from django.contrib.gis.geos import Point
from PIL import Image

from weerbaar.organisations.models import Area


def point_in(code: str) -> Point:
    """A point inside the municipality with this CBS code, in WGS84 (as a phone reports it)."""
    point = Area.objects.get(code=code).geometry.point_on_surface
    point.transform(4326)
    return point


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 4)
    return (float(degrees), float(minutes), seconds)


def jpeg_with_gps(point: Point, *, size=(64, 48)) -> bytes:
    """A real JPEG as a phone writes it: camera make and model, time, and a GPS IFD."""
    image = Image.new("RGB", size, (40, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2026:03:01 10:15:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: _dms(point.y), 3: "E", 4: _dms(point.x)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
