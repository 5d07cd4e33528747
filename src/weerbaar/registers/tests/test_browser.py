"""In a real browser: an administrator uploads a register file, follows the progress bar until
the result is shown, and the job page passes axe-core's WCAG 2.1 AA checks."""

import time

import pytest
from django.db import OperationalError

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

from .formats import perceel_gml_feature, vbo_row, write_perceel_gml, write_vbo_gpkg

pytestmark = pytest.mark.browser


@pytest.fixture
def beheerder_page(context, region, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # the job runs in the request thread as it is queued: the test database is an in-memory
    # SQLite with shared cache, where a third connection writing meets "table is locked"
    # (the worker process is tested in jobs/tests/test_kill.py)
    settings.WEERBAAR_JOBS_IMMEDIATE = True
    page = context.new_page()
    page.goto("/health")
    log_in_as(context, make_user(Role.BEHEERDER, "PV23", username="browser-beheerder"))
    return page


def _upload(page, path, importer: str = "") -> None:
    page.goto("/registers/import")
    page.set_input_files("#id_bestand", str(path))
    if importer:
        page.select_option("#id_importer", importer)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/registers/import/*")


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_upload_progress_and_result(beheerder_page, context, tmp_path, language):
    page = beheerder_page
    set_language(context, language)
    _upload(page, write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)]), "bag-verblijfsobject")
    page.locator("dl").wait_for(timeout=30000)  # the script reloads the page when the job has ended
    assert "bag-verblijfsobject" in page.locator("dl").inner_text()
    assert not axe_violations(page), axe_violations(page)


def test_a_bad_file_shows_the_report(beheerder_page, tmp_path):
    page = beheerder_page
    path = write_perceel_gml(tmp_path / "kaart.gml", [perceel_gml_feature("1", nummer="12a4")])
    _upload(page, path)
    page.get_by_role("cell", name="perceelnummer").first.wait_for(timeout=30000)
    assert "Niets opgeslagen" in page.locator("main").inner_text()
    assert not axe_violations(page), axe_violations(page)


def test_the_progress_bar_of_a_running_job_is_accessible_and_updated(beheerder_page):
    from weerbaar.jobs.models import Job, State
    from weerbaar.registers.services import IMPORT_JOB

    page = beheerder_page
    job = Job.objects.create(kind=IMPORT_JOB, payload={"naam": "bag.gpkg"}, state=State.RUNNING)
    page.goto(f"/registers/import/{job.pk}")
    page.locator("#import-progress-bar").wait_for()
    for _attempt in range(20):  # shared-cache SQLite refuses a write while the page reads
        try:
            Job.objects.filter(pk=job.pk).update(phase="opslaan", done=3, total=4)
            break
        except OperationalError:
            time.sleep(0.1)
    page.wait_for_function("document.getElementById('import-progress-bar').value === 3", timeout=20000)
    assert page.locator("#import-progress-text").inner_text() == "opslaan: 3 / 4"
    assert not axe_violations(page), axe_violations(page)
