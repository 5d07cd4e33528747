"""Integrated controls: only the partners of a control see it; the visit list comes from the
registers with shielded parts only for a context cleared for the control's purpose (and audited
under that purpose); a finding sent twice is stored once; a finding becomes a signal in one step;
the public summary hides small counts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.testing import login_verified
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import selectors as signal_selectors

from .. import selectors, services
from ..models import Bevinding
from .factories import BINNEN, BUITEN

pytestmark = pytest.mark.django_db


def test_only_the_partners_of_a_control_see_it(controle, analist, politie, riec, client):
    """The organiser and the partner see the control; another cleared organisation does not, through
    the selector, the page and the API (404, as if it did not exist)."""
    assert selectors.controle_get(ctx=ctx_of(analist, second_factor=True), pk=controle.pk) == controle
    assert selectors.controle_get(ctx=ctx_of(politie, second_factor=True), pk=controle.pk) == controle
    assert selectors.controle_get(ctx=ctx_of(riec, second_factor=True), pk=controle.pk) is None
    login_verified(client, riec)
    assert client.get(f"/controles/{controle.pk}").status_code == 404
    assert client.get(f"/api/v1/controles/{controle.pk}/bezoeklijst").status_code == 404
    assert "Controlestraat" not in client.get("/api/v1/controles").content.decode()
    with pytest.raises(PermissionDenied):
        services.bevinding_vastleggen(
            ctx=ctx_of(riec, second_factor=True),
            controle=controle,
            sleutel="riec-00001",
            adres_sleutel=BINNEN[0],
        )


def test_planning_refuses_a_bad_area_and_an_unknown_purpose_naming_the_fields(analist, region):
    with pytest.raises(ValidationError) as refused:
        services.controle_plan(
            ctx=ctx_of(analist, second_factor=True),
            naam="Kapot",
            datum=dt.date(2026, 12, 10),
            soort_gebied="bedrijventerrein",
            gebied="POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))",
            doel="bestaat-niet",
        )
    assert set(refused.value.message_dict) == {"gebied", "doel"}
    assert "geen geldig vlak" in refused.value.message_dict["gebied"][0]


def test_the_visit_list_shows_residents_and_officers_only_under_the_controls_purpose(
    controle, analist, politie
):
    """The analyst holds a grant for the control's purpose (gebiedsanalyse): residents and officers,
    each read logged under that purpose. The police partner holds none for it: the same addresses,
    no persons, and the refusal logged."""
    lijst = selectors.bezoeklijst(ctx=ctx_of(analist, second_factor=True), controle=controle)
    assert [a.adres_sleutel for a in lijst.adressen] == list(BINNEN)
    assert BUITEN not in [a.adres_sleutel for a in lijst.adressen]
    assert lijst.adressen[0].bewoners == ["Fictief Bewoner"]
    assert lijst.adressen[1].vestigingen[0]["kvk_nummer"] == "87654321"
    assert lijst.functionarissen == {"87654321": ["Directeur (bestuurder)"]}
    shown = AuditEntry.objects.using(AUDIT_DB).filter(
        object_type="registers.persoon", actor="analist", result="allowed"
    )
    assert {(e.data_subject_id, e.processing_activity) for e in shown} == {("P-CONTROLE-1", "gebiedsanalyse")}
    officers = AuditEntry.objects.using(AUDIT_DB).filter(
        object_type="registers.functionaris", actor="analist"
    )
    assert {e.processing_activity for e in officers} == {"gebiedsanalyse"}

    partner = selectors.bezoeklijst(ctx=ctx_of(politie, second_factor=True), controle=controle)
    assert [a.adres_sleutel for a in partner.adressen] == list(BINNEN)
    assert all(a.bewoners is None for a in partner.adressen)
    assert partner.functionarissen is None and partner.weigering
    refused = AuditEntry.objects.using(AUDIT_DB).filter(object_type="registers.persoon", actor="agent")
    assert [e.result for e in refused] == ["refused"]


def _post(client, controle, key, **body):
    payload = {"adres_sleutel": BINNEN[0], "toelichting": "Loods met afgeplakte ramen", **body}
    return client.post(
        f"/api/v1/controles/{controle.pk}/bevindingen",
        json.dumps(payload),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_finding_sent_twice_is_stored_once(controle, politie, client):
    """The phone resends after a lost answer: 201 the first time, 200 with the same finding after,
    one row. Without a key, or for an address outside the area, nothing is stored and the field is named."""
    login_verified(client, politie)
    first = _post(client, controle, "telefoon-0001", opvolging=True)
    again = _post(client, controle, "telefoon-0001", opvolging=True)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["organisatie"] == "POLITIE-ON"
    missing = client.post(
        f"/api/v1/controles/{controle.pk}/bevindingen",
        json.dumps({"adres_sleutel": BINNEN[0]}),
        content_type="application/json",
    )
    assert missing.status_code == 400 and "Idempotency-Key" in missing.content.decode()
    outside = _post(client, controle, "telefoon-0002", adres_sleutel=BUITEN)
    assert outside.status_code == 400 and "adres_sleutel" in outside.content.decode()
    bad = _post(client, controle, "telefoon-0003", antwoorden={"1": "misschien"})
    assert bad.status_code == 400 and "antwoorden" in bad.content.decode()
    with_audit = ctx_of(politie, second_factor=True)
    assert len(selectors.bevindingen(ctx=with_audit, controle=controle)) == 1


def test_a_finding_becomes_a_signal_in_one_step_linked_to_the_control(controle, analist, client):
    login_verified(client, analist)
    created = _post(client, controle, "telefoon-0010", niemand_aanwezig=True).json()
    answer = client.post(f"/api/v1/controles/{controle.pk}/bevindingen/{created['id']}/signaal")
    assert answer.status_code == 200
    number = answer.json()["signaal"]
    again = client.post(f"/api/v1/controles/{controle.pk}/bevindingen/{created['id']}/signaal")
    assert again.json()["signaal"] == number  # one signal per finding
    ctx = ctx_of(analist, second_factor=True)
    signal = next(
        s for s in signal_selectors.signal_list(ctx=ctx, scope="all", limit=50) if s.number == number
    )
    assert signal.address_key == BINNEN[0]
    assert signal.phenomenon == "drugs" and "Controle Controlestraat" in signal.title
    assert "Niemand aanwezig." in signal.description
    s = selectors.samenvatting(ctx=ctx, controle=controle)
    assert (s.adressen, s.bezocht, s.bevindingen, s.signalen) == (3, 1, 1, 1)
    assert s.signaalnummers == [number]


def test_the_public_summary_shows_small_counts_as_below_five(controle, analist):
    ctx = ctx_of(analist, second_factor=True)
    for n in range(6):
        services.bevinding_vastleggen(
            ctx=ctx,
            controle=controle,
            sleutel=f"publiek-{n:04d}",
            adres_sleutel=BINNEN[n % 3],
            opvolging=n < 5,
        )
    publiek = selectors.samenvatting_publiek(ctx=ctx, controle=controle)
    assert publiek.cijfers["bevindingen"] == "6"
    assert publiek.cijfers["adressen"] == "< 5"  # 3 addresses
    assert publiek.per_soort["opvolging"] == "5"
    assert publiek.per_soort["geen_bijzonderheden"] == "< 5"
    # 6 = 5 + 1 + 0: the zero cell is suppressed too, so the 1 cannot be given back from the total
    assert publiek.per_soort["niemand_aanwezig"] in {"< 5", "×"}
    assert Bevinding.objects.filter(controle=controle).count() == 6


def test_the_pages_show_the_control_to_its_partners(controle, analist, client):
    login_verified(client, analist)
    assert "Controle Controlestraat" in client.get("/controles/").content.decode()
    lijst = client.get(f"/controles/{controle.pk}/bezoeklijst").content.decode()
    assert "Fictief Bewoner" in lijst and "Controlestraat 3A" in lijst
    page = client.get(f"/controles/{controle.pk}/adres/{BINNEN[1]}").content.decode()
    assert "drugsproductie" in page  # the police's questions: the police takes part
    assert client.get(f"/controles/{controle.pk}/adres/{BUITEN}").status_code == 404
    assert client.get(f"/controles/{controle.pk}/samenvatting/publiek").status_code == 200
