"""The checks every importer gets: problems per row and field, repeated keys, the failure
policies, the report's cap, progress, and the columnar chunk check."""

import re

import numpy as np
import pyarrow as pa
import pytest

from weerbaar.importing import (
    CHECKING,
    FailurePolicy,
    Importer,
    Report,
    RowError,
    RunRecord,
    RunStatus,
    SeenKeys,
    check_chunk,
    checked_rows,
)
from weerbaar.importing import checking as checking_module
from weerbaar.importing.readers.text import delimited_rows

POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}\Z")


class Adressen(Importer):
    """A small importer as an app would write it: id, postcode, huisnummer; the address is unique too."""

    name = "adressen"
    key_field = "id"

    def rows(self, path):
        return delimited_rows(path, {"id", "postcode", "huisnummer"})

    def clean(self, raw):
        problems = []
        postcode = raw["postcode"].replace(" ", "").upper()
        if not POSTCODE.match(postcode):
            problems.append(("postcode", f"{raw['postcode']!r} is geen postcode"))
        try:
            huisnummer = int(raw["huisnummer"])
        except ValueError:
            problems.append(("huisnummer", f"{raw['huisnummer']!r} is geen getal"))
        if problems:
            raise RowError(problems)
        return {"id": raw["id"], "adres": f"{postcode}|{huisnummer}"}

    def extra_keys(self, cleaned):
        return [("adres", cleaned["adres"])]


GOOD = "id;postcode;huisnummer\n1;8011 AB;1\n2;8011AB;2\n3;8011ab;3\n"
BAD = "id;postcode;huisnummer\n1;8011 AB;1\n2;801;twee\n3;8011AB;3\n1;8011AB;4\n4;8011AB;1\n5;8011AB\n"


def _csv(tmp_path, text):
    path = tmp_path / "adressen.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_names_its_row_and_field(tmp_path):
    report = Report()
    good = list(checked_rows(Adressen(), _csv(tmp_path, BAD), report))
    assert [row for row, _ in good] == [2, 4]
    assert [(p.row, p.field, p.message) for p in report.problems] == [
        (3, "postcode", "'801' is geen postcode"),
        (3, "huisnummer", "'twee' is geen getal"),
        (5, "id", "dubbele waarde '1', ook in rij 2"),
        (6, "adres", "dubbele waarde '8011AB|1', ook in rij 2"),
        (7, "", "2 velden, verwacht 3"),
    ]
    assert (report.rows, report.refused, report.total_problems) == (6, 4, 5)


def test_a_repeat_without_the_earlier_row_when_the_importer_keeps_a_set(tmp_path):
    class Groot(Adressen):
        name_first_row = False

    report = Report()
    list(checked_rows(Groot(), _csv(tmp_path, BAD), report))
    assert "dubbele waarde '1'" in [p.message for p in report.problems]


def _run(importer, path):
    """What a service does under the importer's policy: store all, the valid rows, or nothing."""
    run = RunRecord(importer=importer.name, source=path.name, policy=importer.policy)
    good = [cleaned for _row, cleaned in checked_rows(importer, path, run.report)]
    keep = importer.policy == FailurePolicy.KEEP_VALID_ROWS or run.report.ok
    stored = good if keep and run.report.file_error is None else []
    run.finish(stored=len(stored))
    return run, [c["id"] for c in stored]


@pytest.mark.parametrize(
    ("policy", "text", "status", "stored"),
    [
        (FailurePolicy.ALL_OR_NOTHING, GOOD, RunStatus.OK, ["1", "2", "3"]),
        (FailurePolicy.ALL_OR_NOTHING, BAD, RunStatus.FAILED, []),
        (FailurePolicy.KEEP_VALID_ROWS, GOOD, RunStatus.OK, ["1", "2", "3"]),
        (FailurePolicy.KEEP_VALID_ROWS, BAD, RunStatus.PARTIAL, ["1", "3"]),
        (FailurePolicy.KEEP_VALID_ROWS, "id;postcode;huisnummer\n1;x;1\n", RunStatus.FAILED, []),
        (FailurePolicy.KEEP_VALID_ROWS, "id;naam\n1;x\n", RunStatus.FAILED, []),
    ],
)
def test_all_or_nothing_and_keep_valid_rows(tmp_path, policy, text, status, stored):
    importer = Adressen()
    importer.policy = policy
    run, kept = _run(importer, _csv(tmp_path, text))
    assert (run.status, kept) == (status, stored)
    assert run.as_dict()["status"] == status and run.finished is not None


