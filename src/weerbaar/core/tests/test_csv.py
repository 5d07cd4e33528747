"""Exports never hand a spreadsheet a formula."""

import pytest

from weerbaar.core.csv import csv_lines, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Jansen", "Jansen"),
        (-12.5, -12.5),
        (None, None),
    ],
)
def test_formula_cells_become_text(value, expected):
    assert safe_cell(value) == expected


def test_csv_lines_escape_header_and_cells():
    text = "".join(csv_lines(["naam", "=kop"], [["=1+1", 3]]))
    assert text.splitlines() == ["naam,'=kop", "'=1+1,3"]
