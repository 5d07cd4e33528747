"""XLSX as people save it: empty rows above, between and below the data, dates, a broken file."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from weerbaar.importing import FileError
from weerbaar.importing.readers.xlsx import XlsxReader


def _workbook(rows, title=None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.title = title
    for number, values in rows:
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_empty_rows_are_skipped_and_the_rest_keep_their_spreadsheet_numbers(tmp_path):
    path = tmp_path / "personen.xlsx"
    path.write_bytes(
        _workbook(
            [
                (2, [" Persoon_ID ", "Naam", "Geboortedatum", None]),
                (3, [1, "  Jan ", dt.datetime(1970, 5, 1), None]),
                (4, [None, "   ", None, None]),
                (6, [2, "Piet", None, None]),
                (9, [None, None, None, None]),
            ]
        )
    )
    reader = XlsxReader(path, required={"persoon_id", "naam"})
    assert reader.header_row == 2 and reader.header == ["persoon_id", "naam", "geboortedatum", ""]
    assert list(reader) == [
        (3, {"persoon_id": 1, "naam": "Jan", "geboortedatum": dt.datetime(1970, 5, 1)}),
        (6, {"persoon_id": 2, "naam": "Piet", "geboortedatum": ""}),
    ]


def test_missing_columns_an_empty_sheet_and_a_named_sheet():
    raw = _workbook([(1, ["id", "naam"]), (2, [1, "a"])], title="Blad1")
    with pytest.raises(FileError, match="kolommen ontbreken: postcode") as error:
        XlsxReader(raw, required={"id", "postcode"})
    assert error.value.params["missing"] == ["postcode"]
    with pytest.raises(FileError, match="werkblad 'Adressen' ontbreekt"):
        XlsxReader(raw, sheet="Adressen")
    assert list(XlsxReader(raw, sheet="Blad1", lower=False)) == [(2, {"id": 1, "naam": "a"})]
    with pytest.raises(FileError, match="leeg"):
        XlsxReader(_workbook([]))


def test_a_file_that_is_no_workbook_is_a_file_error():
    with pytest.raises(FileError, match="geen leesbaar XLSX-bestand") as error:
        XlsxReader(b"id;naam\n1;a\n")
    assert error.value.code == "unreadable" and error.value.params["error"]
