"""Wijken and buurten: the shipped CBS names and inhabitants load through the importer framework,
and the municipality profile shows them in a table and a CSV with the public suppression: a buurt
below the threshold is "< 5" and its wijk minus its other buurten does not give it back."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.importing import RunStatus
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of

from ..models import AreaName, IndicatorValue
from ..services import cbs_criminaliteit_load, cbs_wijken_buurten_load
from ..services.importer import _run
from ..services.wijken import CbsWijkenBuurtenImporter, _store_areas

PLATFORM = command_context(command="test")
HEADER = "code,type,naam,gemeente_code,gemeente_naam,wijk_code,wijk_naam,inwoners_2024\n"


@pytest.fixture
def areas(region):
    cbs_criminaliteit_load(ctx=PLATFORM, owner=Organisation.objects.get(kind=OrganisationKind.PROVINCIE))
    report = cbs_wijken_buurten_load(ctx=PLATFORM)
    assert report.status == RunStatus.OK


def test_the_shipped_wijken_and_buurten_load_with_their_inhabitants(areas):
    """276 wijken and 1089 buurten with their names and parents; a buurt's inhabitants as CBS gives
    them, a wijk's the sum of its buurten, the municipality's the sum of its wijken; a second
    load changes nothing."""
    assert AreaName.objects.filter(code__startswith="WK").count() == 276
    assert AreaName.objects.filter(code__startswith="BU").count() == 1089
    buurt = AreaName.objects.get(code="BU01411000")
    assert (buurt.name, buurt.parent_code) == ("Binnenstad Noord", "WK014110")
    inwoners = dict(
        IndicatorValue.objects.filter(indicator__key="cbs-inwoners").values_list("area_code", "value")
    )
    assert inwoners["BU01411000"] == 2360 and inwoners["BU01411205"] == 0
    assert inwoners["WK014110"] == 2360 + 1300 + 970 + 985  # Binnenstad: its four buurten
    for gemeente in ("GM0141", "GM0193", "GM0153"):
        wijken = sum(v for c, v in inwoners.items() if c.startswith("WK" + gemeente[2:]))
        assert wijken == inwoners[gemeente], gemeente
    before = IndicatorValue.objects.count()
    cbs_wijken_buurten_load(ctx=PLATFORM)
    assert IndicatorValue.objects.count() == before and AreaName.objects.count() == 276 + 1089


def test_a_bad_row_is_named_and_nothing_is_stored(region):
    """A buurt whose wijk is not the one its code names, and inhabitants that are no count: each
    problem names its row and field, and no name or value is stored."""
    raw = (
        HEADER
        + "WK014110,wijk,Binnenstad,GM0141,Almelo,WK014110,Binnenstad,\n"
        + "BU01411000,buurt,Binnenstad Noord,GM0141,Almelo,WK014111,De Riet,2360\n"
        + "BU01411001,buurt,Binnenstad Zuid,GM0141,Almelo,WK014110,Binnenstad,veel\n"
    ).encode()
    report = _run(PLATFORM, CbsWijkenBuurtenImporter(), raw, "wijken_buurten_fout.csv", store=_store_areas)
    assert report.status == RunStatus.FAILED and report.stored == 0
    problems = {(p.row, p.field) for p in report.problems}
    assert problems == {(3, "wijk_code"), (4, "inwoners_2024")}, report.problems
    assert "WK014110" in next(p.message for p in report.problems if p.field == "wijk_code")
    assert not AreaName.objects.exists() and not IndicatorValue.objects.exists()


def _published(client, code: str) -> dict[str, str]:
    response = client.get(f"/indicatoren/gemeente/{code}")
    assert response.status_code == 200
    table = response.context["areas"]
    assert [c.indicator.key for c in table["columns"]] == ["cbs-inwoners"]
    return {row.code: row.shown[0] for row in table["rows"]}


def test_the_profile_shows_a_known_buurt_and_hides_a_small_one_from_its_wijk_total(areas, client):
    """Almelo's page: Binnenstad Noord with 2360 inhabitants (2.360 on the page); the empty buurt
    Bedrijvenpark Twente as "< 5"; in every wijk with an unpublished buurt at least one more cell of
    the wijk's relation (another buurt or the wijk itself) is unpublished, so the wijk minus its
    published buurten never gives a suppressed buurt back; the same one level up."""
    shown = _published(client, "GM0141")
    assert shown["BU01411000"] == "2360" and shown["BU01411205"] == "< 5"
    html = client.get("/indicatoren/gemeente/GM0141").content.decode()
    assert "Binnenstad Noord" in html and "2.360" in html and "&lt; 5" in html
    assert "grenzen van wijken en buurten staan niet in het platform" in html
    for gemeente in ("GM0141", "GM0193", "GM0153", "GM0177"):
        shown = _published(client, gemeente)
        public = {v.area_code: v.shown for v in _gm_values(gemeente)}
        shown[gemeente] = public[gemeente]
        parents: dict[str, list[str]] = {}
        for code in shown:
            parent = (
                gemeente if code.startswith("WK") else "WK" + code[2:8] if code.startswith("BU") else None
            )
            if parent:
                parents.setdefault(parent, []).append(code)
        for parent, children in parents.items():
            hidden = [c for c in [parent, *children] if not shown[c].isdigit()]
            assert len(hidden) != 1, (parent, hidden)  # one unknown in a sum is no secret


def _gm_values(gemeente):
    from ..selectors import indicator_get, indicator_values

    ctx = ctx_of(None)
    return [
        v
        for v in indicator_values(ctx=ctx, indicator=indicator_get(ctx=ctx, key="cbs-inwoners"))
        if v.area_code == gemeente
    ]


def test_a_cleared_analyst_sees_the_small_buurt(areas, client):
    """Suppression is for the public: with shielded clearance the zero is shown as it is (the
    public test above would fail without suppression)."""
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0141"))
    shown = _published(client, "GM0141")
    assert shown["BU01411205"] == "0" and shown["BU01411000"] == "2360"


def test_the_csv_holds_the_pages_figures_and_credits_cbs(areas, client):
    """The CSV of the table: every row of the page with the same published figure, and the source."""
    shown = _published(client, "GM0141")
    response = client.get("/indicatoren/gemeente/GM0141/wijken.csv")
    assert response.status_code == 200 and "wijken-buurten-GM0141.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["gebiedscode", "soort", "naam", "wijk"]
    body = {r[0]: r for r in rows[1:] if r and r[0][:2] in ("WK", "BU")}
    assert {code: r[4] for code, r in body.items()} == shown
    assert body["BU01411000"][1:4] == ["buurt", "Binnenstad Noord", "Binnenstad"]
    assert body["BU01411205"][4] == "< 5" and "0" not in body["BU01411205"][4]
    assert any("Bron: CBS" in r[0] for r in rows[1:] if r)
    assert client.get("/indicatoren/gemeente/GM9999/wijken.csv").status_code == 404


def test_the_german_page_has_no_dutch_leftovers_in_the_new_section(areas, client):
    client.cookies["weerbaar_language"] = "de"
    html = client.get("/indicatoren/gemeente/GM0141").content.decode()
    assert "Stadtteile und Nachbarschaften" in html and "Quelle: CBS" in html
    for dutch in (
        "Wijken en buurten",
        "buurt in",
        "grenzen van wijken",
        "Download de tabel",
        "Nog geen cijfers per wijk",
        "Soort",
        "Bron: CBS.",
    ):
        assert dutch not in html, dutch
    text = client.get("/indicatoren/gemeente/GM0141/wijken.csv").content.decode()
    assert text.startswith("Gebietscode") or "Gebietscode" in text.splitlines()[0]


def test_a_municipality_without_wijken_says_so(region, client):
    cbs_criminaliteit_load(ctx=PLATFORM, owner=Organisation.objects.get(kind=OrganisationKind.PROVINCIE))
    html = client.get("/indicatoren/gemeente/GM0141").content.decode()
    assert "Nog geen cijfers per wijk of buurt voor deze gemeente." in html
    assert Decimal(0) == Decimal(IndicatorValue.objects.filter(area_code__startswith="BU").count())
