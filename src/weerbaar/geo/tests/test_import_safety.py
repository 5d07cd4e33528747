"""What an import may publish: a layer whose attributes look like personal data is shielded
unless its access level was chosen, and a layer is served only once an import succeeded."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.context import system_context
from weerbaar.core.testing import login_verified, make_user
from weerbaar.geo.importers import ImportFailed
from weerbaar.geo.models import Layer
from weerbaar.geo.services import layer_define, layer_import

from .test_importers import SQUARE, geojson

#: a German partner without a grant: cleared for intern items, never for shielded ones
GERMAN_PARTNER = (Role.PARTNER, "DE-BENTHEIM")


def polygon(**properties):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": SQUARE},
    }


def owners_file(path):
    """Two parcels with their owners' names and dates of birth (fictitious)."""
    return geojson(
        path,
        [
            polygon(id="A1", Vorname="Jan", achternaam="Berg", Geburtsdatum="1970-01-01", oppervlakte=400),
            polygon(id="A2", Vorname="Eva", achternaam="Dal", Geburtsdatum="1980-02-02", oppervlakte=300),
        ],
    )


@pytest.fixture
def german_partner(region):
    client = Client()
    login_verified(client, make_user(*GERMAN_PARTNER, username="partner-bentheim"))
    return client


def test_personal_data_shields_a_layer_without_a_chosen_level_and_a_german_partner_cannot_read_it(
    german_partner, tmp_path
):
    """The issue's case: a layer of owners defined without an access level was `intern`, and a
    German partner without a grant read the names through the OGC API. Now the import shields
    it, says which attributes did, and the partner gets neither the collection nor its items."""
    layer = layer_define(ctx=system_context(), code="eigenaren-proef", title_nl="Eigenaren", theme="kadaster")
    assert layer.access_level == AccessLevel.INTERN and not layer.access_level_explicit
    version, report = layer_import(actor=None, layer=layer, path=owners_file(tmp_path / "eigenaren.geojson"))
    layer.refresh_from_db()
    assert layer.access_level == AccessLevel.AFGESCHERMD
    assert report.personal_data == ["Vorname", "achternaam", "Geburtsdatum"]
    assert any("Vorname, achternaam, Geburtsdatum" in w and "afgeschermd" in w for w in report.warnings)
    assert "Vorname, achternaam, Geburtsdatum" in report.summary()
    assert version.report["personal_data"] == ["Vorname", "achternaam", "Geburtsdatum"]
    entry = AuditEntry.objects.using(AUDIT_DB).get(object_id="eigenaren-proef v1")
    assert entry.detail["persoonsgegevens"] == ["Vorname", "achternaam", "Geburtsdatum"]
    assert entry.detail["toegangsniveau"] == "afgeschermd"

    items = german_partner.get("/ogc/v1/collections/eigenaren-proef/items")
    assert items.status_code == 403 and "Jan" not in items.content.decode()
    assert german_partner.get("/ogc/v1/collections/eigenaren-proef/items/A1").status_code == 403
    listed = german_partner.get("/ogc/v1/collections").json()["collections"]
    assert "eigenaren-proef" not in {c["id"] for c in listed}
    assert "Jan" not in german_partner.get("/kaart/").content.decode()


def test_a_chosen_access_level_is_kept_and_the_report_still_names_the_columns(german_partner, tmp_path):
    """An administrator who chose `intern` decided; the import warns but does not overrule."""
    layer = layer_define(
        ctx=system_context(),
        code="eigenaren-intern",
        title_nl="Eigenaren",
        theme="kadaster",
        access_level="intern",
    )
    assert layer.access_level_explicit
    _, report = layer_import(actor=None, layer=layer, path=owners_file(tmp_path / "eigenaren.geojson"))
    layer.refresh_from_db()
    assert layer.access_level == AccessLevel.INTERN
    assert report.personal_data == ["Vorname", "achternaam", "Geburtsdatum"]
    assert any("blijft intern" in w for w in report.warnings)
    assert german_partner.get("/ogc/v1/collections/eigenaren-intern/items").status_code == 200


def test_a_layer_without_personal_data_keeps_its_default_level(db, tmp_path):
    layer = layer_define(ctx=system_context(), code="terreinen-proef", title_nl="Terreinen", theme="economie")
    path = geojson(tmp_path / "terreinen.geojson", [polygon(id="T1", statnaam="Hessenpoort", oppervlakte=9)])
    _, report = layer_import(actor=None, layer=layer, path=path)
    layer.refresh_from_db()
    assert layer.access_level == AccessLevel.INTERN and report.personal_data == []


