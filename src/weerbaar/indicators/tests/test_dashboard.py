"""The dashboard pages: the choropleth's JSON, table and CSV publish the same figures, suppressed
cells reach none of them as numbers; the profile compares with similar municipalities."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of

from .. import geography
from ..models import Indicator, IndicatorValue, Refresh
from ..services import cbs_criminaliteit_load

pytestmark = pytest.mark.django_db
PLATFORM = command_context(command="test")
PERIODS = [(dt.date(2022, 1, 1), dt.date(2022, 12, 31)), (dt.date(2023, 1, 1), dt.date(2023, 12, 31))]


@pytest.fixture
def province(region):
    return Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).first()


@pytest.fixture
def small(province):
    """A count indicator over two years with the province's total: Almelo (GM0141) has 3 in 2023
    and 2 in 2022, so the total minus the others would give it back without secondary suppression."""
    indicator = Indicator.objects.create(
        key="test-aantallen",
        name_nl="Testaantallen",
        name_de="Testzahlen",
        definition="d",
        unit="aantal",
        source="Bron: test",
        owner=province,
        refresh=Refresh.JAARLIJKS,
        theme="test",
        access_level=AccessLevel.OPENBAAR,
    )
    figures = {"GM0141": (2, 3), "GM0153": (30, 17), "GM0193": (41, 20), "GM0150": (12, 14), "PV23": (85, 54)}
    for code, pair in figures.items():
        for (start, end), value in zip(PERIODS, pair, strict=True):
            IndicatorValue.objects.create(
                indicator=indicator, area_code=code, period_start=start, period_end=end, value=Decimal(value)
            )
    return indicator


def json_block(html: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def numbers_in(data) -> list[float]:
    """Every number anywhere in a JSON document."""
    if isinstance(data, bool):
        return []
    if isinstance(data, (int, float)):
        return [data]
    if isinstance(data, dict):
        return [n for v in data.values() for n in numbers_in(v)]
    if isinstance(data, list):
        return [n for v in data for n in numbers_in(v)]
    return []


def test_no_suppressed_value_reaches_the_chart_json_of_the_public_dashboard(client, small):
    """Anonymous: Almelo's 3 (primary) and the cell that would give it back (secondary) appear as
    text with value null in the map and trend JSON, in the table and in the CSV; no number in
    either JSON equals a suppressed figure where it would identify it."""
    html = client.get(
        "/indicatoren/dashboard/?indicator=test-aantallen&periode=2023-01-01&gemeente=GM0141"
    ).content.decode()
    data = json_block(html, "map-data")
    areas = {a["code"]: a for a in data["areas"]}
    assert len(areas) == 25  # every municipality of the region is on the map
    almelo = areas["GM0141"]
    assert almelo["value"] is None and almelo["shown"] == "< 5" and almelo["band"] is None
    hidden = [a for a in areas.values() if a["shown"] in {"×", "< 5"}]
    assert all(a["value"] is None and a["band"] is None for a in hidden)
    assert data["suppressed"] == len(hidden) >= 2  # secondary suppression took a second cell
    published = [a for a in areas.values() if a["value"] is not None]
    assert sum(b["count"] for b in data["bands"]) == len(published)
    real = {"GM0141": 3, "GM0153": 17, "GM0193": 20, "GM0150": 14}
    assert not {real[a["code"]] for a in hidden if a["code"] in real} & set(numbers_in(data))
    trend = json_block(html, "trend-data")
    almelo_series = next(s for s in trend["series"] if s["code"] == "GM0141")
    assert almelo_series["values"] == [None, None] and almelo_series["shown"] == ["< 5", "< 5"]
    assert almelo_series["published"] == ["< 5", "< 5"]
    assert 3 not in numbers_in(trend) and 2 not in numbers_in(trend)
    assert "< 5" in html.replace("&lt;", "<")
    csv_text = client.get(
        "/indicatoren/dashboard.csv?indicator=test-aantallen&periode=2023-01-01"
    ).content.decode()
    almelo_line = next(line for line in csv_text.splitlines() if line.startswith("GM0141"))
    assert "< 5" in almelo_line and ",3," not in almelo_line


def test_a_shielded_analyst_sees_the_real_figure_on_the_same_chart(client, small):
    """With shielded clearance the map shows Almelo's 3: the test above would fail without suppression."""
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0141"))
    html = client.get("/indicatoren/dashboard/?indicator=test-aantallen&periode=2023-01-01").content.decode()
    almelo = next(a for a in json_block(html, "map-data")["areas"] if a["code"] == "GM0141")
    assert almelo["value"] == 3 and almelo["shown"] == "3" and almelo["band"] is not None


