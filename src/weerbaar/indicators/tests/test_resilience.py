"""Weerbaarheidsscans: the importer's per-row errors and all-or-nothing, the fictitious demo set,
who sees single scans, and the province-wide picture published only above the minimum."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.importing import RunStatus
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of

from ..models import ResilienceDomain, ResilienceScan, ResilienceScore
from ..resilience import MIN_SCANS, province_picture, scan_rows
from ..services import resilience_demo_load, resilience_scans_import

pytestmark = pytest.mark.django_db
PLATFORM = command_context(command="test")


def scan_csv(codes, *, date="2025-03-01", score="3,5") -> bytes:
    lines = ["gemeente;datum;domein;score"]
    for code in codes:
        lines += [f"{code};{date};{domain};{score}" for domain in ResilienceDomain.values]
    return ("\n".join(lines) + "\n").encode()


def test_a_file_with_bad_rows_names_row_and_field_and_stores_nothing(region):
    adviseur = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    raw = scan_csv(["GM0141"]) + (
        b"GM9999;2025-03-01;integriteit;3\n"
        b"GM0153;1-3-2025;integriteit;3\n"
        b"GM0153;2025-03-01;moed;3\n"
        b"GM0153;2025-03-01;integriteit;6\n"
        b"GM0141;2025-03-01;integriteit;2\n"
    )
    report = resilience_scans_import(ctx=ctx_of(adviseur), raw=raw, filename="scans.csv")
    assert report.status == RunStatus.FAILED and report.stored == 0
    problems = {(p.row, p.field) for p in report.problems}
    first_bad = 2 + len(ResilienceDomain.values)
    assert {
        (first_bad, "gemeente"),
        (first_bad + 1, "datum"),
        (first_bad + 2, "domein"),
        (first_bad + 3, "score"),
    } <= problems
    assert any(
        p.row == first_bad + 4 and f"rij {2 + ResilienceDomain.values.index('integriteit')}" in p.message
        for p in report.problems
    ), report.problems
    assert not ResilienceScan.objects.exists()


def test_a_good_csv_and_an_xlsx_store_one_scan_per_municipality_and_date(region):
    adviseur = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    report = resilience_scans_import(
        ctx=ctx_of(adviseur), raw=scan_csv(["GM0141", "GM0153"]), filename="s.csv"
    )
    assert report.status == RunStatus.OK and report.stored == 2
    scan = ResilienceScan.objects.get(area_code="GM0141")
    assert scan.access_level == "afgeschermd" and not scan.fictitious
    assert ResilienceScore.objects.filter(scan=scan).count() == len(ResilienceDomain.values)
    assert ResilienceScore.objects.filter(scan=scan).first().score == Decimal("3.5")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["gemeente", "datum", "domein", "score"])
    sheet.append(["GM0141", dt.datetime(2025, 3, 1), "integriteit", 4])
    out = io.BytesIO()
    book.save(out)
    again = resilience_scans_import(ctx=ctx_of(adviseur), raw=out.getvalue(), filename="s.xlsx")
    assert again.status == RunStatus.OK
    replaced = ResilienceScan.objects.get(area_code="GM0141")  # the same date replaces the scan
    assert list(replaced.scores.values_list("domain", "score")) == [("integriteit", Decimal("4.0"))]


def test_only_analysts_import_scans(region):
    with pytest.raises(PermissionDenied):
        resilience_scans_import(ctx=ctx_of(None), raw=scan_csv(["GM0141"]), filename="s.csv")


def test_demo_scans_cover_the_25_municipalities_marked_fictitious(region):
    assert resilience_demo_load(ctx=PLATFORM) == 50
    assert ResilienceScan.objects.filter(fictitious=True).count() == 50
    assert ResilienceScan.objects.values("area_code").distinct().count() == 25
    assert resilience_demo_load(ctx=PLATFORM) == 50 and ResilienceScan.objects.count() == 50  # idempotent
    scores = ResilienceScore.objects.values_list("score", flat=True)
    assert all(Decimal(1) <= s <= Decimal(5) for s in scores)


def test_single_scans_by_role_and_the_public_picture(client, region):
    """Anonymous and a partner see no single scan; an analyst of Almelo sees Almelo's only; the
    province's adviser sees all 25. The public page shows the province-wide means."""
    resilience_demo_load(ctx=PLATFORM)
    assert scan_rows(ctx=ctx_of(None), year=2025) == []
    almelo = make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="almelo")
    assert {r.area_code for r in scan_rows(ctx=ctx_of(almelo, second_factor=True), year=2025)} == {"GM0141"}
    adviseur = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    assert len(scan_rows(ctx=ctx_of(adviseur, second_factor=True), year=2025)) == 25
    html = client.get("/indicatoren/weerbaarheid/?jaar=2025").content.decode()
    assert "Fictieve gegevens" in html and "Almelo" not in html
    picture = province_picture(year=2025)
    assert picture.published and picture.scans == 25
    assert all(m.shown in html for m in picture.means)
    login_verified(client, adviseur)
    html = client.get("/indicatoren/weerbaarheid/?jaar=2025").content.decode()
    assert "Almelo" in html and "Zwolle" in html
    csv_text = client.get("/indicatoren/weerbaarheid.csv?jaar=2025").content.decode()
    assert csv_text.count("\nGM") == 25


def test_the_province_mean_is_held_back_below_the_minimum_number_of_scans(region):
    adviseur = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    codes = ["GM0141", "GM0147", "GM0148", "GM0150", "GM0153"][: MIN_SCANS - 1]
    resilience_scans_import(ctx=ctx_of(adviseur), raw=scan_csv(codes), filename="s.csv")
    picture = province_picture(year=2025)
    assert not picture.published and all(m.mean is None for m in picture.means)
    assert all(m.shown == f"< {MIN_SCANS}" for m in picture.means)
    resilience_scans_import(ctx=ctx_of(adviseur), raw=scan_csv(["GM0193"]), filename="t.csv")
    published = province_picture(year=2025)
    assert published.published and published.means[0].mean == Decimal("3.5")


def test_the_trend_chart_draws_the_published_means_and_leaves_a_held_back_year_open(client, region):
    """The public page's trend series are the province-wide means of the table, per domain and
    year; a year with fewer than MIN_SCANS scans is a gap, never a value."""
    adviseur = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    few = ["GM0141", "GM0147", "GM0148", "GM0150", "GM0153"][: MIN_SCANS - 1]
    resilience_scans_import(ctx=ctx_of(adviseur), raw=scan_csv(few, date="2024-03-01"), filename="a.csv")
    many = ["GM0141", "GM0147", "GM0148", "GM0150", "GM0153", "GM0193"]
    resilience_scans_import(ctx=ctx_of(adviseur), raw=scan_csv(many, score="2,5"), filename="b.csv")
    html = client.get("/indicatoren/weerbaarheid/?jaar=2025").content.decode()
    found = re.search(r'<script id="resilience-trend-data" type="application/json">(.*?)</script>', html)
    assert found is not None
    chart = json.loads(found.group(1))
    assert chart["periods"] == ["2024", "2025"]
    assert [s["name"] for s in chart["series"]] == [str(label) for label in ResilienceDomain.labels]
    assert all(s["values"] == [None, 2.5] for s in chart["series"])
    assert all(s["shown"] == [f"< {MIN_SCANS}", "2,5"] for s in chart["series"])