def test_the_command_and_the_import_page_leave_the_level_to_the_import(client, region, tmp_path, settings):
    """Neither `import_layer` without --access-level nor the import page chooses a level for a
    new layer any more (both used to write `intern`): a file with names is shielded."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    call_command("import_layer", "eigenaren-cli", str(owners_file(tmp_path / "cli.geojson")), verbosity=0)
    assert Layer.objects.get(code="eigenaren-cli").access_level == AccessLevel.AFGESCHERMD
    call_command(
        "import_layer",
        "eigenaren-gekozen",
        str(owners_file(tmp_path / "gekozen.geojson")),
        "--access-level",
        "intern",
        verbosity=0,
    )
    assert Layer.objects.get(code="eigenaren-gekozen").access_level == AccessLevel.INTERN

    settings.WEERBAAR_JOBS_IMMEDIATE = True
    settings.MEDIA_ROOT = tmp_path
    login_verified(client, make_user(Role.BEHEERDER, "PV23", username="laagbeheerder"))
    body = owners_file(tmp_path / "upload.geojson").read_bytes()
    upload = SimpleUploadedFile("eigenaren.geojson", body, content_type="application/geo+json")
    job = client.post("/kaart/lagen/import", {"new_code": "eigenaren-upload", "file": upload}).context["job"]
    state = client.get(f"/kaart/lagen/import/{job}").json()
    assert state["status"] == "done" and "Vorname, achternaam, Geburtsdatum" in state["report"]
    layer = Layer.objects.get(code="eigenaren-upload")
    assert layer.access_level == AccessLevel.AFGESCHERMD and not layer.access_level_explicit


def test_an_administrator_without_clearance_refreshes_a_shielded_layer_and_chooses_its_level(
    client, region, tmp_path, settings
):
    """An import shielded a layer; its administrator (no shielded clearance) must still be able to
    import the next delivery — it discloses nothing of the current version — and choose the level
    on the page. The choice is a decision: explicit from then on, and in the chained audit log."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    layer = layer_define(
        ctx=system_context(), code="eigenaren-vernieuwd", title_nl="Eigenaren", theme="kadaster"
    )
    layer_import(actor=None, layer=layer, path=owners_file(tmp_path / "v1.geojson"))
    layer.refresh_from_db()
    assert layer.access_level == AccessLevel.AFGESCHERMD

    settings.WEERBAAR_JOBS_IMMEDIATE = True
    settings.MEDIA_ROOT = tmp_path
    admin = make_user(Role.BEHEERDER, "PV23", username="laagbeheerder-zonder-machtiging")
    login_verified(client, admin)

    def upload(name):
        body = owners_file(tmp_path / name).read_bytes()
        return SimpleUploadedFile(name, body, content_type="application/geo+json")

    job = client.post("/kaart/lagen/import", {"layer": layer.code, "file": upload("v2.geojson")}).context[
        "job"
    ]
    assert client.get(f"/kaart/lagen/import/{job}").json()["status"] == "done"
    layer.refresh_from_db()
    assert layer.access_level == AccessLevel.AFGESCHERMD and layer.versions.count() >= 2

    refused = client.post(
        "/kaart/lagen/import", {"layer": layer.code, "access_level": "geheim", "file": upload("v3.geojson")}
    )
    assert "Kies een toegangsniveau uit de lijst." in refused.content.decode()
    assert "job" not in refused.context or refused.context["job"] is None

    job = client.post(
        "/kaart/lagen/import", {"layer": layer.code, "access_level": "intern", "file": upload("v4.geojson")}
    ).context["job"]
    state = client.get(f"/kaart/lagen/import/{job}").json()
    assert state["status"] == "done" and "blijft intern" in state["report"]
    layer.refresh_from_db()
    assert layer.access_level == AccessLevel.INTERN and layer.access_level_explicit
    decision = AuditEntry.objects.using(AUDIT_DB).get(object_type="geo.layer", object_id=layer.code)
    assert decision.actor == admin.username
    assert decision.detail == {"toegangsniveau": "intern", "was": "afgeschermd"}


# --- publication ----------------------------------------------------------------------------------


def test_a_layer_whose_first_import_failed_is_not_published_until_one_succeeds(client, region, tmp_path):
    """No empty collection: a stored layer without a successful import is in neither the OGC
    collections nor the viewer, and its collection and items answer 404; the first good import
    publishes it."""
    layer = layer_define(
        ctx=system_context(),
        code="mislukt-proef",
        title_nl="Proef",
        theme="economie",
        access_level="openbaar",
    )
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(ImportFailed):
        layer_import(actor=None, layer=layer, path=broken)
    layer.refresh_from_db()
    assert layer.current_version is None and not layer.published

    def collection_ids():
        return {c["id"] for c in client.get("/ogc/v1/collections").json()["collections"]}

    def viewer_layers():
        response = client.get("/kaart/")
        return {entry["code"] for entry in response.context["config"]["layers"]}

    assert "mislukt-proef" not in collection_ids()
    assert "mislukt-proef" not in viewer_layers()
    assert 'data-layer="mislukt-proef"' not in client.get("/kaart/").content.decode()
    assert client.get("/ogc/v1/collections/mislukt-proef").status_code == 404
    assert client.get("/ogc/v1/collections/mislukt-proef/items").status_code == 404
    assert client.get("/ogc/v1/collections/mislukt-proef/items/1").status_code == 404
    assert "/ogc/v1/collections/mislukt-proef" not in json.dumps(client.get("/ogc/v1/api").json()["paths"])

    good = geojson(tmp_path / "goed.geojson", [polygon(id="G1", omschrijving="proefvlak")])
    layer_import(actor=None, layer=layer, path=good)
    assert "mislukt-proef" in collection_ids() and "mislukt-proef" in viewer_layers()
    items = client.get("/ogc/v1/collections/mislukt-proef/items")
    assert items.status_code == 200 and [f["id"] for f in items.json()["features"]] == ["G1"]


def test_a_failed_import_of_a_new_layer_is_audited_as_an_error(region, tmp_path):
    """Every failed import leaves an audit entry with result `error`, naming the file."""
    layer = layer_define(ctx=system_context(), code="mislukt-audit", title_nl="Proef", theme="economie")
    with pytest.raises(ImportFailed):
        layer_import(actor=None, layer=layer, path=tmp_path / "ontbreekt.geojson")
    entry = AuditEntry.objects.using(AUDIT_DB).get(
        object_type="geo.layerversion", object_id="mislukt-audit v1"
    )
    assert entry.result == "error" and entry.detail["bestand"] == "ontbreekt.geojson"
    assert entry.detail["status"] == "failed"
