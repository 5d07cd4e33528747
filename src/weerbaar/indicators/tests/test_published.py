"""The stored published figures (indicators.published): made once per data version, never stale
after a write, never holding or serving a figure that suppression hides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.importing import RunStatus
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.testing import ctx_of

from .. import tables
from ..models import Indicator, IndicatorValue, PublishedTable, PublishedValue, Refresh
from ..published import values_changed
from ..services import indicator_values_import, published_figures_make

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def province(region):
    return Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).first()


def _indicator(province, key: str, **extra) -> Indicator:
    return Indicator.objects.create(
        key=key,
        name_nl=key,
        definition="d",
        unit="aantal",
        source="Bron: test",
        owner=province,
        refresh=Refresh.JAARLIJKS,
        access_level=AccessLevel.OPENBAAR,
        **extra,
    )


@pytest.fixture
def small(province):
    """A count over the province and four municipalities: Almelo (GM0141) has 3."""
    indicator = _indicator(province, "test-aantallen")
    for code, value in {"PV23": 80, "GM0141": 3, "GM0153": 17, "GM0193": 20, "GM0150": 40}.items():
        IndicatorValue.objects.create(
            indicator=indicator,
            area_code=code,
            period_start=YEAR[0],
            period_end=YEAR[1],
            value=Decimal(value),
        )
    return indicator


def public(client: Client, key: str = "test-aantallen") -> dict[str, dict]:
    body = client.get(f"/api/v1/indicatoren/{key}/waarden?niveau=GM").json()
    return {v["gebiedscode"]: v for v in body["waarden"]}


def test_an_import_makes_the_published_figures_again_before_the_next_read(client, small):
    """A public read stores the published table; a value import right after changes Zwolle (GM0193)
    from 20 to 4 and adds Hardenberg (GM0160) with 2: the very next public read shows both as
    "< 5" with no value, and no read serves Zwolle's old 20 or the new small figures."""
    before = public(client)
    assert before["GM0141"]["weergave"] == "< 5"
    made_from = PublishedTable.objects.get(indicator=small).made_from
    analist = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    raw = b"indicator;gebiedscode;periode;waarde\ntest-aantallen;GM0193;2023JJ00;4\ntest-aantallen;GM0160;2023JJ00;2\n"
    report = indicator_values_import(ctx=ctx_of(analist), raw=raw, filename="waarden.csv")
    assert report.status == RunStatus.OK
    after = public(client)
    for code in ("GM0193", "GM0160"):
        assert after[code]["weergave"] == "< 5" and after[code]["waarde"] is None, code
        assert after[code]["onderdrukt"] == "primair"
    assert all(v["weergave"] != "20" for v in after.values())
    assert PublishedTable.objects.get(indicator=small).made_from != made_from
    # the stored table itself holds no count below the threshold, nor any suppressed figure
    assert not PublishedValue.objects.filter(indicator=small, is_count=True, value__lt=5).exists()
    assert (
        not PublishedValue.objects.filter(indicator=small).exclude(suppressed="").exclude(value=None).exists()
    )


def test_a_rate_is_held_back_again_when_the_count_it_follows_changes(client, small, province):
    """A rate that follows the count is held back wherever the count is suppressed; an import that
    makes Zwolle's count small holds Zwolle's rate back on the next read (the rate's stored table
    depends on the count's version too), although the rate's own values did not change."""
    rate = _indicator(province, "test-per-1000", follows=small)
    for code in ("GM0141", "GM0153", "GM0193", "GM0150"):
        IndicatorValue.objects.create(
            indicator=rate,
            area_code=code,
            period_start=YEAR[0],
            period_end=YEAR[1],
            value=Decimal("1.5"),
            is_count=False,
        )
    assert public(client, "test-per-1000")["GM0193"]["weergave"] == "1.5"
    assert public(client, "test-per-1000")["GM0141"]["weergave"] == "×"
    analist = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    raw = b"indicator;gebiedscode;periode;waarde\ntest-aantallen;GM0193;2023JJ00;4\n"
    assert indicator_values_import(ctx=ctx_of(analist), raw=raw, filename="w.csv").status == RunStatus.OK
    shown = public(client, "test-per-1000")["GM0193"]
    assert shown["weergave"] == "×" and shown["waarde"] is None


