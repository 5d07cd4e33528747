"""Photos with a finding: a real phone JPEG with GPS EXIF is stored without any EXIF; the upload is
idempotent per finding key and number; only the control's partners get the photo (404 for others,
through the page); an unknown finding key is refused and stores nothing."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core import photos
from weerbaar.core.testing import login_verified

from ..models import BevindingFoto
from .factories import BINNEN

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    """A real JPEG as a phone writes it: camera make and model, time, and a GPS IFD (Zwolle)."""
    image = Image.new("RGB", (64, 48), (40, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"
    exif[0x0110] = "Model X"
    exif[0x0132] = "2026:12:10 10:15:00"
    exif.get_ifd(photos.GPS_IFD).update({1: "N", 2: (52.0, 30.0, 36.0), 3: "E", 4: (6.0, 5.0, 24.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _finding(client, controle, key="foto-bevinding-0001"):
    response = client.post(
        f"/api/v1/controles/{controle.pk}/bevindingen",
        data={"adres_sleutel": BINNEN[0], "opvolging": True},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert response.status_code == 201
    return response.json()


def _upload(client, controle, key, nr, content):
    return client.post(
        f"/api/v1/controles/{controle.pk}/bevindingen/{key}/fotos/{nr}",
        data=content,
        content_type="image/jpeg",
    )


def test_a_photo_with_gps_exif_is_stored_without_exif_once(controle, politie, client, media):
    """The stored file has no EXIF at all (no GPS, camera, time); sent again it is the same photo
    (200, one row); the finding lists the photo's URL and the partner can open it."""
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(photos.GPS_IFD)  # the input has GPS
    login_verified(client, politie)
    _finding(client, controle)
    first = _upload(client, controle, "foto-bevinding-0001", 0, original)
    assert first.status_code == 201, first.content
    again = _upload(client, controle, "foto-bevinding-0001", 0, original)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    foto = BevindingFoto.objects.get()
    with foto.bestand.open("rb") as stored_file:
        stored = Image.open(io.BytesIO(stored_file.read()))
        assert stored.format == "JPEG"
        assert len(stored.getexif()) == 0 and "exif" not in stored.info
    listed = client.get(f"/api/v1/controles/{controle.pk}/bevindingen").json()[0]["fotos"]
    assert listed == [first.json()["url"]]
    page = client.get(first.json()["url"])
    assert page.status_code == 200 and page["Content-Type"] == "image/jpeg"
    assert b"Telefoonmerk" not in b"".join(page.streaming_content)
    entries = AuditEntry.objects.using(AUDIT_DB).filter(object_type="controles.bevindingfoto")
    assert entries.filter(action="create").count() == 1 and entries.filter(action="view").count() == 1


def test_a_non_partner_gets_404_on_the_photo_url(controle, politie, riec, client, media):
    """An RIEC analyst whose organisation does not take part gets 404 for the photo and cannot add one."""
    login_verified(client, politie)
    _finding(client, controle)
    url = _upload(client, controle, "foto-bevinding-0001", 0, _jpeg_with_gps()).json()["url"]
    client.logout()
    login_verified(client, riec)
    assert client.get(url).status_code == 404
    assert _upload(client, controle, "foto-bevinding-0001", 1, _jpeg_with_gps()).status_code == 404
    assert BevindingFoto.objects.count() == 1


def test_an_unknown_key_or_a_non_photo_is_refused_and_nothing_is_stored(controle, politie, client, media):
    """A key without a finding, a number out of range and a text file are refused naming the field."""
    login_verified(client, politie)
    _finding(client, controle)
    unknown = _upload(client, controle, "geen-bevinding-0001", 0, _jpeg_with_gps())
    assert unknown.status_code == 400 and "sleutel" in unknown.content.decode()
    assert _upload(client, controle, "foto-bevinding-0001", 99, _jpeg_with_gps()).status_code == 400
    text = _upload(client, controle, "foto-bevinding-0001", 0, b"geen foto")
    assert text.status_code == 400 and "foto" in text.content.decode()
    assert BevindingFoto.objects.count() == 0
    assert not any(media.rglob("*.jpg")) if media.exists() else True


def test_a_phone_sized_photo_above_djangos_upload_limit_is_accepted(
    controle, politie, client, media, settings
):
    """A JPEG larger than DATA_UPLOAD_MAX_MEMORY_SIZE (a real phone photo often is) is stored, not
    refused as too big a request body."""
    import os

    image = Image.frombytes("RGB", (2000, 1500), os.urandom(2000 * 1500 * 3))  # noise: compresses badly
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    assert len(out.getvalue()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    login_verified(client, politie)
    _finding(client, controle)
    assert _upload(client, controle, "foto-bevinding-0001", 0, out.getvalue()).status_code == 201
