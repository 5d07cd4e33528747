"""Delimited text as partners send it: every delimiter, every encoding, BOMs, damage, decimal commas."""

import codecs
import csv
import io

import pytest

from weerbaar.importing import UNREADABLE, FileError
from weerbaar.importing.readers.text import SAMPLE, DelimitedReader, decimal, detect_encoding, sniff_delimiter

ROWS = [["id", "naam", "x"], ["1", "Café 't Hoekje", "203000,5"], ["2", "Zoë Ĳsselstein", "203001"]]


def _text(delimiter: str, rows=ROWS) -> str:
    """As spreadsheet programs write it: a value holding the delimiter is quoted."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
@pytest.mark.parametrize(
    ("encoding", "bom", "detected"),
    [
        ("utf-8", b"", "utf-8-sig"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_every_delimiter_and_encoding_gives_the_same_rows(tmp_path, delimiter, encoding, bom, detected):
    """The rows come out the same whatever the delimiter, encoding or BOM; the BOM is not part of the header."""
    rows = ROWS if encoding != "cp1252" else [[v.replace("Ĳ", "IJ") for v in r] for r in ROWS]
    path = tmp_path / "f.csv"
    path.write_bytes(bom + _text(delimiter, rows).encode(encoding))
    reader = DelimitedReader(path, required={"id", "naam", "x"})
    assert (reader.encoding, reader.delimiter, reader.header) == (detected, delimiter, ["id", "naam", "x"])
    assert list(reader) == [
        (2, {"id": "1", "naam": "Café 't Hoekje", "x": "203000,5"}),
        (3, {"id": "2", "naam": rows[2][1], "x": "203001"}),
    ]
    assert bool(reader.warnings) == (encoding == "cp1252")


def test_a_utf8_file_with_pasted_cp1252_lines_reads_both_and_names_the_lines(tmp_path):
    """cp1252 damage: a UTF-8 export into which someone pasted Windows-1252 lines. Each line is read
    in its own encoding (not the whole file as cp1252, which would garble the UTF-8 ones), and the
    report names the lines that were Windows-1252."""
    path = tmp_path / "gemengd.csv"
    path.write_bytes(
        "id;naam\n1;Café UTF-8\n".encode() + "2;Café cp1252\n".encode("cp1252") + "3;Zoë\n".encode()
    )
    reader = DelimitedReader(path)
    assert [row["naam"] for _n, row in reader] == ["Café UTF-8", "Café cp1252", "Zoë"]
    assert any("regels in Windows-1252 (3)" in w for w in reader.warnings)


def test_bytes_that_are_neither_utf8_nor_cp1252_are_a_file_error_naming_the_line(tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_bytes(b"id;naam\n1;goed\n2;\x81\x8d\n")
    with pytest.raises(FileError, match="regel 3 is geen UTF-8 en geen Windows-1252"):
        list(DelimitedReader(path))


def test_a_declared_encoding_that_does_not_fit_is_a_file_error(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("naam;x\nCafé;1\n".encode("utf-16"))
    with pytest.raises(FileError, match="codering UTF-8") as error:
        list(DelimitedReader(path, encoding="utf-8"))
    assert error.value.code == "encoding"


def test_missing_columns_are_named_with_the_delimiter(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("id;naam\n1;a\n", encoding="utf-8")
    with pytest.raises(FileError) as error:
        DelimitedReader(path, required={"id", "postcode", "huisnummer"})
    assert str(error.value) == "kolommen ontbreken: huisnummer, postcode (scheidingsteken ';')"
    assert error.value.code == "columns" and error.value.params["missing"] == ["huisnummer", "postcode"]


def test_decimal_commas_in_a_semicolon_file_do_not_fool_the_sniffer(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("x;y\n203000,5;503000,25\n203001,5;503001,25\n", encoding="utf-8")
    reader = DelimitedReader(path)
    assert reader.delimiter == ";"
    assert [decimal(row["x"]) for _n, row in reader] == [203000.5, 203001.5]


def test_the_required_columns_decide_when_the_sniffer_cannot():
    """One header line, no data: the sniffer guesses; the delimiter giving the required columns wins."""
    assert sniff_delimiter("a,b|c", "a,b|c", {"a", "b|c"}) == ","
    assert sniff_delimiter("a,b|c", "a,b|c", {"a,b", "c"}) == "|"
    assert sniff_delimiter("enkel", "enkel") == ";"


def test_quoted_values_keep_their_delimiters_and_line_numbers_count_physical_lines(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('id,naam\n1,"Berg, van den"\n2,"twee\nregels"\n\n3,drie\n', encoding="utf-8")
    assert list(DelimitedReader(path)) == [
        (2, {"id": "1", "naam": "Berg, van den"}),
        (4, {"id": "2", "naam": "twee\nregels"}),
        (6, {"id": "3", "naam": "drie"}),
    ]


def test_a_row_with_the_wrong_number_of_fields_is_reported_or_padded(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a;b;c\n1;2\n1;2;3;4\n1;2;3;;\n", encoding="utf-8")
    assert list(DelimitedReader(path)) == [
        (2, {UNREADABLE: "2 velden, verwacht 3"}),
        (3, {UNREADABLE: "4 velden, verwacht 3"}),
        (4, {"a": "1", "b": "2", "c": "3"}),  # trailing delimiters are no extra fields
    ]
    padded = list(DelimitedReader(path, ragged=True))
    assert padded[0] == (2, {"a": "1", "b": "2", "c": ""}) and padded[1][1] == {"a": "1", "b": "2", "c": "3"}


def test_header_case_and_spaces(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(" Persoon_ID ; Naam \n 7 ; Jan \n", encoding="utf-8")
    assert list(DelimitedReader(path)) == [(2, {"persoon_id": "7", "naam": "Jan"})]
    assert list(DelimitedReader(path, lower=False, strip=False)) == [
        (2, {"Persoon_ID": " 7 ", "Naam": " Jan "})
    ]


def test_an_empty_file_and_bytes_in_memory(tmp_path):
    with pytest.raises(FileError, match="leeg"):
        DelimitedReader(b"")
    assert list(DelimitedReader("id|naam\n1|a\n".encode("cp1252"))) == [(2, {"id": "1", "naam": "a"})]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("208221,182", 208221.182),
        ("208221.182", 208221.182),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("", None),
        (7, 7.0),
    ],
)
def test_decimal(text, value):
    assert decimal(text) == value


def test_detect_encoding_reads_the_whole_file(tmp_path):
    """A Windows-1252 byte far beyond the first lines still makes the file cp1252."""
    path = tmp_path / "lang.csv"
    path.write_bytes(b"id;naam\n" + b"1;a\n" * 400_000 + "2;é\n".encode("cp1252"))
    assert detect_encoding(path) == "cp1252"


def test_old_mac_line_ends_in_both_encodings(tmp_path):
    for encoding in ("utf-8", "cp1252"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes("id;naam\r1;Café\r2;b\r".encode(encoding))
        assert list(DelimitedReader(path)) == [
            (2, {"id": "1", "naam": "Café"}),
            (3, {"id": "2", "naam": "b"}),
        ]


def test_a_sample_cut_halfway_a_character_is_no_error(tmp_path):
    """The header check reads 64 KB; a UTF-8 character cut at that boundary is not a broken file."""
    path = tmp_path / "f.csv"
    line = "1;\u2041\u2041\u2041\n".encode()
    body = line * (SAMPLE // len(line) + 10)
    path.write_bytes(b"id;naam\n" + body + "2;é\n".encode("cp1252"))
    reader = DelimitedReader(path)
    assert reader.encoding == "cp1252" and sum(1 for _ in reader) == body.count(b"\n") + 1
