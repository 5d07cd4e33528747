"""The decision register fed three ways: the form (with its error summary), the API and a CSV
import that names each bad row and field; what a partner of another organisation sees."""

from __future__ import annotations

import pytest

from weerbaar.core.personal_data import platform_processing
from weerbaar.core.testing import login_verified
from weerbaar.privacy.testing import ctx_of

from ..importers import beschikkingen_import
from ..models import Beschikking
from ..selectors import beschikking_list
from . import factories as f

pytestmark = pytest.mark.django_db(databases="__all__")

HEADER = "kenmerk;soort;grondslag;grondslag_delen;onderwerp_soort;onderwerp;onderwerp_naam;gemeente;datum;contact;x;y\n"
GOOD = "Z-1;sluiting-13b;gemeentewet-172;riec-convenant;onderneming;12345678;Fictief B.V.;GM0193;2026-11-02;oov@zwolle.example;203400;503100\n"
GOOD2 = "Z-2;overig;avg-6-1-e;;adres;8011AB 1;;GM0193;02-11-2026;oov@zwolle.example;;\n"
BAD = "Z-3;sluiting-14c;gemeentewet-172;;onderneming;12345678;;GM0193;31-31-2026;oov@zwolle.example;;\n"


def _stored() -> list[str]:
    with platform_processing("test"):
        return sorted(Beschikking.objects.values_list("kenmerk", flat=True))


def test_an_import_with_a_bad_row_stores_nothing_and_names_row_field_and_reason(region):
    run = beschikkingen_import(
        ctx=ctx_of(f.gemeente_zwolle(), second_factor=True),
        raw=(HEADER + GOOD + GOOD2 + BAD).encode(),
        filename="b.csv",
    )
    assert run.status == "failed"
    problems = {(p.row, p.field) for p in run.report.problems}
    assert problems == {(4, "soort"), (4, "datum")}
    assert any("sluiting-14c" in p.message for p in run.report.problems)
    assert _stored() == []


def test_a_partial_import_keeps_the_valid_rows(region):
    run = beschikkingen_import(
        ctx=ctx_of(f.gemeente_zwolle(), second_factor=True),
        raw=(HEADER + GOOD + GOOD2 + BAD).encode(),
        filename="b.csv",
        partial=True,
    )
    assert run.status == "partial"
    assert _stored() == ["Z-1", "Z-2"]


def test_the_form_refuses_with_an_error_summary_and_stores_a_good_decision(region, client):
    """A missing contact and a share without a legal basis are listed in the summary, each linked
    to its field; the corrected form stores the decision and shows it."""
    login_verified(client, f.gemeente_zwolle())
    data = {
        "soort": "",
        "kenmerk": "Z-9",
        "grondslag": "",
        "onderwerp_soort": "onderneming",
        "onderwerp_identificatie": "12345678",
        "gemeente": "GM0193",
        "datum": "2026-11-02",
        "status": "vastgesteld",
        "access_level": "afgeschermd",
        "contact": "",
        "delen": "on",
    }
    page = client.post("/beschikkingen/nieuw", data).content.decode()
    assert "Er is een probleem" in page and 'href="#id_contact"' in page
    from weerbaar.privacy.models import LegalBasis

    from ..models import BeschikkingSoort

    data.update(
        soort=BeschikkingSoort.objects.get(code="sluiting-13b").pk,
        grondslag=LegalBasis.objects.get(code="gemeentewet-172").pk,
        contact="oov@zwolle.example",
    )
    page = client.post("/beschikkingen/nieuw", data).content.decode()
    assert 'href="#id_grondslag_delen"' in page and "geen grondslag voor delen" in page
    data["delen"] = ""
    response = client.post("/beschikkingen/nieuw", data)
    assert response.status_code == 302
    assert "Z-9" in client.get(response["Location"]).content.decode()


def test_the_api_records_a_decision_and_refuses_a_share_without_basis(region, client):
    login_verified(client, f.gemeente_zwolle())
    body = {
        "kenmerk": "API-1",
        "soort": "bibob-weigering",
        "grondslag": "wet-bibob",
        "onderwerpSoort": "onderneming",
        "onderwerp": "12345678",
        "gemeente": "GM0193",
        "datum": "2026-11-02",
        "contact": "bibob@zwolle.example",
        "delen": True,
    }
    refused = client.post("/api/v1/beschikkingen", body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "grondslag_delen"
    body["grondslagDelen"] = "riec-convenant"
    created = client.post("/api/v1/beschikkingen", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["gedeeld"] is True and created.json()["onderwerpSleutel"] == "onderneming:12345678"


def test_a_partner_of_another_organisation_does_not_see_the_decision(region, client):
    """A subscription or not, the RIEC does not read Zwolle's decisions: not in lists, not by id."""
    item = f.decision(f.gemeente_zwolle(), delen=False)
    assert beschikking_list(ctx=ctx_of(f.riec(), second_factor=True)) == []
    login_verified(client, f.riec())
    assert client.get(f"/beschikkingen/{item.pk}").status_code == 404
    assert client.get(f"/api/v1/beschikkingen/{item.pk}").status_code == 404


def test_the_demo_loader_records_fictitious_decisions_once_and_notifies_in_the_platform(
    region, django_capture_on_commit_callbacks
):
    """Run twice, the loader leaves three DEMO- decisions; the shared one reaches the demo
    province's and RIEC's in-platform messages (the province without the subject)."""
    import io

    from weerbaar.accounts.demo import _load as load_accounts
    from weerbaar.jobs.testing import run_queued_jobs

    from ..demo import load
    from ..models import Bezorging

    load_accounts(io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        load(io.StringIO())
    load(io.StringIO())
    run_queued_jobs()
    assert [k for k in _stored() if k.startswith("DEMO-")] == [
        "DEMO-13B-001",
        "DEMO-BIBOB-002",
        "DEMO-SUB-003",
    ]
    with platform_processing("test"):
        delivered = {
            b.abonnement.organisation.kind: (b.status, b.met_persoonsgegevens)
            for b in Bezorging.objects.all()
        }
    assert delivered == {"provincie": ("bezorgd", False), "riec": ("bezorgd", True)}
