"""Ervencoach visits (logged with a retention date, removed when it passed) and the Keurmerk's
yearly report (counts per municipality under disclosure control)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.context import system_context
from weerbaar.core.testing import login_verified, make_user
from weerbaar.indicators.disclosure import exposed, hierarchical
from weerbaar.organisations.models import Area, Organisation
from weerbaar.privacy.testing import ctx_of

from .. import services
from ..models import (
    ActieStatus,
    BezoekOnderwerp,
    Drugsafvaldumping,
    ErvencoachBezoek,
    KeurmerkActie,
    VabLocatie,
    VondstSoort,
)
from ..selectors import jaarverslag

pytestmark = pytest.mark.django_db


def _location(code: str, n: int = 1) -> VabLocatie:
    area = Area.objects.get(code=code)
    return VabLocatie.objects.create(
        adres_sleutel=f"7{n:03d}AB|{n}",
        adres=f"Esweg {n}, Ommen",
        punt=area.geometry.point_on_surface,
        gemeente_id=area.organisation_id,
        gemeente_code=code,
        sbi_code="0141",
        bedrijf_gestopt=True,
    )


def test_a_visit_gets_its_retention_date_and_every_error_at_once(region):
    location = _location("GM0160")
    coach = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="coach")
    ctx = ctx_of(coach, second_factor=True)
    visit = services.bezoek_create(
        ctx=ctx,
        locatie=location,
        data={
            "bezocht_op": dt.date(2026, 3, 2),
            "coach_naam": "A. de Vries",
            "onderwerpen": ["herkennen", "drugsafval"],
            "benaderd": True,
        },
    )
    assert visit.bewaren_tot == dt.date(2026, 3, 2) + dt.timedelta(days=730)
    assert {t.code for t in visit.onderwerpen.all()} == {"herkennen", "drugsafval"}
    assert visit.gemeente_id == location.gemeente_id

    with pytest.raises(ValidationError) as exc:
        services.bezoek_create(
            ctx=ctx,
            locatie=location,
            data={"bezocht_op": dt.date(2099, 1, 1), "coach_naam": "", "onderwerpen": ["onbekend"]},
        )
    assert set(exc.value.message_dict) == {"bezocht_op", "coach_naam", "onderwerpen"}
    assert "onbekend" in exc.value.message_dict["onderwerpen"][0]
    assert ErvencoachBezoek.objects.count() == 1  # the refused visit left nothing behind


def test_the_retention_command_removes_expired_visits_only_and_logs_each(region):
    """A visit past its retention date goes (with an audit entry naming location and date, not
    the content); one still within it stays; a dry run removes nothing."""
    location = _location("GM0160")
    org = Organisation.objects.get(code="PV23")
    old = ErvencoachBezoek.objects.create(
        locatie=location,
        bezocht_op=dt.date(2023, 1, 10),
        coach_naam="Oud",
        bewaren_tot=dt.date(2025, 1, 10),
        organisation=org,
    )
    recent = ErvencoachBezoek.objects.create(
        locatie=location,
        bezocht_op=dt.date(2026, 1, 10),
        coach_naam="Recent",
        bewaren_tot=dt.date(2099, 1, 10),
        organisation=org,
    )
    out = StringIO()
    call_command("buitengebied_retention", "--dry-run", stdout=out)
    assert "1 bezoek(en) te verwijderen" in out.getvalue()
    assert ErvencoachBezoek.objects.count() == 2

    call_command("buitengebied_retention", stdout=out)
    assert list(ErvencoachBezoek.objects.values_list("pk", flat=True)) == [recent.pk]
    entry = (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(object_type="buitengebied.ervencoachbezoek", action="delete")
        .get()
    )
    assert entry.object_id == str(old.pk) and entry.detail["bezocht_op"] == "2023-01-10"
    assert "Oud" not in str(entry.detail)
    with pytest.raises(Exception, match="platform"):  # a user cannot run retention
        services.bezoek_retention_run(ctx=ctx_of(make_user(Role.BEHEERDER, "PV23"), second_factor=True))


def _visits(code: str, n: int, year: int = 2026) -> None:
    location = _location(code, n=int(code[2:]))
    topic = BezoekOnderwerp.objects.get(code="herkennen")
    for i in range(n):
        visit = ErvencoachBezoek.objects.create(
            locatie=location,
            bezocht_op=dt.date(year, 1 + i % 12, 3),
            coach_naam="Coach",
            gemeente_id=location.gemeente_id,
            bewaren_tot=dt.date(year + 2, 1, 1),
            organisation_id=location.gemeente_id,
        )
        visit.onderwerpen.add(topic)


def _dumpings(code: str, n: int, year: int = 2026) -> None:
    area = Area.objects.get(code=code)
    for _ in range(n):
        Drugsafvaldumping.objects.create(
            gevonden_op=dt.date(year, 2, 1),
            punt=area.geometry.point_on_surface,
            gemeente_id=area.organisation_id,
            soort=VondstSoort.objects.first(),
            hoeveelheid=Decimal(1),
            eenheid="stuks",
            organisation_id=area.organisation_id,
        )


def test_the_keurmerk_report_shows_small_counts_as_below_five(client, region):
    """Hardenberg: 3 visits and 2 dumpings in 2026 ("< 5"), Zwolle: 8 and 6 (shown); the region's
    total is published, and no small count follows from what is shown (the exact test of the
    dashboard's disclosure control). Actions are counted by status. The page and the API agree."""
    _visits("GM0160", 3)
    _visits("GM0193", 8)
    _dumpings("GM0160", 2)
    _dumpings("GM0193", 6)
    province = Organisation.objects.get(code="PV23")
    KeurmerkActie.objects.create(
        titel="Voorlichting", eigenaar=province, status=ActieStatus.LOPEND, jaar=2026
    )
    KeurmerkActie.objects.create(titel="Oud", eigenaar=province, status=ActieStatus.AFGEROND, jaar=2025)

    report = jaarverslag(ctx=ctx_of(make_user(Role.PARTNER, "POLITIE-ON"), second_factor=True), jaar=2026)
    visits = {r.code: r.totaal for r in report.bezoeken.bezoeken}
    dumpings = {r.code: r.totaal for r in report.dumpingen.rijen}
    assert visits["GM0160"] == "< 5" and dumpings["GM0160"] == "< 5"
    assert visits["GM0193"] == "8" and dumpings["GM0193"] == "6"
    assert "3" not in visits.values() and "2" not in dumpings.values()
    assert report.bezoeken.regio.totaal == "11"
    for raw, table in (
        ({"GM0160": 3, "GM0193": 8}, report.bezoeken),
        ({"GM0160": 2, "GM0193": 6}, report.dumpingen),
    ):
        rows = table.bezoeken if hasattr(table, "bezoeken") else table.rijen
        codes = [r.code for r in rows]
        base = {(c, 2026): raw.get(c, 0) for c in codes}
        full = hierarchical(base, [{"regio": codes}, {"totaal": [2026]}])
        shown = {(r.code, "totaal"): r.totaal for r in [*rows, table.regio]}
        shown |= {(r.code, 2026): r.cellen[0] for r in [*rows, table.regio]}
        assert exposed(full, {k for k, cell in shown.items() if not cell.isdigit()}, threshold=5) == set()
    assert ("lopend", "lopend", 1) in report.acties_per_status
    assert [a.titel for a in report.acties] == ["Voorlichting"]

    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="a"))
    html = client.get("/buitengebied/keurmerk/verslag?jaar=2026").content.decode()
    assert "&lt; 5" in html and "Voorlichting" in html
    api = client.get("/api/v1/buitengebied/keurmerk/jaarverslag?jaar=2026").json()
    assert next(r for r in api["bezoeken"] if r["code"] == "GM0160")["totaal"] == "< 5"
    assert api["acties_per_status"]["lopend"] == 1