def test_the_real_cbs_figures_fill_the_choropleth_with_classes_legend_and_credit(client, province):
    cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    response = client.get("/indicatoren/dashboard/?indicator=cbs-brengdelicten-per-1000")
    html = response.content.decode()
    data = json_block(html, "map-data")
    assert all(a["value"] is not None for a in data["areas"])  # 25 published rates
    assert next(a for a in data["areas"] if a["code"] == "GM0193")["shown"] == "40,4"  # nl notation
    assert [b["count"] for b in data["bands"]] == [5, 5, 5, 5, 5]
    shapes = json_block(html, "map-shapes")
    assert {f["properties"]["name"] for f in shapes["features"]} == {a["code"] for a in data["areas"]}
    point = shapes["features"][0]["geometry"]["coordinates"]
    while isinstance(point[0], list):
        point = point[0]
    lon, lat = point
    assert 5.7 < lon < 7.1 and 52.0 < lat < 52.9  # WGS84 in Overijssel
    assert "Bron: CBS" in html and "vendor/echarts/dist/echarts.min.js" in html


def test_the_filters_select_theme_and_period(client, small, province):
    cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    html = client.get("/indicatoren/dashboard/?thema=test&periode=2022-01-01").content.decode()
    data = json_block(html, "map-data")
    assert next(a for a in data["areas"] if a["code"] == "GM0153")["shown"] == "30"  # 2022
    assert "cbs-brengdelicten" not in html  # other theme filtered out


def test_size_and_density_classes():
    assert geography.size_class(Decimal(19_999)) == 0 and geography.size_class(Decimal(161_740)) == 3
    assert geography.density_class(Decimal(100_000), 100.0) == 3
    assert geography.density_class(Decimal(10_000), 100.0) == 0
    assert geography.size_class(None) is None


def test_the_profile_compares_with_municipalities_of_the_same_size_class(client, province):
    """Zwolle (133,160 inhabitants) is compared with the other 100,000+ municipalities of
    Overijssel (Enschede, Deventer), the median of their published values and the province."""
    cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    response = client.get("/indicatoren/gemeente/GM0193")
    assert response.status_code == 200
    html = response.content.decode()
    names = {m.name for m in response.context["similar"]}
    assert names == {"Enschede", "Deventer"}
    rate = next(c for c in response.context["comparisons"] if c.indicator.key == "cbs-brengdelicten-per-1000")
    assert rate.own == "40.4" and rate.similar_n == 2
    assert rate.similar == str((Decimal("37.8") + Decimal(json_rate(client, "GM0153"))) / 2)
    assert json_block(html, "profile-data")["labels"]
    csv_text = client.get("/indicatoren/gemeente/GM0193.csv").content.decode()
    assert "40.4" in csv_text
    assert client.get("/indicatoren/gemeente/GM9999").status_code == 404


def json_rate(client, code: str) -> str:
    html = client.get("/indicatoren/dashboard/?indicator=cbs-brengdelicten-per-1000").content.decode()
    return next(a for a in json_block(html, "map-data")["areas"] if a["code"] == code)["shown"].replace(
        ",", "."
    )


def test_municipality_shapes_go_through_the_organisations_selectors(region):
    shapes = geography.municipality_shapes(ctx=ctx_of(None))
    assert len(shapes["features"]) == 25
