"""A park list in: real CSV, XLSX and GeoPackage files; bad rows named by row, field and reason;
all or nothing by default, valid rows kept with `partial`; scores computed for imported parks."""

from __future__ import annotations

import pytest

from weerbaar.importing import RunStatus
from weerbaar.parken.models import Park
from weerbaar.parken.services import park_list_import
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db

HEADER = "code;naam;gemeente;eigendom;geometrie;recreatiewoningen;aandeel_permanent;onderhoud;fictief"
WKT = "POLYGON((229000 500000, 229300 500000, 229300 500200, 229000 500200, 229000 500000))"
GOOD = f"het-hooge-veld;Het Hooge Veld;GM0175;uitgepond met VvE;{WKT};120;0,25;4;ja"
BAD = "zonnehoek;De Zonnehoek;GM9999;verhuur;POINT(1 2);-3;1,5;9;misschien"


def _csv(tmp_path, *lines):
    path = tmp_path / "parken.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_csv_row_is_stored_with_its_score(tmp_path, adviser):
    report = park_list_import(ctx=ctx_of(adviser), path=_csv(tmp_path, GOOD))
    assert report.status == RunStatus.OK and report.created == 1
    park = Park.objects.get(code="het-hooge-veld")
    assert park.ownership == "uitgepond" and park.units_recreatiewoning == 120 and park.fictitious
    assert park.permanent_residents_share == 0.25 and park.attention_score is not None
    assert park.geometry.srid == 28992 and park.geometry.area == pytest.approx(300 * 200)


def test_bad_row_names_every_field_and_stores_nothing(tmp_path, adviser):
    """All or nothing: one bad row, nothing stored; each problem names row 3 and its field."""
    report = park_list_import(ctx=ctx_of(adviser), path=_csv(tmp_path, GOOD, BAD))
    assert report.status == RunStatus.FAILED and not Park.objects.exists()
    problems = {(p.row, p.field) for p in report.problems}
    for field in (
        "gemeente",
        "eigendom",
        "geometrie",
        "recreatiewoningen",
        "aandeel_permanent",
        "onderhoud",
        "fictief",
    ):
        assert (3, field) in problems, field
    [gemeente] = [p for p in report.problems if p.field == "gemeente"]
    assert "GM9999" in gemeente.message


def test_partial_keeps_good_rows_and_a_repeated_code_is_refused(tmp_path, adviser):
    report = park_list_import(ctx=ctx_of(adviser), path=_csv(tmp_path, GOOD, BAD, GOOD), partial=True)
    assert report.status == RunStatus.PARTIAL and report.created == 1
    assert any(p.row == 4 and "rij 2" in p.message for p in report.problems)


def test_xlsx_and_geopackage_are_read(tmp_path, adviser):
    import numpy as np
    import shapely
    from openpyxl import Workbook
    from pyogrio.raw import write

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(GOOD.replace("0,25", "0.25").split(";"))
    xlsx = tmp_path / "parken.xlsx"
    book.save(xlsx)
    assert park_list_import(ctx=ctx_of(adviser), path=xlsx).created == 1

    gpkg = tmp_path / "parken.gpkg"
    outline = shapely.from_wkt("POLYGON((6.95 52.35, 6.955 52.35, 6.955 52.353, 6.95 52.353, 6.95 52.35))")
    write(
        str(gpkg),
        geometry=np.array([shapely.to_wkb(outline)], dtype=object),
        field_data=[np.array([v], dtype=object) for v in ("dinkeldal", "Dinkeldal", "GM1774", "erfpacht")],
        fields=["code", "naam", "gemeente", "eigendom"],
        geometry_type="Polygon",
        crs="EPSG:4326",
        driver="GPKG",
    )
    report = park_list_import(ctx=ctx_of(adviser), path=gpkg)
    assert report.status == RunStatus.OK, report.problems
    park = Park.objects.get(code="dinkeldal")
    assert park.ownership == "erfpacht" and 240_000 < park.geometry.centroid.x < 270_000


def test_importing_needs_a_managing_role(tmp_path, region):
    from django.core.exceptions import PermissionDenied

    from weerbaar.core.access import Role
    from weerbaar.core.testing import make_user

    with pytest.raises(PermissionDenied):
        park_list_import(ctx=ctx_of(make_user(Role.PARTNER, "POLITIE-ON")), path=_csv(tmp_path, GOOD))
