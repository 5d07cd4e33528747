"""The public aggregate per municipality and year applies the dashboard's disclosure control."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from weerbaar.indicators.disclosure import exposed, hierarchical
from weerbaar.organisations.models import Area
from weerbaar.privacy.testing import ctx_of

from ..models import Drugsafvaldumping, VondstSoort
from ..selectors import dumpingen_per_gemeente

pytestmark = pytest.mark.django_db


def _dumpings(code: str, year: int, n: int) -> None:
    area = Area.objects.get(code=code)
    for i in range(n):
        Drugsafvaldumping.objects.create(
            gevonden_op=dt.date(year, 1 + i % 12, 1),
            punt=area.geometry.point_on_surface,
            gemeente_id=area.organisation_id,
            soort=VondstSoort.objects.first(),
            hoeveelheid=Decimal(1),
            eenheid="stuks",
            organisation_id=area.organisation_id,
        )


def test_a_small_count_is_shown_as_below_five_and_cannot_be_derived_from_the_totals(client, region):
    """Hardenberg has 3 reports in 2025 (primary: "< 5"); its all-years total minus 2024 would
    give it back, so a further cell is suppressed ("×"): the exact test finds no small cell
    determined by what is published, and the page and the API show "< 5"."""
    _dumpings("GM0160", 2024, 9)
    _dumpings("GM0160", 2025, 3)
    _dumpings("GM0193", 2024, 7)
    _dumpings("GM0193", 2025, 8)
    table = dumpingen_per_gemeente(ctx=ctx_of(None))

    hardenberg = next(r for r in table.rijen if r.code == "GM0160")
    zwolle = next(r for r in table.rijen if r.code == "GM0193")
    assert table.jaren == [2024, 2025]
    assert hardenberg.cellen[1] == "< 5"
    assert zwolle.cellen == ["7", "8"]
    assert "3" not in hardenberg.cellen
    assert "×" in hardenberg.cellen  # 12 - 9 would give the 3 back: the 9 is suppressed too

    # rebuild the table as published and check that no small cell follows from it
    codes = [r.code for r in table.rijen]
    base = {(c, y): 0 for c in codes for y in table.jaren}
    base.update({("GM0160", 2024): 9, ("GM0160", 2025): 3, ("GM0193", 2024): 7, ("GM0193", 2025): 8})
    full = hierarchical(base, [{"regio": codes}, {"totaal": table.jaren}])
    shown = {(r.code, y): cell for r in [*table.rijen, table.regio] for y, cell in zip(table.jaren, r.cellen)}
    shown |= {(r.code, "totaal"): r.totaal for r in [*table.rijen, table.regio]}
    unpublished = {key for key, cell in shown.items() if not cell.isdigit()}
    assert exposed(full, unpublished, threshold=5) == set()

    html = client.get("/buitengebied/dumpingen/cijfers").content.decode()
    assert "&lt; 5" in html
    api = client.get("/api/v1/buitengebied/dumpingen/cijfers").json()
    assert next(g for g in api["gemeenten"] if g["code"] == "GM0160")["cellen"][1] == "< 5"
