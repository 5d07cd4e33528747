"""Photos: the GPS position is read from EXIF, and the stored bytes carry no EXIF at all."""

from __future__ import annotations

import io

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from PIL import Image

from weerbaar.core import photos

from .conftest import jpeg_with_gps


def test_the_gps_position_is_read_and_every_exif_tag_is_gone_from_the_stored_bytes():
    """A phone JPEG with GPS, make, model and time: the position comes back within a metre,
    and the re-encoded photo has no EXIF block, no GPS IFD and none of the camera's strings."""
    original = jpeg_with_gps(Point(6.4412, 52.5231, srid=4326))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(photos.GPS_IFD)  # the input has GPS

    cleaned = photos.clean(original)

    assert cleaned.gps is not None
    assert abs(cleaned.gps.x - 6.4412) < 1e-5 and abs(cleaned.gps.y - 52.5231) < 1e-5
    stored = Image.open(io.BytesIO(cleaned.content))
    assert stored.format == "JPEG"
    assert len(stored.getexif()) == 0
    assert not stored.getexif().get_ifd(photos.GPS_IFD)
    assert b"Exif" not in cleaned.content
    assert b"Telefoonmerk" not in cleaned.content and b"Model X" not in cleaned.content
    assert stored.size == (64, 48)


def test_a_photo_without_gps_gives_no_position():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="PNG")
    cleaned = photos.clean(out.getvalue())
    assert cleaned.gps is None and cleaned.content_type == "image/png"


@pytest.mark.parametrize("content", [b"%PDF-1.4 not a photo", b"\xff\xd8\xff\xe0 broken jpeg"])
def test_what_is_no_readable_photo_is_refused_naming_the_field(content):
    with pytest.raises(ValidationError) as refused:
        photos.clean(content)
    assert "foto" in refused.value.message_dict
