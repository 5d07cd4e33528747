"""The indicators end to end: the shipped CBS figures through the importer, the computed
signal figures through the signals' aggregate selector, suppression in the API and the pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.importing import RunStatus
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of

from ..models import Indicator, IndicatorValue, Refresh
from ..services import cbs_criminaliteit_load, indicator_values_import, platform_indicators_compute

pytestmark = pytest.mark.django_db
PLATFORM = command_context(command="test")


@pytest.fixture
def province(region):
    return Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).first()


@pytest.fixture
def small(province):
    """A count indicator over the province and three municipalities, one of them below 5."""
    indicator = Indicator.objects.create(
        key="test-aantallen",
        name_nl="Testaantallen",
        definition="d",
        unit="aantal",
        source="Bron: test",
        owner=province,
        refresh=Refresh.JAARLIJKS,
        access_level=AccessLevel.OPENBAAR,
    )
    start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    for code, value in {"PV23": 40, "GM0141": 3, "GM0153": 17, "GM0193": 20}.items():
        IndicatorValue.objects.create(
            indicator=indicator, area_code=code, period_start=start, period_end=end, value=Decimal(value)
        )
    return indicator


def test_the_shipped_cbs_figures_load_for_all_25_municipalities_with_credit(province):
    report = cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    assert report.status == RunStatus.OK
    values = IndicatorValue.objects.filter(indicator__key="cbs-brengdelicten")
    assert values.count() == 25
    assert values.get(area_code="GM0193").value == 5376  # Zwolle, PROVENANCE.md
    assert Indicator.objects.get(key="cbs-brengdelicten").source.startswith("Bron: CBS")
    again = cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    assert again.status == RunStatus.OK and values.count() == 25  # idempotent


def test_a_statline_file_with_a_bad_row_names_row_and_field_and_stores_nothing(small):
    analist = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    raw = (
        b"indicator;gebiedscode;periode;waarde\n"
        b"test-aantallen;GM0141  ;2024JJ00;7\n"
        b"test-aantallen;GM9;2024MM13;x\n"
        b"onbekend;GM0153;2024KW01;1\n"
    )
    report = indicator_values_import(ctx=ctx_of(analist), raw=raw, filename="waarden.csv")
    assert report.status == RunStatus.FAILED
    problems = {(p.row, p.field) for p in report.problems}
    assert {(3, "gebiedscode"), (3, "periode"), (3, "waarde"), (4, "indicator")} <= problems
    assert not IndicatorValue.objects.filter(period_start=dt.date(2024, 1, 1)).exists()
    partial = indicator_values_import(ctx=ctx_of(analist), raw=raw, filename="waarden.csv", partial=True)
    assert partial.status == RunStatus.PARTIAL and partial.stored == 1
    stored = IndicatorValue.objects.get(area_code="GM0141", period_start=dt.date(2024, 1, 1))
    assert stored.period_end == dt.date(2024, 12, 31) and stored.value == 7


def test_the_public_api_suppresses_the_small_count_and_what_would_give_it_back(client, small):
    body = client.get("/api/v1/indicatoren/test-aantallen/waarden").json()
    shown = {v["gebiedscode"]: v for v in body["waarden"]}
    assert shown["GM0141"]["weergave"] == "< 5" and shown["GM0141"]["waarde"] is None
    # 40 - 17 - 20 would give 3 back: one more municipality must go
    assert sum(1 for v in shown.values() if v["onderdrukt"] == "secundair") >= 1
    assert body["bronvermelding"] == "Bron: test"
    assert client.get("/api/v1/indicatoren/test-aantallen/waarden?niveau=GM&foo=1").status_code == 400


def test_the_values_api_pages_and_filters_by_municipality_in_sql(client, small):
    """A national buurt table is millions of cells: the API answers a page at a time, its pages
    together are the whole table (as published), and `gemeente` takes one municipality's
    wijken and buurten."""
    for code, value in {"WK014101": 2, "BU01410101": 2, "WK015301": 9}.items():
        IndicatorValue.objects.create(
            indicator=small,
            area_code=code,
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2023, 12, 31),
            value=Decimal(value),
        )
    url = "/api/v1/indicatoren/test-aantallen/waarden"
    whole = client.get(url).json()
    assert whole["totaal"] == 7 == len(whole["waarden"]) and whole["pagina"] == 1
    pages = [client.get(f"{url}?paginaGrootte=3&pagina={n}").json() for n in (1, 2, 3, 4)]
    assert [len(p["waarden"]) for p in pages] == [3, 3, 1, 0]
    assert all(p["totaal"] == 7 for p in pages)
    assert [v for p in pages for v in p["waarden"]] == whole["waarden"]
    assert whole["waarden"] == sorted(whole["waarden"], key=lambda v: (v["periodeBegin"], v["gebiedscode"]))
    # the small buurt stays "< 5" on its page, as in the whole table
    assert {v["gebiedscode"]: v["weergave"] for v in whole["waarden"]}["BU01410101"] == "< 5"
    within = client.get(f"{url}?gemeente=GM0141").json()
    assert sorted(v["gebiedscode"] for v in within["waarden"]) == ["BU01410101", "WK014101"]
    assert within["totaal"] == 2
    buurten = client.get(f"{url}?gemeente=GM0141&niveau=BU").json()
    assert [v["gebiedscode"] for v in buurten["waarden"]] == ["BU01410101"]
    for bad in ("gemeente=0141", "gemeente=GM01", "paginaGrootte=0", "paginaGrootte=5001", "pagina=0"):
        response = client.get(f"{url}?{bad}")
        assert response.status_code == 400, bad
        assert response["Content-Type"].startswith("application/problem+json")


def test_a_month_cannot_be_derived_as_the_year_minus_the_other_month(client, small):
    """GM0153: the year 17 = January 2 + February 15. January is below 5, so the year and
    February may not both be published (17 - 15 = 2), whatever level or period is asked for."""
    for month, value in ((1, 2), (2, 15)):
        IndicatorValue.objects.create(
            indicator=small,
            area_code="GM0153",
            period_start=dt.date(2023, month, 1),
            period_end=dt.date(2023, month, 28),
            value=Decimal(value),
        )
    january, february, year = ("2023-01-28", "2023-02-28", "2023-12-31")  # period ends
    for query in ("", "?niveau=GM", "?periodeBegin=2023-02-01", "?periodeBegin=2023-01-01"):
        body = client.get(f"/api/v1/indicatoren/test-aantallen/waarden{query}").json()
        shown = {v["periodeEinde"]: v for v in body["waarden"] if v["gebiedscode"] == "GM0153"}
        if january in shown:
            assert shown[january]["weergave"] == "< 5"
        published = {end for end, v in shown.items() if not v["onderdrukt"]}
        assert not {february, year} <= published


def test_a_rate_is_held_back_where_its_count_is(client, small):
    """A rate per 1000 of GM0141 (count 3) would give the count back with the population."""
    rate = Indicator.objects.create(
        key="test-per-1000",
        name_nl="Per 1000",
        definition="d",
        unit="per 1000",
        source="Bron: test",
        owner=small.owner,
        refresh=Refresh.JAARLIJKS,
        access_level=AccessLevel.OPENBAAR,
        follows=small,
    )
    for code, value in {"GM0141": "0.04", "GM0153": "0.11", "GM0193": "0.15"}.items():
        IndicatorValue.objects.create(
            indicator=rate,
            area_code=code,
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2023, 12, 31),
            value=Decimal(value),
            is_count=False,
        )
    counts = {
        v["gebiedscode"]: v
        for v in client.get("/api/v1/indicatoren/test-aantallen/waarden").json()["waarden"]
    }
    rates = {
        v["gebiedscode"]: v for v in client.get("/api/v1/indicatoren/test-per-1000/waarden").json()["waarden"]
    }
    assert rates["GM0141"]["waarde"] is None and rates["GM0141"]["weergave"] == "×"
    for code in ("GM0153", "GM0193"):
        assert (rates[code]["waarde"] is None) == bool(counts[code]["onderdrukt"])


def test_a_shielded_analyst_sees_the_figures_unsuppressed(client, small):
    analist = make_user(Role.RIEC_ANALIST, "RIEC-ON")
    login_verified(client, analist)
    body = client.get("/api/v1/indicatoren/test-aantallen/waarden").json()
    shown = {v["gebiedscode"]: v["weergave"] for v in body["waarden"]}
    assert shown["GM0141"] == "3"


def test_the_public_page_and_csv_show_the_same_suppression(client, small):
    page = client.get("/indicatoren/test-aantallen").content.decode()
    assert "&lt; 5" in page and "Bron: test" in page
    response = client.get("/indicatoren/test-aantallen.csv")
    assert response.streaming  # written while it is read: a national buurt table is tens of MB
    csv = b"".join(response.streaming_content).decode()
    assert "GM0141,2023-01-01,2023-12-31,< 5" in csv
    assert ",3," not in csv
    assert csv.splitlines()[0].startswith("gebiedscode,") and csv.splitlines()[-1] == "Bron: test"


def test_the_page_shows_one_level_and_one_period_at_a_time_with_area_names(client, small):
    """Municipalities of the latest period by default, by name; the province on asking; an older
    period on asking; the suppression the same on every view."""
    IndicatorValue.objects.create(
        indicator=small,
        area_code="GM0153",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        value=Decimal(11),
    )
    page = client.get("/indicatoren/test-aantallen").content.decode()
    assert "Almelo" in page and "GM0141" in page and "&lt; 5" in page
    assert "PV23" not in page.split("<table")[1] and ">11<" not in page
    assert 'value="2022-01-01"' in page  # the older period can be chosen
    province_page = client.get("/indicatoren/test-aantallen", {"niveau": "PV"}).content.decode()
    assert "Overijssel" in province_page and "GM0141" not in province_page.split("<table")[1]
    older = client.get("/indicatoren/test-aantallen", {"periode": "2022-01-01"}).content.decode()
    assert "Enschede" in older and "Almelo" not in older.split("<table")[1]


def test_computed_signal_figures_count_signals_and_lead_times_and_are_the_platforms_own(province):
    """Three signals in Almelo (one of them a case with an intervention 10 days later) and one
    in Zwolle: the counts and the median lead time are stored per municipality; a person may
    not run the computation (it reads all signals, through the signals' aggregate selector)."""
    from weerbaar.signals.models import Case, Intervention, Signal

    almelo, zwolle = (Organisation.objects.get(code=c) for c in ("GM0141", "GM0193"))
    case = Case.objects.create(number="C-1", title="t", lead_organisation=almelo)
    for n, (town, on) in enumerate([(almelo, 3), (almelo, 5), (almelo, 7), (zwolle, 9)]):
        Signal.objects.create(
            number=f"S-{n}",
            title="t",
            phenomenon="drugs",
            received_on=dt.date(2023, 3, on),
            reporting_organisation=town,
            assigned_organisation=town,
            municipality=town,
            case=case if n == 0 else None,
        )
    Intervention.objects.create(
        case=case,
        kind="bibob",
        executing_organisation=almelo,
        legal_basis="Gemeentewet",
        executed_on=dt.date(2023, 3, 13),
    )
    year = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    stored = platform_indicators_compute(ctx=PLATFORM, start=year[0], end=year[1], owner=province)
    assert stored["signalen"] == 2
    values = {
        (v.indicator.key, v.area_code): v.value for v in IndicatorValue.objects.select_related("indicator")
    }
    assert values[("signalen", "GM0141")] == 3 and values[("signalen", "GM0193")] == 1
    assert values[("doorlooptijd-signaal-interventie", "GM0141")] == 10
    analist = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    with pytest.raises(PermissionDenied):
        platform_indicators_compute(ctx=ctx_of(analist), start=year[0], end=year[1], owner=province)


@pytest.mark.parametrize(
    ("language", "header", "link"),
    [("de", "Gebiet", "Als CSV herunterladen"), ("en", "Area", "Download as CSV")],
)
def test_the_public_page_speaks_german_and_english(client, small, language, header, link):
    # the locale middleware leaves the request's language active in this thread: restore it,
    # or the next test in the process runs in German or English
    with translation.override("nl"):
        page = client.get(
            "/indicatoren/test-aantallen", headers={"accept-language": language}
        ).content.decode()
    assert header in page and link in page and "&lt; 5" in page


@pytest.mark.parametrize(
    ("language", "definition", "caption"),
    [
        ("nl", "Aantal inwoners op 1 januari 2024", "Inwoners (aantal), 1-1-2024"),
        ("de", "Zahl der Einwohner am 1. Januar 2024", "Einwohner (Anzahl), 01.01.2024"),
        ("en", "Number of inhabitants on 1 January 2024", "Inhabitants (count), 01/01/2024"),
    ],
)
def test_a_shipped_indicator_is_defined_and_measured_in_the_readers_language(
    client, province, language, definition, caption
):
    """Definition and unit follow the page's language; a figure on one day shows that day once."""
    cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    with translation.override("nl"):
        page = client.get("/indicatoren/cbs-inwoners", headers={"accept-language": language}).content.decode()
    assert definition in page
    shown = re.search(r"<caption[^>]*>(.*?)</caption>", page, re.S)
    assert shown is not None and shown.group(1).strip() == caption
    assert "PROVENANCE" not in page
    indicator = client.get("/api/v1/indicatoren/cbs-inwoners").json()
    assert indicator["definitieDe"].startswith("Zahl der Einwohner")
    assert indicator["definitieEn"].startswith("Number of inhabitants")


def test_a_statline_xlsx_file_is_read_with_spreadsheet_row_numbers(small, tmp_path):
    """A real XLSX workbook (openpyxl): the good row stored, the bad one named by its sheet row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "gebiedscode", "periode", "waarde", "aantal"])
    sheet.append(["test-aantallen", "BU01410101", "2024KW02", 12, "ja"])
    sheet.append(["test-aantallen", "WK014101", "2024KW02", 2.5, "ja"])
    path = tmp_path / "waarden.xlsx"
    book.save(path)
    analist = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    report = indicator_values_import(
        ctx=ctx_of(analist), raw=path.read_bytes(), filename="waarden.xlsx", partial=True
    )
    assert [(p.row, p.field) for p in report.problems] == [(3, "waarde")]
    stored = IndicatorValue.objects.get(area_code="BU01410101")
    assert (stored.period_start, stored.period_end) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