def test_the_stored_table_never_serves_shielded_figures_to_the_public(client, small):
    """A cleared analyst's read (shielded: Almelo's 3) comes before and after the anonymous reads:
    the anonymous user gets "< 5" either way, the analyst 3 either way, and the stored published
    table holds no 3 for Almelo that a read could hand out."""
    analyst = Client()
    login_verified(analyst, make_user(Role.GEMEENTELIJK_ANALIST, "GM0141"))
    assert public(analyst)["GM0141"]["weergave"] == "3"
    shown = public(client)["GM0141"]
    assert shown["weergave"] == "< 5" and shown["waarde"] is None
    assert Decimal(public(analyst)["GM0141"]["waarde"]) == 3
    stored = PublishedValue.objects.get(indicator=small, area_code="GM0141")
    assert stored.value is None and stored.shown == "< 5"


def test_the_worker_publishes_changed_indicators_in_the_background(small, django_capture_on_commit_callbacks):
    """After a write the periodic task queues one job for the stale indicators (not a second while
    it is queued); the job stores the protected table, so the next read makes nothing; then the
    task finds nothing to do until the values change again."""
    from weerbaar.jobs.models import Job, State
    from weerbaar.jobs.registry import periodic_tasks
    from weerbaar.jobs.testing import run_queued_jobs

    from ..services import PUBLISH_JOB, published_figures_due
    from ..services.publishing import stale_indicators

    assert dict(periodic_tasks.items())["indicators-publiceren"] is published_figures_due
    assert small.pk in stale_indicators()
    with django_capture_on_commit_callbacks(execute=True):
        queued = published_figures_due()
    assert small.pk in queued
    assert published_figures_due() == []  # one job at a time
    run_queued_jobs()
    job = Job.objects.get(kind=PUBLISH_JOB)
    assert job.state == State.DONE and job.result["cellen"] >= 5, job.message
    assert stale_indicators() == []
    stored = dict(PublishedValue.objects.filter(indicator=small).values_list("area_code", "shown"))
    assert stored["GM0141"] == "< 5"  # primary, and one of its siblings secondary
    assert any(stored[code] == "×" for code in ("GM0153", "GM0193", "GM0150")), stored
    made = PublishedTable.objects.get(indicator=small).made_from
    assert Client().get("/api/v1/indicatoren/test-aantallen/waarden?niveau=GM").status_code == 200
    assert PublishedTable.objects.get(indicator=small).made_from == made  # read, not made again

    IndicatorValue.objects.filter(indicator=small, area_code="GM0141").update(value=Decimal(9))
    values_changed(indicator_ids=[small.pk])  # as every bulk write does
    assert stale_indicators() == [small.pk]


def test_the_latest_period_is_that_of_the_areas_asked_for(small):
    """The latest period with a value of the areas asked for: a later period of other areas does
    not count, of two periods with one start the longer one counts, `until` leaves later ends out."""
    from ..selectors import indicator_latest_period

    def add(code: str, start: dt.date, end: dt.date) -> None:
        IndicatorValue.objects.create(
            indicator=small, area_code=code, period_start=start, period_end=end, value=Decimal(7)
        )

    add("GM0153", dt.date(2024, 1, 1), dt.date(2024, 3, 31))  # only Enschede in 2024
    add("GM0141", dt.date(2023, 1, 1), dt.date(2023, 3, 31))  # Almelo: a quarter besides the year
    ctx = ctx_of(None)
    latest = indicator_latest_period
    assert latest(ctx=ctx, indicator=small, area_codes=["GM0153"]) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 3, 31),
    )
    assert latest(ctx=ctx, indicator=small, area_codes=["GM0141"]) == YEAR
    assert latest(ctx=ctx, indicator=small, area_codes=["GM0141"], until=dt.date(2023, 6, 30)) == (
        dt.date(2023, 1, 1),
        dt.date(2023, 3, 31),
    )
    assert latest(ctx=ctx, indicator=small, area_codes=["GM1234"]) is None
    assert latest(ctx=ctx, indicator=small, within="GM0141") is None  # no wijken or buurten


def _download(client: Client, key: str = "test-aantallen") -> list[str]:
    response = client.get(f"/indicatoren/{key}.csv")
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode().splitlines()


