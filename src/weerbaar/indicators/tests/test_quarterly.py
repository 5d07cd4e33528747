"""The quarterly reports for the DVO: made by the worker once per finished quarter (every
municipality and the province, nl and de), kept, listed per quarter and served as stored. A stored
report's figures are the live report's for that quarter, as a visitor reads it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from weerbaar.core.testing import pdf_text
from weerbaar.jobs.models import Job, State
from weerbaar.jobs.registry import periodic_tasks
from weerbaar.jobs.testing import run_queued_jobs
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context

from ..models import Indicator, IndicatorValue, QuarterlyReport, QuarterlyReportRun
from ..quarters import Quarter
from ..services import QUARTERLY_JOB, cbs_criminaliteit_load, quarterly_reports_due, quarterly_reports_make

PLATFORM = command_context(command="test")
pytestmark = pytest.mark.django_db(databases="__all__")
#: 25 municipalities and the province, each in Dutch and German
EXPECTED = 26 * 2


@pytest.fixture
def figures(region):
    cbs_criminaliteit_load(ctx=PLATFORM, owner=Organisation.objects.get(kind=OrganisationKind.PROVINCIE))


def _worker_turn(django_capture_on_commit_callbacks) -> int:
    """One turn of the worker as it runs in production: its periodic tasks, then the queue;
    returns how many quarterly-report jobs it queued (other periodic tasks queue their own)."""
    before = Job.objects.filter(kind=QUARTERLY_JOB).count()
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_jobs()
    run_queued_jobs()
    return Job.objects.filter(kind=QUARTERLY_JOB).count() - before


def test_quarters_are_named_and_bounded():
    """The last finished quarter of a date, its first and last day; a malformed code is refused."""
    assert Quarter.last_finished(dt.date(2026, 12, 3)) == Quarter(2026, 3)
    assert Quarter.last_finished(dt.date(2027, 1, 1)) == Quarter(2026, 4)
    assert Quarter.last_finished(dt.date(2026, 4, 1)) == Quarter(2026, 1)
    assert (Quarter(2026, 4).start, Quarter(2026, 4).end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Quarter(2024, 1).end == dt.date(2024, 3, 31) and Quarter.parse("2026-2") == Quarter(2026, 2)
    for bad in ("2026-5", "2026K3", "26-1", ""):
        with pytest.raises(ValueError):
            Quarter.parse(bad)


def test_the_worker_makes_the_last_quarters_reports_once(figures, django_capture_on_commit_callbacks):
    """The registered periodic task queues one job for the quarter that ended last; the worker makes
    every report in nl and de; later turns of the worker queue nothing and change nothing."""
    assert dict(periodic_tasks.items())["indicators-kwartaalrapporten"] is quarterly_reports_due
    assert _worker_turn(django_capture_on_commit_callbacks) == 1
    quarter = Quarter.last_finished(timezone.localdate())
    job = Job.objects.get(kind=QUARTERLY_JOB)
    assert job.state == State.DONE and job.payload == {"kwartaal": quarter.code}, job.message
    assert job.result == {"rapporten": EXPECTED}
    stored = QuarterlyReport.objects.filter(run__year=quarter.year, run__quarter=quarter.number)
    assert stored.count() == EXPECTED
    codes = set(stored.values_list("area_code", flat=True))
    assert len(codes) == 26 and {"GM0193", "GM0153"} <= codes and any(c.startswith("PV") for c in codes)
    assert set(stored.values_list("language", flat=True)) == {"nl", "de"}
    made = dict(stored.values_list("pk", "made_at"))

    assert _worker_turn(django_capture_on_commit_callbacks) == 0  # idempotent: nothing queued
    assert Job.objects.filter(kind=QUARTERLY_JOB).count() == 1
    assert dict(QuarterlyReport.objects.values_list("pk", "made_at")) == made
    assert quarterly_reports_make(ctx=PLATFORM, quarter=quarter) == 0


def test_a_stored_report_equals_the_live_report_of_its_quarter(figures, client):
    """For the quarter, the stored PDF (nl and de, municipality and province) reads exactly as the
    live PDF of that quarter for a visitor; a figure of a later period is in neither, and a count
    below the threshold is '< 5' in both."""
    quarter = Quarter(2024, 4)
    later = Indicator.objects.get(key="cbs-brengdelicten")
    IndicatorValue.objects.create(
        indicator=later,
        area_code="GM0193",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        value=Decimal(98765),
    )
    IndicatorValue.objects.create(
        indicator=later,
        area_code="GM0177",
        period_start=dt.date(2024, 10, 1),
        period_end=dt.date(2024, 12, 31),
        value=Decimal(3),
    )
    assert quarterly_reports_make(ctx=PLATFORM, quarter=quarter) == EXPECTED
    province = QuarterlyReport.objects.filter(area_code__startswith="PV").values_list("area_code", flat=True)[
        0
    ]
    for code, language in [("GM0193", "nl"), ("GM0193", "de"), ("GM0177", "nl"), (province, "de")]:
        stored = QuarterlyReport.objects.get(
            area_code=code, language=language, run__year=2024, run__quarter=4
        )
        url = "/indicatoren/provincie.pdf" if code == province else f"/indicatoren/gemeente/{code}.pdf"
        live = client.get(f"{url}?taal={language}&kwartaal=2024-4")
        assert live.status_code == 200
        text = pdf_text(bytes(stored.pdf))
        assert text == pdf_text(live.content), (code, language)
        assert "98765" not in text and "98.765" not in text
        assert {"nl": "4e kwartaal 2024", "de": "4. Quartal 2024"}[language] in text
    assert "98.765" in pdf_text(client.get("/indicatoren/gemeente/GM0193.pdf?taal=nl").content)
    raalte = pdf_text(bytes(QuarterlyReport.objects.get(area_code="GM0177", language="nl").pdf))
    assert "< 5" in raalte  # Raalte's 3 of the quarter, as the live report shows it


def test_the_archive_lists_each_quarter_and_serves_the_stored_pdfs(figures, client):
    """The archive page names the quarter and links every report; a link gives the stored bytes;
    an unknown quarter, area or language is a 404. The dashboard links the archive."""
    quarterly_reports_make(ctx=PLATFORM, quarter=Quarter(2026, 3))
    page = client.get("/indicatoren/kwartaalrapporten/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "3e kwartaal 2026" in html and "Zwolle" in html and "Overijssel" in html
    assert html.count("/indicatoren/kwartaalrapporten/2026-3/") == EXPECTED
    stored = QuarterlyReport.objects.get(area_code="GM0193", language="de")
    response = client.get("/indicatoren/kwartaalrapporten/2026-3/GM0193.pdf?taal=de")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(stored.pdf)
    for url in (
        "/indicatoren/kwartaalrapporten/2026-2/GM0193.pdf?taal=nl",
        "/indicatoren/kwartaalrapporten/2026-9/GM0193.pdf?taal=nl",
        "/indicatoren/kwartaalrapporten/2026-3/GM9999.pdf?taal=nl",
        "/indicatoren/kwartaalrapporten/2026-3/GM0193.pdf?taal=en",
        "/indicatoren/gemeente/GM0193.pdf?kwartaal=2026K3",
    ):
        assert client.get(url).status_code == 404, url
    assert "/indicatoren/kwartaalrapporten/" in client.get("/indicatoren/dashboard/").content.decode()
    client.cookies["weerbaar_language"] = "de"
    german = client.get("/indicatoren/kwartaalrapporten/").content.decode()
    assert "3. Quartal 2026" in german and "PDF, Niederländisch" in german
    for dutch in ("3e kwartaal", "Kwartaalrapporten", "PDF, Nederlands", "Na elk kwartaal"):
        assert dutch not in german, dutch


def test_a_failed_run_stores_nothing_and_is_queued_again_later(
    figures, monkeypatch, django_capture_on_commit_callbacks
):
    """A run that breaks off mid-way keeps no report and the quarter open; the periodic task leaves
    it alone while the job may still run, and queues it again once that time has passed."""
    from .. import report

    made = {"n": 0}
    real = report.municipality_report

    def breaks_at_the_tenth(**kwargs):
        made["n"] += 1
        if made["n"] == 10:
            raise RuntimeError("schijf vol")
        return real(**kwargs)

    monkeypatch.setattr(report, "municipality_report", breaks_at_the_tenth)
    _worker_turn(django_capture_on_commit_callbacks)
    job = Job.objects.get(kind=QUARTERLY_JOB)
    assert job.state == State.FAILED
    assert not QuarterlyReport.objects.exists()
    run = QuarterlyReportRun.objects.get()
    assert run.completed_at is None
    assert quarterly_reports_due() is None  # queued less than an hour ago
    QuarterlyReportRun.objects.update(queued_at=timezone.now() - dt.timedelta(hours=2))
    monkeypatch.setattr(report, "municipality_report", real)
    _worker_turn(django_capture_on_commit_callbacks)
    assert QuarterlyReport.objects.count() == EXPECTED
    assert Job.objects.filter(kind=QUARTERLY_JOB, state=State.DONE).count() == 1
