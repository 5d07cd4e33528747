"""Importing from the web page: the job service, the page, the report of a bad file, who may."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import PERSONAS, login_verified, make_user
from weerbaar.registers import services
from weerbaar.registers.models import AdresseerbaarObject, ImportJob, ImportRun
from weerbaar.registers.services import import_job_progress, import_job_start

from .formats import vbo_row, write_vbo_gpkg


@pytest.fixture(autouse=True)
def _inline_imports(settings, tmp_path):
    settings.REGISTERS_IMPORT_INLINE = True
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/octet-stream")


def test_service_stores_the_upload_runs_the_import_and_audits_start_and_end(
    db, tmp_path, beheerder, django_capture_on_commit_callbacks
):
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(actor=beheerder, upload=_upload(path), importer="bag-verblijfsobject")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.gestart_door == beheerder
    assert job.run.status == ImportRun.Status.OK and (job.run.nieuw, job.run.rijen) == (2, 2)
    assert AdresseerbaarObject.objects.count() == 2
    assert Path(job.bestand).parent == tmp_path / "media" / services.UPLOAD_DIR
    assert not Path(job.bestand).exists()  # the upload is not kept after the import
    assert import_job_progress(job) == {
        "status": "done",
        "fase": "klaar",
        "gedaan": 2,
        "totaal": 2,
        "klaar": True,
    }
    phases = AuditEntry.objects.using(AUDIT_DB).filter(
        object_type="registers.importjob", object_id=str(job.pk)
    )
    assert sorted(e.detail["fase"] for e in phases) == ["beeindigd", "gestart"]


def test_service_refuses_anyone_but_an_administrator(db, tmp_path, partner_zonder_afscherming):
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    with pytest.raises(PermissionDenied):
        import_job_start(actor=partner_zonder_afscherming, upload=_upload(path))
    assert not ImportJob.objects.exists()


def test_a_crashing_import_ends_the_job(
    db, tmp_path, beheerder, monkeypatch, django_capture_on_commit_callbacks
):
    def boom(**kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(services, "register_import", boom)
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(actor=beheerder, upload=_upload(path))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CRASHED and "schijf vol" in job.melding
    assert job.beeindigd is not None


def test_page_upload_follows_the_job_and_shows_the_result(
    db, client, tmp_path, beheerder, django_capture_on_commit_callbacks
):
    login_verified(client, beheerder)
    assert client.get(reverse("registers:import")).status_code == 200
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registers:import"), {"bestand": _upload(path), "importer": ""})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "registers:import_job", args=[job.pk]
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"import.js" not in page.content  # finished: no polling
    assert "bag-verblijfsobject" in page.content.decode()
    status = client.get(reverse("registers:import_job_status", args=[job.pk])).json()
    assert status["klaar"] and status["gedaan"] == 2
    assert "bag.gpkg" in client.get(reverse("registers:import")).content.decode()


def test_page_of_a_running_job_shows_a_progress_bar_polled_by_a_static_script(db, client, beheerder):
    login_verified(client, beheerder)
    job = ImportJob.objects.create(naam="bag.gpkg", bestand="x", gestart_door=beheerder)
    job.status, job.fase, job.gedaan, job.totaal = ImportJob.Status.RUNNING, "opslaan", 5, 10
    job.save()
    html = client.get(reverse("registers:import_job", args=[job.pk])).content.decode()
    assert '<progress id="import-progress-bar"' in html and 'max="10" value="5"' in html
    assert "registers/import.js" in html
    assert reverse("registers:import_job", args=[job.pk]) in html  # the no-JS refresh link
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
    job = ImportJob.objects.get()
    assert job.run.status == ImportRun.Status.FAILED
    assert any(e["field"] == "postcode" for e in job.run.fouten)
    assert not AdresseerbaarObject.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert "postcode" in html and "Niets opgeslagen" in html


def test_an_unknown_importer_is_a_form_error(db, client, tmp_path, beheerder):
    login_verified(client, beheerder)
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    response = client.post(reverse("registers:import"), {"bestand": _upload(path), "importer": "nope"})
    assert response.status_code == 400 and not ImportJob.objects.exists()


@pytest.mark.parametrize("role", [Role.PROVINCIAAL_ADVISEUR, Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST])
def test_other_roles_may_not_import_or_see_jobs(db, client, region, beheerder, role):
    job = ImportJob.objects.create(naam="bag.gpkg", bestand="x", gestart_door=beheerder)
    user = make_user(*PERSONAS[role], username="ander")
    login_verified(client, user)
    assert client.get(reverse("registers:import")).status_code == 403
    assert client.get(reverse("registers:import_job", args=[job.pk])).status_code == 403
    assert client.get(reverse("registers:import_job_status", args=[job.pk])).status_code == 403


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_import_runs_in_a_thread_outside_the_request(tmp_path, settings, region):
    """The real path: a thread with its own database connection runs the job after the commit."""
    import threading

    settings.REGISTERS_IMPORT_INLINE = False
    beheerder = make_user(Role.BEHEERDER, "PV23", username="beheerder")
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    job = import_job_start(actor=beheerder, upload=_upload(path), importer="bag-verblijfsobject")
    for thread in threading.enumerate():
        if thread.name == f"import-{job.pk}":
            thread.join(timeout=60)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.run.nieuw == 2