def test_the_whole_table_download_is_the_file_of_the_current_table(client, small, media_root):
    """The file the publishing job wrote is what the public downloads, line for line the
    published cells; a write of values makes a new table and file, and the old file goes."""
    published_figures_make(indicator_ids=[small.pk])
    files = sorted(p.name for p in (media_root / tables.DIRECTORY).iterdir())
    assert [n.split("-")[1] for n in files] == ["afgeschermd", "publiek"]  # one making, both kinds
    lines = _download(client)
    assert lines[0].startswith("gebiedscode,") and lines[-1] == "Bron: test"
    assert "GM0141,2023-01-01,2023-12-31,< 5," in lines
    assert not any(",3," in line for line in lines)
    shown = {v["gebiedscode"]: v["weergave"] for v in public(client).values()}
    body = {line.split(",")[0]: line.split(",")[3] for line in lines[1:-1]}
    assert {c: s for c, s in body.items() if c.startswith("GM")} == shown

    IndicatorValue.objects.filter(indicator=small, area_code="GM0141").update(value=Decimal(9))
    IndicatorValue.objects.filter(indicator=small, area_code="PV23").update(value=Decimal(86))
    values_changed(indicator_ids=[small.pk])
    lines = _download(client)
    assert "GM0141,2023-01-01,2023-12-31,9," in lines  # not the stale "< 5"
    now = sorted(p.name for p in (media_root / tables.DIRECTORY).iterdir())
    assert len(now) == 2 and not set(now) & set(files)


def test_the_shielded_download_has_the_stored_values_and_the_public_one_never(client, small):
    published_figures_make(indicator_ids=[small.pk])
    analist = make_user(Role.RIEC_ANALIST, "RIEC-ON")
    shielded = Client()
    login_verified(shielded, analist)
    assert "GM0141,2023-01-01,2023-12-31,3," in _download(shielded)
    assert "GM0141,2023-01-01,2023-12-31,< 5," in _download(client)


def test_a_missing_file_is_written_again_from_the_stored_table(client, small, media_root):
    published_figures_make(indicator_ids=[small.pk])
    for file in (media_root / tables.DIRECTORY).iterdir():
        file.unlink()
    assert "GM0141,2023-01-01,2023-12-31,< 5," in _download(client)


def test_a_failed_file_write_leaves_the_previous_table_and_its_files(client, small, media_root, monkeypatch):
    published_figures_make(indicator_ids=[small.pk])
    before = PublishedTable.objects.get(indicator=small)
    files = sorted((media_root / tables.DIRECTORY).iterdir())
    IndicatorValue.objects.filter(indicator=small, area_code="GM0141").update(value=Decimal(9))
    values_changed(indicator_ids=[small.pk])

    written = tables.write

    def disk_full(target, lines):  # the public file is written, the shielded one is not
        if tables.SHIELDED in target.name:
            raise OSError(28, "No space left on device")
        written(target, lines)

    monkeypatch.setattr(tables, "write", disk_full)
    with pytest.raises(OSError):
        published_figures_make(indicator_ids=[small.pk])
    after = PublishedTable.objects.get(indicator=small)
    assert (after.token, after.made_from) == (before.token, before.made_from)
    assert sorted((media_root / tables.DIRECTORY).iterdir()) == files
    assert PublishedValue.objects.get(indicator=small, area_code="GM0141").shown == "< 5"


def test_removing_an_indicator_removes_its_table_files(small, media_root, django_capture_on_commit_callbacks):
    published_figures_make(indicator_ids=[small.pk])
    assert len(list((media_root / tables.DIRECTORY).iterdir())) == 2
    with django_capture_on_commit_callbacks(execute=True):
        small.delete()
    assert list((media_root / tables.DIRECTORY).iterdir()) == []


@pytest.mark.needs_db_feature("needs_analyze_during_load")
def test_publishing_refreshes_the_planner_statistics_on_postgresql(small):
    """After a bulk write the planner must know the tables as they are (indicators.services.
    publishing.planner_statistics_refresh); SQLite keeps no statistics to refresh."""
    tables_ = [IndicatorValue._meta.db_table, PublishedValue._meta.db_table]

    def estimated() -> dict[str, float]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [tables_])
            return dict(cursor.fetchall())

    with connection.cursor() as cursor:  # as a fresh table: never analysed
        cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE relname = ANY(%s)", [tables_])
    assert set(estimated().values()) == {-1}
    published_figures_make(indicator_ids=[small.pk])
    counts = estimated()
    assert counts[IndicatorValue._meta.db_table] == IndicatorValue.objects.count()
    assert counts[PublishedValue._meta.db_table] == PublishedValue.objects.count()
