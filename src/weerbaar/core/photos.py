"""Phone photos (a dumping in the rural area, a finding of a control): the GPS position read from
EXIF, then every metadata tag removed. Pure: no database, no storage; callers store `content`.

A phone photo carries the place it was taken, the camera and the time in EXIF (and sometimes
XMP). The report may use the position, but the stored file must not carry it: the pixels are
decoded and encoded again, and Pillow writes only what is passed to `save`, so no EXIF, XMP or
ICC block survives. The orientation tag is applied to the pixels first, so the photo stays upright.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from fractions import Fraction

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

GPS_IFD = 0x8825
FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
MAX_PIXELS = 40_000_000
MAX_BYTES = 15 * 1024 * 1024


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str
    sha256: str
    #: where the photo was taken according to its EXIF (WGS84), before it was removed
    gps: Point | None


def _degrees(value: object, ref: object) -> float:
    d, m, s = (float(Fraction(str(part))) if not isinstance(part, float) else part for part in value)  # type: ignore[union-attr]
    sign = -1 if str(ref).upper() in ("S", "W") else 1
    return sign * (d + m / 60 + s / 3600)


def gps_of(image: Image.Image) -> Point | None:
    """The EXIF GPS position as a WGS84 point, None when absent or unreadable."""
    gps = image.getexif().get_ifd(GPS_IFD)
    try:
        lat = _degrees(gps[2], gps.get(1, "N"))
        lon = _degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Point(lon, lat, srid=4326)


def clean(data: bytes, *, field: str = "foto") -> CleanPhoto:
    """Read the position, then re-encode without metadata. Refuses what is no JPEG or PNG."""
    if len(data) > MAX_BYTES:
        raise ValidationError({field: [f"De foto is groter dan {MAX_BYTES // (1024 * 1024)} MB."]})
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise ValidationError({field: ["Alleen foto's in JPEG of PNG."]})
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({field: ["De foto heeft te veel pixels."]})
            position = gps_of(image)
            kind = image.format
            upright = ImageOps.exif_transpose(image)
            pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError({field: ["Dit bestand is geen leesbare foto."]}) from exc
    out = io.BytesIO()
    if kind == "JPEG":
        pixels.convert("RGB").save(out, format="JPEG", quality=88, optimize=True)
    else:
        pixels.save(out, format="PNG", optimize=True)
    content = out.getvalue()
    content_type, extension = FORMATS[kind]
    return CleanPhoto(content, content_type, extension, hashlib.sha256(content).hexdigest(), position)
