"""Run records, progress adapters and the importer registry."""

import hashlib

import pytest

from weerbaar.importing import (
    FileError,
    Importer,
    ImporterRegistry,
    Report,
    RunRecord,
    RunStatus,
    as_progress,
    cli_progress,
    file_sha256,
    outcome,
)
from weerbaar.importing.progress import throttled


def test_outcome_from_the_report_and_what_was_stored():
    bad = Report()
    bad.add_row(3, [("postcode", "fout")])
    broken = Report()
    broken.fail(FileError("kolommen ontbreken: x", code="columns"))
    assert outcome(Report(), stored=0) == RunStatus.OK  # an empty file is no failure
    assert outcome(bad, stored=0) == RunStatus.FAILED
    assert outcome(bad, stored=5) == RunStatus.PARTIAL
    assert outcome(broken, stored=0) == RunStatus.FAILED


def test_a_run_that_broke_off_is_failed_with_the_reason():
    run = RunRecord(importer="x", source="a.csv")
    run.report.rows = 7
    run.broke_off(OSError("schijf vol"))
    record = run.as_dict()
    assert record["status"] == "failed" and record["rows"] == 7
    assert record["problems"] == [
        {"row": 0, "field": "", "message": "import afgebroken: OSError: schijf vol"}
    ]


def test_file_sha256(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"id\n1\n")
    assert file_sha256(path) == hashlib.sha256(b"id\n1\n").hexdigest()
    path.write_bytes(b"id\n2\n")  # a new version of the file is hashed again
    assert file_sha256(path) == hashlib.sha256(b"id\n2\n").hexdigest()


def test_progress_adapters():
    calls = []
    legacy = as_progress(lambda done, total: calls.append((done, total)))
    legacy("controleren", 5, 0)  # the older form only hears the storing
    legacy("opslaan", 3, 10)
    as_progress(lambda phase, done, total: calls.append((phase, done, total)))("lezen", 1, 2)
    assert calls == [(3, 10), ("lezen", 1, 2)] and as_progress(None) is None
    seen = []
    slow = throttled(lambda *a: seen.append(a), 3600)
    for done in range(1, 6):
        slow("opslaan", done, 5)
    assert seen == [("opslaan", 1, 5), ("opslaan", 5, 5)]
    with cli_progress(quiet=True) as progress:
        progress("controleren", 10, 0)
        progress("controleren", 20, 40)


def test_the_registry_names_recognises_and_lists():
    registry = ImporterRegistry("proef")

    @registry.register("csv-proef")
    class Proef(Importer):
        label = "Proef (CSV)"

        def matches(self, path):
            return path.suffix == ".csv"

    assert Proef.name == "csv-proef" and registry.choices() == [("csv-proef", "csv-proef — Proef (CSV)")]
    assert isinstance(registry.recognise(__import__("pathlib").Path("a.csv")), Proef)
    assert registry.recognise(__import__("pathlib").Path("a.xlsx")) is None
    with pytest.raises(ValueError, match="already registered"):
        registry.register("csv-proef")(Proef)