def test_a_file_error_ends_the_run_and_comes_first_in_the_report(tmp_path):
    report = Report()
    assert list(checked_rows(Adressen(), _csv(tmp_path, "id;naam\n1;x\n"), report)) == []
    assert report.file_error is not None and report.failure.code == "columns"
    assert report.problems[0].row == 0 and "huisnummer, postcode" in report.problems[0].message


def test_a_file_error_halfway_keeps_what_was_read_and_fails_the_run(tmp_path):
    """A broken line beyond what the header check looks at (64 KB) is found while reading."""
    path = tmp_path / "a.csv"
    rows = "".join(f"{i};8011AB;{i}\n" for i in range(1, 6001)).encode()
    path.write_bytes(b"id;postcode;huisnummer\n" + rows + b"6001;8011AB;\x81\x8d\n")
    report = Report()
    assert len(list(checked_rows(Adressen(), path, report))) == 6000
    assert report.file_error.message.startswith("regel 6002 is geen UTF-8 en geen Windows-1252")


def test_the_report_keeps_the_first_problems_and_counts_all(tmp_path):
    text = "id;postcode;huisnummer\n" + "".join(f"{i};x;{i}\n" for i in range(1, 6))
    report = Report(limit=3)
    list(checked_rows(Adressen(), _csv(tmp_path, text), report))
    assert [p.row for p in report.problems] == [2, 3, 4] and report.total_problems == 5
    assert report.as_list()[-1] == {"row": 0, "field": "", "message": "en nog 2 fouten"}


def test_progress_is_reported_while_checking(tmp_path, monkeypatch):
    monkeypatch.setattr(checking_module, "PROGRESS_EVERY", 2)
    calls = []
    report = Report()
    list(
        checked_rows(
            Adressen(),
            _csv(tmp_path, GOOD + "4;8011AB;4\n"),
            report,
            progress=lambda *a: calls.append(a),
            total=4,
        )
    )
    assert calls == [(CHECKING, 2, 4), (CHECKING, 4, 4)]


class _Chunk:
    """What a columnar reader hands over: fids, len() and row(i) for the per-row clean."""

    def __init__(self, fids, ids, postcodes):
        self.fids = np.array(fids)
        self.ids, self.postcodes = ids, postcodes

    def __len__(self):
        return len(self.fids)

    def row(self, i):
        return {"id": self.ids[i], "postcode": self.postcodes[i], "huisnummer": "1"}


class ColumnarAdressen(Adressen):
    columnar = True

    def clean_chunk(self, chunk):
        postcodes = [p.replace(" ", "").upper() for p in chunk.postcodes]
        suspect = np.array(
            [not POSTCODE.match(p) or " " in raw for p, raw in zip(postcodes, chunk.postcodes)]
        )
        values = {"id": pa.array(chunk.ids), "adres": pa.array([f"{p}|1" for p in postcodes])}
        return values, suspect

    def extra_keys(self, cleaned):
        return []


def test_check_chunk_sends_suspect_rows_through_clean_and_finds_repeats_across_chunks():
    importer, seen, report = ColumnarAdressen(), SeenKeys(), Report()
    values, good = check_chunk(
        importer, _Chunk([1, 2, 3], ["a", "b", "c"], ["8011AB", "8011 ab", "99"]), seen, report
    )
    assert good.tolist() == [True, True, False] and values["adres"][1] == "8011AB|1"
    _values, good = check_chunk(importer, _Chunk([4, 5], ["d", "a"], ["8011AB", "8011AB"]), seen, report)
    assert good.tolist() == [True, False]
    assert [(p.row, p.field, p.message) for p in report.problems] == [
        (3, "postcode", "'99' is geen postcode"),
        (5, "id", "dubbele waarde 'a'"),
    ]
    assert (report.rows, report.refused) == (5, 2)