def test_an_action_status_is_changed_by_its_owner_or_the_province_only(region):
    province = Organisation.objects.get(code="PV23")
    hardenberg = Organisation.objects.get(cbs_code="GM0160")
    action = KeurmerkActie.objects.create(titel="Camera's", eigenaar=hardenberg, jaar=2026)
    owner = ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0160", username="h"), second_factor=True)
    other = ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="z"), second_factor=True)
    assert services.actie_status(ctx=owner, actie=action, status="lopend").status == "lopend"
    with pytest.raises(Exception, match="geen recht"):
        services.actie_status(ctx=other, actie=action, status="afgerond")
    with pytest.raises(ValidationError):
        services.actie_status(ctx=owner, actie=action, status="klaar")
    action.refresh_from_db()
    assert action.status == "lopend"
    assert province.pk != hardenberg.pk


def test_the_demo_loader_yields_farm_locations_some_stopped_and_fictitious(region, settings, tmp_path):
    """Built on the registers' own synthetic data, the demo gives VAB locations with scores."""
    from weerbaar.registers.services import register_import_directory
    from weerbaar.registers.synthetic import generate

    from ..demo import load_farm_locations

    generate(0.002, 1, tmp_path / "demo")
    register_import_directory(actor=None, directory=tmp_path / "demo")
    load_farm_locations(StringIO())
    assert VabLocatie.objects.count() > 0
    assert VabLocatie.objects.filter(fictief=True, bedrijf_gestopt=True).exists()
    assert ErvencoachBezoek.objects.filter(fictief=True).exists()
    assert system_context(source="x").system
