"""CSV/XLSX import: every bad row is reported by row and field; nothing stored is lost."""

import io

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from weerbaar.catalog.dcat import CSV_COLUMNS
from weerbaar.catalog.models import Factsheet
from weerbaar.catalog.services.importer import ImportFileError
from weerbaar.catalog.services.importing import factsheets_import_file
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.testing import ctx_of

GOOD = {
    "identifier": "handhavingsregister-zwolle",
    "title_nl": "Handhavingsregister Zwolle",
    "description_nl": "Handhavingszaken van de gemeente.",
    "owner": "GM0193",
    "themes": "bestuurlijke-interventies",
    "donl_theme": "Openbare_orde_en_veiligheid",
    "access_level": "intern",
    "personal_data": "ja",
    "personal_data_categories": "naam|adres",
    "legal_bases": "avg-6-1-e",
    "access_procedure_nl": "Via de gemeente.",
    "frequency": "WEEKLY",
    "spatial": "GM0193",
    "reviewed_on": "01-10-2026",
    "formats": "CSV",
}


def _csv(rows, delimiter=";", encoding="utf-8") -> bytes:
    lines = [delimiter.join(CSV_COLUMNS)]
    for row in rows:
        lines.append(delimiter.join(str(row.get(c, "")) for c in CSV_COLUMNS))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.fixture
def analyst(starter):
    return make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")


def test_a_good_file_is_imported_with_a_version(analyst):
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=_csv([GOOD]), filename="f.csv")
    assert report.written and not report.errors and report.rows[0].status == "nieuw"
    factsheet = Factsheet.objects.get(identifier="handhavingsregister-zwolle")
    assert factsheet.maintainer.code == "GM0193" and factsheet.personal_data_categories == ["naam", "adres"]
    assert factsheet.versions.get().note == "import"


def test_bad_rows_are_reported_by_row_and_field_and_nothing_is_written(analyst):
    rows = [
        GOOD,
        {
            **GOOD,
            "identifier": "tweede",
            "owner": "XX99",
            "access_level": "geheim",
            "reviewed_on": "gisteren",
        },
        {**GOOD, "identifier": "derde", "title_nl": "", "themes": "onbekend-thema"},
        {**GOOD},  # duplicate identifier of row 2
    ]
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=_csv(rows), filename="f.csv")
    assert not report.written
    found = {(e.row, e.field) for e in report.errors}
    assert {
        (3, "owner"),
        (3, "access_level"),
        (3, "reviewed_on"),
        (4, "title_nl"),
        (4, "themes"),
        (5, "identifier"),
    } <= found
    assert report.rows[0].status == "niet verwerkt"
    assert not Factsheet.objects.filter(identifier="handhavingsregister-zwolle").exists()


def test_partial_import_stores_the_good_rows_only(analyst):
    rows = [GOOD, {**GOOD, "identifier": "kapot", "frequency": "soms"}]
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=_csv(rows), filename="f.csv", partial=True)
    assert [r.status for r in report.rows] == ["nieuw", "fout"]
    assert Factsheet.objects.filter(identifier="handhavingsregister-zwolle").exists()
    assert not Factsheet.objects.filter(identifier="kapot").exists()


def test_a_factsheet_of_another_organisation_cannot_be_overwritten(analyst):
    bag_title = Factsheet.objects.get(identifier="bag").title_nl
    report = factsheets_import_file(
        ctx=ctx_of(analyst), raw=_csv([{**GOOD, "identifier": "bag"}]), filename="f.csv", partial=True
    )
    assert report.errors[0].field == "identifier"
    assert Factsheet.objects.get(identifier="bag").title_nl == bag_title


def test_windows_1252_with_commas_is_read(analyst):
    row = {**GOOD, "title_nl": "Ontheffingen Zwolle café's", "personal_data_categories": "naam"}
    raw = _csv([row], delimiter=",", encoding="cp1252")
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=raw, filename="f.csv")
    assert not report.errors
    assert (
        Factsheet.objects.get(identifier="handhavingsregister-zwolle").title_nl
        == "Ontheffingen Zwolle café's"
    )


def test_xlsx_is_read(analyst):
    book = Workbook()
    sheet = book.active
    sheet.append(list(CSV_COLUMNS))
    sheet.append([GOOD.get(c, "") for c in CSV_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=buffer.getvalue(), filename="f.xlsx")
    assert not report.errors and report.rows[0].status == "nieuw"


def test_a_file_without_the_needed_columns_is_refused(analyst):
    with translation.override("nl"), pytest.raises(ImportFileError, match="Kolommen ontbreken"):
        factsheets_import_file(ctx=ctx_of(analyst), raw=b"naam;waarde\nx;y\n", filename="f.csv")


def test_the_import_page_shows_the_report(analyst):
    client = Client()
    login_verified(client, analyst)
    upload = io.BytesIO(_csv([{**GOOD, "owner": "XX99"}]))
    upload.name = "factsheets.csv"
    response = client.post("/factsheets/importeren", {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "owner: onbekende code" in html and "Niets opgeslagen" in html


def test_a_partial_import_that_stores_nothing_is_reported_as_failed(analyst):
    """Keeping the good rows of a file without any: nothing is stored, and the run, the report
    and the page say it failed (not "Verwerkt.")."""
    rows = [{**GOOD, "frequency": "soms"}, {**GOOD, "identifier": "tweede", "owner": "XX99"}]
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=_csv(rows), filename="f.csv", partial=True)
    assert report.status == "failed" and not report.written
    assert [r.status for r in report.rows] == ["fout", "fout"]
    client = Client()
    login_verified(client, analyst)
    upload = io.BytesIO(_csv(rows))
    upload.name = "factsheets.csv"
    with translation.override("nl"):
        response = client.post("/factsheets/importeren", {"file": upload, "partial": "on"})
    assert response.status_code == 400 and "Niets opgeslagen" in response.content.decode()


def test_a_partial_import_with_refused_rows_is_partial(analyst):
    rows = [GOOD, {**GOOD, "identifier": "kapot", "frequency": "soms"}]
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=_csv(rows), filename="f.csv", partial=True)
    assert report.status == "partial" and report.written
    assert report.run.report.refused == 1 and report.run.report.counts == {"opgeslagen": 1}


def test_any_delimiter_and_a_tab_separated_file_is_read(analyst):
    report = factsheets_import_file(ctx=ctx_of(analyst), raw=_csv([GOOD], delimiter="\t"), filename="f.csv")
    assert report.status == "ok" and report.rows[0].status == "nieuw"
