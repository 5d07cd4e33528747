"""The pages and API of partner datasets: upload → mapping preview → version, the pair
review with judgements, the hit / no-hit form, and the demo loader."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

CSV = (
    "Achternaam;Voornamen;Geboortedatum;Postcode;Huisnummer\r\n"
    "Berg, van der;Jan;04-03-1980;8011 AB;12 a\r\n"
    "Bakker;Piet;31-02-1990;8011 AD;7\r\n"
).encode("cp1252")


@pytest.fixture
def holder(region, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="houder")
    login_verified(client, user)
    return user


def _upload(client) -> int:
    client.post(
        reverse("crossref:datasets"),
        {"naam": "Bewoners De Eik", "toegangsniveau": "afgeschermd", "contact": "zwolle@example"},
    )
    from weerbaar.crossref.models import PartnerDataset

    dataset = PartnerDataset.objects.get(name="Bewoners De Eik")
    upload = io.BytesIO(CSV)
    upload.name = "bewoners.csv"
    response = client.post(reverse("crossref:dataset", args=[dataset.pk]), {"bestand": upload})
    assert response.status_code == 302 and response["Location"] == reverse(
        "crossref:mapping", args=[dataset.pk]
    )
    return dataset.pk


MAPPING_POST = {
    "kolom-0": "person.last_name",
    "kolom-1": "person.first_name",
    "kolom-2": "person.birth_date",
    "kolom-3": "address.postcode",
    "kolom-4": "address.huisnummer",
}


def test_upload_mapping_preview_and_version_with_its_row_report(holder, client):
    """The mapping page lists the file's columns, previews what each row becomes (and what is
    wrong with it), and saving makes version 1 whose page names the bad row and column."""
    pk = _upload(client)
    page = client.get(reverse("crossref:mapping", args=[pk])).content.decode()
    assert "Achternaam" in page and "Geboortedatum" in page
    preview = client.post(
        reverse("crossref:mapping", args=[pk]), {**MAPPING_POST, "voorbeeld": "1"}
    ).content.decode()
    assert "Person" in preview and "1980-03-04" in preview and "geen datum" in preview
    saved = client.post(reverse("crossref:mapping", args=[pk]), {**MAPPING_POST, "opslaan": "1"})
    assert saved.status_code == 302
    version = client.get(saved["Location"]).content.decode()
    assert "Geboortedatum" in version and "31-02-1990" in version
    export = client.get(saved["Location"] + "?formaat=ftm")
    lines = [json.loads(line) for line in export.content.decode().splitlines()]
    assert {e["schema"] for e in lines} == {"Person", "Address"}
    api = client.get("/api/v1/partnerbestanden").json()
    assert api[0]["versies"][0]["status"] == "partial"


def test_another_organisation_gets_404_and_only_a_hit_answer(holder, client, region):
    """Another municipality's analyst gets 404 on the dataset, its version and its entities by
    page and API, and from the hit form only "treffer" and whom to ask, audited."""
    pk = _upload(client)
    saved = client.post(reverse("crossref:mapping", args=[pk]), {**MAPPING_POST, "opslaan": "1"})
    version_url = saved["Location"]
    version_pk = int(version_url.rstrip("/").rsplit("/", 1)[1])
    other = make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="ander")
    client.logout()
    login_verified(client, other)
    assert client.get(reverse("crossref:dataset", args=[pk])).status_code == 404
    assert client.get(version_url).status_code == 404
    assert client.get(version_url + "?formaat=ftm").status_code == 404
    assert client.get(f"/api/v1/partnerbestanden/versies/{version_pk}/entiteiten").status_code == 404
    assert client.get("/api/v1/partnerbestanden").json() == []
    page = client.post(
        reverse("crossref:hit"),
        {
            "partnerbestand": pk,
            "soort": "persoon",
            "waarde": "J. van der Berg",
            "geboortedatum": "1980-03-04",
        },
    ).content.decode()
    assert "Treffer in Bewoners De Eik" in page and "zwolle@example" in page
    assert "Gevonden op een gelijke sleutel." in page
    assert "8011" not in page
    answer = client.post(
        "/api/v1/partnerbestanden/treffer",
        {"partnerbestand": pk, "soort": "adres", "waarde": "Straat 7, 8011 AD Zwolle"},
        content_type="application/json",
    ).json()
    assert answer == {
        "treffer": False,
        "partnerbestand": "Bewoners De Eik",
        "houder": "Gemeente Zwolle",
        "vraagAan": "zwolle@example",
        "gevondenVia": "geen",
    }
    assert AuditEntry.objects.using(AUDIT_DB).filter(actor="ander", action="exists").count() == 2


def test_the_demo_loader_makes_a_fictitious_dataset_once(region):
    """The demo loader adds one fictitious dataset with its bad rows reported, and is idempotent."""
    from weerbaar.accounts.demo import _load as load_accounts
    from weerbaar.crossref.demo import DATASET_NAME, _load
    from weerbaar.crossref.models import DatasetVersion, PartnerDataset

    out = io.StringIO()
    load_accounts(out)
    _load(out)
    _load(out)
    dataset = PartnerDataset.objects.get(name=DATASET_NAME)
    assert dataset.fictitious
    version = DatasetVersion.objects.get(dataset=dataset)
    assert version.run["refused"] == 2 and version.entity_count > 40
    assert "already there" in out.getvalue()


def test_run_and_version_statuses_are_words_in_the_readers_language():
    """'partial', 'done' and 'refused' are codes; the pages show them as words, in nl and de."""
    from django.utils import translation

    from weerbaar.crossref.models import DatasetVersion, LinkageRun

    with translation.override("nl"):
        assert DatasetVersion(run={"status": "partial"}).status_label == "deels: afgekeurde regels weggelaten"
        assert LinkageRun(status="done").get_status_display() == "klaar"
    with translation.override("de"):
        assert DatasetVersion(run={"status": "ok"}).status_label == "erfolgreich"
        assert LinkageRun(status="refused").get_status_display() == "verweigert"
