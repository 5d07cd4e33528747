"""Importing from the web page: the job service, the page, the report of a bad file, who may."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import PERSONAS, login_verified, make_user
from weerbaar.jobs.models import Job, State
from weerbaar.jobs.testing import run_queued_jobs
from weerbaar.registers import services
from weerbaar.registers.models import AdresseerbaarObject, ImportRun
from weerbaar.registers.services import IMPORT_JOB, import_job_progress, import_job_start

from .formats import vbo_row, write_vbo_gpkg


@pytest.fixture(autouse=True)
def _immediate_jobs(settings, tmp_path):
    """Jobs run as they are queued, through the worker's own code (the worker process is
    tested in jobs/tests/test_kill.py)."""
    settings.WEERBAAR_JOBS_IMMEDIATE = True
    settings.MEDIA_ROOT = tmp_path / "media"


def _run(job: Job) -> ImportRun:
    return ImportRun.objects.get(pk=job.result["run"])


def _running_job(actor, **progress) -> Job:
    return Job.objects.create(
        kind=IMPORT_JOB,
        payload={"bestand": "x", "naam": "bag.gpkg", "importer": ""},
        actor_id=actor.pk if actor else None,
        state=State.RUNNING,
        **progress,
    )


def _upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/octet-stream")


def test_service_stores_the_upload_runs_the_import_and_audits_start_and_end(
    db, tmp_path, beheerder, django_capture_on_commit_callbacks
):
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(actor=beheerder, upload=_upload(path), importer="bag-verblijfsobject")
    job.refresh_from_db()
    assert job.state == State.DONE and job.actor == beheerder and job.actor_username == "beheerder"
    run = _run(job)
    assert run.status == ImportRun.Status.OK and (run.nieuw, run.rijen) == (2, 2)
    assert AdresseerbaarObject.objects.count() == 2
    assert Path(job.payload["bestand"]).parent == tmp_path / "media" / services.UPLOAD_DIR
    assert not Path(job.payload["bestand"]).exists()  # the upload is not kept after the import
    assert import_job_progress(job) == {
        "status": "done",
        "fase": "klaar",
        "gedaan": 2,
        "totaal": 2,
        "klaar": True,
    }
    phases = AuditEntry.objects.using(AUDIT_DB).filter(object_type="jobs.job", object_id=str(job.pk))
    assert sorted(e.detail["fase"] for e in phases) == ["beeindigd", "gestart"]


def test_service_refuses_anyone_but_an_administrator(db, tmp_path, partner_zonder_afscherming):
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    with pytest.raises(PermissionDenied):
        import_job_start(actor=partner_zonder_afscherming, upload=_upload(path))
    assert not Job.objects.exists()
    assert not (tmp_path / "media" / services.UPLOAD_DIR).exists()  # refused before the upload is stored


def test_a_crashing_import_ends_the_job_as_failed_with_the_reason(
    db, client, tmp_path, beheerder, monkeypatch
):
    def boom(**kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(services, "register_import", boom)
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    job = import_job_start(actor=beheerder, upload=_upload(path))
    job.refresh_from_db()
    assert job.state == State.FAILED and "schijf vol" in job.message
    assert job.finished_at is not None and not Path(job.payload["bestand"]).exists()
    login_verified(client, beheerder)
    assert client.get(reverse("registers:import_job_status", args=[job.pk])).json()["status"] == "failed"
    html = client.get(reverse("registers:import_job", args=[job.pk])).content.decode()
    assert "er is niets opgeslagen" in html and "schijf vol" in html


def test_page_upload_follows_the_job_and_shows_the_result(
    db, client, tmp_path, beheerder, django_capture_on_commit_callbacks
):
    login_verified(client, beheerder)
    assert client.get(reverse("registers:import")).status_code == 200
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registers:import"), {"bestand": _upload(path), "importer": ""})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "registers:import_job", args=[job.pk]
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"import.js" not in page.content  # finished: no polling
    assert "bag-verblijfsobject" in page.content.decode()
    status = client.get(reverse("registers:import_job_status", args=[job.pk])).json()
    assert status["klaar"] and status["status"] == "done" and status["gedaan"] == 2
    assert "bag.gpkg" in client.get(reverse("registers:import")).content.decode()


def test_page_of_a_running_job_shows_a_progress_bar_polled_by_a_static_script(db, client, beheerder):
    login_verified(client, beheerder)
    job = _running_job(beheerder, phase="opslaan", done=5, total=10)
    html = client.get(reverse("registers:import_job", args=[job.pk])).content.decode()
    assert '<progress id="import-progress-bar"' in html and 'max="10" value="5"' in html
    assert "registers/import.js" in html
    assert reverse("registers:import_job", args=[job.pk]) in html  # the no-JS refresh link
    assert reverse("jobs:cancel", args=[job.pk]) in html  # the cancel button
    assert "<script>" not in html and 'style="' not in html


def test_a_bad_file_shows_the_report_per_row_and_field_and_stores_nothing(
    db, client, tmp_path, beheerder, django_capture_on_commit_callbacks
):
    login_verified(client, beheerder)
    path = write_vbo_gpkg(tmp_path / "bad.gpkg", [vbo_row(1), vbo_row(2, postcode="80 11 r")])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registers:import"), {"bestand": _upload(path), "importer": "bag-verblijfsobject"}
        )
    job = Job.objects.get()
    assert job.state == State.FAILED and _run(job).status == ImportRun.Status.FAILED
    assert any(e["field"] == "postcode" for e in _run(job).fouten)
    assert not AdresseerbaarObject.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert "postcode" in html and "Niets opgeslagen" in html
    status = client.get(reverse("registers:import_job_status", args=[job.pk])).json()
    assert status["klaar"] and status["status"] == "failed"  # a rejected file is not "done"
    assert status["fase"] != "klaar"
    # the refused run is in the audit log as an error, naming the file as uploaded (not the
    # random name it was stored under) and by its SHA-256
    entry = AuditEntry.objects.using(AUDIT_DB).get(
        object_type="registers.import", object_id=str(_run(job).pk)
    )
    assert entry.result == "error" and entry.detail["status"] == "failed" and entry.detail["fouten"] >= 1
    assert entry.detail["bestand"] == "bad.gpkg"
    assert entry.detail["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_unknown_importer_is_a_form_error(db, client, tmp_path, beheerder):
    login_verified(client, beheerder)
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    response = client.post(reverse("registers:import"), {"bestand": _upload(path), "importer": "nope"})
    assert response.status_code == 400 and not Job.objects.exists()


@pytest.mark.parametrize("role", [Role.PROVINCIAAL_ADVISEUR, Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST])
def test_other_roles_may_not_import_or_see_jobs(db, client, region, beheerder, role):
    job = _running_job(beheerder)
    user = make_user(*PERSONAS[role], username="ander")
    login_verified(client, user)
    assert client.get(reverse("registers:import")).status_code == 403
    assert client.get(reverse("registers:import_job", args=[job.pk])).status_code == 403
    assert client.get(reverse("registers:import_job_status", args=[job.pk])).status_code == 403


def test_without_immediate_jobs_the_import_waits_for_a_worker_and_the_page_follows_it(
    db, client, tmp_path, settings, beheerder
):
    """The real path: the request only queues the job; a worker runs it; the status comes from
    the job's row, so whichever web worker answers the poll sees the same."""
    settings.WEERBAAR_JOBS_IMMEDIATE = False
    login_verified(client, beheerder)
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    client.post(reverse("registers:import"), {"bestand": _upload(path), "importer": "bag-verblijfsobject"})
    job = Job.objects.get()
    status_url = reverse("registers:import_job_status", args=[job.pk])
    assert client.get(status_url).json() == {
        "status": "queued",
        "fase": "",
        "gedaan": 0,
        "totaal": 0,
        "klaar": False,
    }
    assert not AdresseerbaarObject.objects.exists()
    assert run_queued_jobs() == 1
    assert client.get(status_url).json()["status"] == "done"
    assert AdresseerbaarObject.objects.count() == 2


def test_an_administrator_cancels_a_queued_import_and_nothing_is_stored(
    db, client, tmp_path, settings, beheerder
):
    settings.WEERBAAR_JOBS_IMMEDIATE = False
    login_verified(client, beheerder)
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    job = import_job_start(actor=beheerder, upload=_upload(path), importer="bag-verblijfsobject")
    here = reverse("registers:import_job", args=[job.pk])
    response = client.post(reverse("jobs:cancel", args=[job.pk]), {"next": here})
    assert response.status_code == 302 and response["Location"] == here
    assert run_queued_jobs() == 0
    job.refresh_from_db()
    assert job.state == State.CANCELLED and not Path(job.payload["bestand"]).exists()
    assert not AdresseerbaarObject.objects.exists() and not ImportRun.objects.exists()
    assert client.get(reverse("registers:import_job_status", args=[job.pk])).json()["status"] == "cancelled"
