"""The job queue: queue, claim, run, progress, cancel, shut down, give up dead workers' jobs."""

import os
import socket
import subprocess
import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.utils import OperationalError
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.jobs import runner
from weerbaar.jobs.liveness import this_worker, worker_alive
from weerbaar.jobs.models import CANCELLED, WORKER_STOPPED, Job, State
from weerbaar.jobs.runner import JobHandle
from weerbaar.jobs.services import job_cancel, job_enqueue, jobs_reap
from weerbaar.jobs.testing import run_queued_jobs
from weerbaar.jobs.worker import Worker, job_claim
from weerbaar.organisations.models import Organisation

from .kinds import MIDWAY


@pytest.fixture
def starter(db):
    return make_user(Role.BEHEERDER, username="starter")


def _queue(actor, codes=("A1", "A2", "A3"), kind="test-organisations", **extra) -> Job:
    return job_enqueue(actor=actor, kind=kind, payload={"codes": list(codes), **extra})


def _stored(prefix: str) -> list[str]:
    return sorted(Organisation.objects.filter(code__startswith=prefix).values_list("code", flat=True))


def _cancel_midway(starter):
    MIDWAY["hook"] = lambda handle: job_cancel(actor=starter, job=Job.objects.get(pk=handle.id))


def test_enqueue_keeps_the_starter_their_second_factor_and_purpose_and_audits(starter):
    starter.is_verified = lambda: True
    job = job_enqueue(actor=starter, kind="test-whoami", payload={"x": 1}, purpose="signaalverrijking")
    job = Job.objects.get(pk=job.pk)
    assert (job.state, job.kind, job.payload) == (State.QUEUED, "test-whoami", {"x": 1})
    assert (job.actor_id, job.actor_username) == (starter.pk, "starter")
    assert job.second_factor_verified and job.purpose == "signaalverrijking"
    assert job.actor == starter and job.actor.is_verified()
    entry = AuditEntry.objects.using(AUDIT_DB).get(object_type="jobs.job", object_id=str(job.pk))
    assert entry.actor == "starter" and entry.detail == {"soort": "test-whoami", "fase": "gestart"}
    assert entry.processing_activity == "signaalverrijking"


def test_enqueue_refuses_an_unknown_kind_and_a_starter_the_kind_does_not_allow(starter):
    with pytest.raises(ValidationError):
        job_enqueue(actor=starter, kind="bestaat-niet", payload={})
    with pytest.raises(PermissionDenied):
        job_enqueue(actor=starter, kind="test-refused", payload={})
    assert not Job.objects.exists()


def test_the_worker_runs_queued_jobs_oldest_first_with_result_and_exact_final_progress(starter):
    first, second = _queue(starter, ["A1", "A2"]), _queue(starter, ["B1"])
    assert run_queued_jobs() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == State.DONE and first.result == {"opgeslagen": 2}
    assert (first.phase, first.done, first.total) == ("opslaan", 2, 2)  # the last report, though throttled
    assert first.finished_at <= second.started_at
    assert _stored("A") == ["A1", "A2"] and _stored("B") == ["B1"]
    assert run_queued_jobs() == 0
    ended = AuditEntry.objects.using(AUDIT_DB).get(
        object_type="jobs.job", object_id=str(first.pk), detail__fase="beeindigd"
    )
    assert ended.result == "allowed" and ended.detail["status"] == "done"
    assert (ended.actor, ended.origin) == ("starter", f"job job {first.pk}")  # written in the job's context


def test_a_job_is_claimed_once(starter):
    job = _queue(starter)
    assert job_claim(worker="elders:1:1").pk == job.pk
    assert job_claim(worker="elders:2:1") is None
    assert job_claim(worker="elders:2:1", only=job.pk) is None
    job.refresh_from_db()
    assert (job.state, job.worker) == (State.RUNNING, "elders:1:1")


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_workers_claiming_at_the_same_time_never_take_the_same_job():
    """Four threads, each with its own connection, empty a queue of 24 jobs between them."""
    jobs = [job_enqueue(actor=None, kind="test-whoami", payload={}).pk for _ in range(24)]
    taken: list[int] = []

    def claim_all(name: str) -> None:
        try:
            while True:
                try:
                    job = job_claim(worker=f"elders:{name}:1")
                except OperationalError:  # SQLite's shared-cache test database: locked, try again
                    time.sleep(0.005)
                    continue
                if job is None:
                    return
                taken.append(job.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim_all, args=(str(n),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == jobs  # every job once, none twice
    assert Job.objects.filter(state=State.RUNNING).count() == 24


def test_progress_writes_at_most_every_half_second_but_a_new_phase_at_once(starter, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(runner.time, "monotonic", lambda: clock[0])
    _queue(starter)
    job = job_claim(worker="elders:1:1")
    handle = JobHandle(job, worker="elders:1:1")

    def stored():
        return Job.objects.values_list("phase", "done", "total").get(pk=job.pk)

    handle.progress("controleren", 1, 0)
    handle.progress("controleren", 2, 0)
    assert stored() == ("controleren", 1, 0)
    handle.progress("opslaan", 3, 10)
    assert stored() == ("opslaan", 3, 10)
    clock[0] += 0.6
    handle.progress("opslaan", 4, 10)
    assert stored() == ("opslaan", 4, 10)


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_progress_is_seen_by_other_connections_while_the_jobs_own_transaction_is_open():
    """The point of the jobs connection: a web worker polling sees the import writing."""
    seen = {}

    def look(handle):
        def read():
            try:
                seen["row"] = Job.objects.values_list("state", "phase", "done", "total").get(pk=handle.id)
            finally:
                connections.close_all()

        reader = threading.Thread(target=read)
        reader.start()
        reader.join()

    MIDWAY["hook"] = look
    _queue(None, ["P1", "P2"])
    run_queued_jobs()
    assert seen["row"] == (State.RUNNING, "opslaan", 1, 2)
    assert _stored("P") == ["P1", "P2"]


def test_cancelling_a_queued_job_ends_it_at_once_removes_its_files_and_it_never_runs(starter, tmp_path):
    upload = tmp_path / "upload.csv"
    upload.write_text("x")
    job = job_enqueue(actor=starter, kind="test-organisations", payload={"codes": ["C1"]}, files=[upload])
    job = job_cancel(actor=starter, job=job)
    assert job.state == State.CANCELLED and job.finished_at is not None and not upload.exists()
    assert run_queued_jobs() == 0 and _stored("C") == []


def test_cancelling_a_running_job_unwinds_its_transaction_and_ends_it_cancelled(starter, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 0)
    _cancel_midway(starter)
    job = _queue(starter, ["D1", "D2", "D3"])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == State.CANCELLED and job.message == CANCELLED
    assert _stored("D") == []  # D1 was written before the cancel: rolled back
    cancelled = AuditEntry.objects.using(AUDIT_DB).filter(object_type="jobs.job", object_id=str(job.pk))
    assert [e.detail["fase"] for e in cancelled.order_by("id")] == [
        "gestart",
        "annuleren gevraagd",
        "beeindigd",
    ]


def test_cancelling_cannot_be_swallowed_by_an_except_exception_in_the_job(starter, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 0)
    _cancel_midway(starter)
    job = job_enqueue(actor=starter, kind="test-swallowing", payload={})
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == State.CANCELLED and _stored("ingeslikt") == []


@pytest.mark.parametrize(
    ("extra", "message", "result"),
    [
        ({"fail": "rij 3"}, "afgekeurd", {"reden": "rij 3"}),
        ({"crash": "schijf vol"}, "RuntimeError: schijf vol", None),
    ],
)
def test_a_failing_job_ends_failed_with_its_reason(starter, extra, message, result):
    job = _queue(starter, ["E1"], **extra)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.message, job.result) == (State.FAILED, message, result)
    ended = AuditEntry.objects.using(AUDIT_DB).get(
        object_type="jobs.job", object_id=str(job.pk), detail__fase="beeindigd"
    )
    assert ended.result == "error"


def test_a_result_that_is_not_json_fails_the_job_instead_of_leaving_it_running(starter):
    job = job_enqueue(actor=starter, kind="test-not-json", payload={})
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == State.FAILED and "JSON" in job.message


def test_a_stopping_worker_unwinds_the_running_job_and_queues_it_again(starter):
    """SIGTERM (make run's Ctrl-C, a deploy): the job is released whole and a later worker reruns it."""
    worker = Worker(heartbeat=False, recycle_connections=False)
    MIDWAY["hook"] = lambda handle: worker.request_stop()
    job = _queue(starter, ["F1", "F2"])
    assert worker.run() == 1  # not burst: it stops because it was asked to
    job.refresh_from_db()
    assert (job.state, job.worker, job.phase, job.done, job.started_at) == (State.QUEUED, "", "", 0, None)
    assert _stored("F") == []
    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert job.state == State.DONE and _stored("F") == ["F1", "F2"]


def test_a_kind_that_must_not_rerun_fails_when_its_worker_stops(starter):
    worker = Worker(heartbeat=False, recycle_connections=False)
    MIDWAY["hook"] = lambda handle: worker.request_stop()
    job = _queue(starter, ["G1", "G2"], kind="test-organisations-no-rerun")
    worker.run()
    job.refresh_from_db()
    assert (job.state, job.message) == (State.FAILED, WORKER_STOPPED) and _stored("G") == []


def test_the_reaper_fails_the_jobs_of_dead_workers_and_leaves_living_ones(starter, tmp_path):
    ended = subprocess.Popen(["true"])
    ended.wait()
    host, now = socket.gethostname(), timezone.now()
    upload = tmp_path / "upload.csv"
    upload.write_text("x")
    running = {
        # on this host, process gone
        "dead": (f"{host}:{ended.pid}:1", now),
        # on this host, this very process's pid but another start time: the pid was reused
        "reused": (f"{host}:{os.getpid()}:1", now),
        # this process: alive, even with an old heartbeat (a long C call may delay beats)
        "alive": (this_worker(), now - timedelta(hours=1)),
        # elsewhere: judged by the heartbeat alone
        "elsewhere-fresh": ("elders:1:1", now - timedelta(seconds=30)),
        "elsewhere-stale": ("elders:2:1", now - timedelta(minutes=10)),
    }
    jobs = {}
    for name, (worker, beat) in running.items():
        job = job_enqueue(
            actor=starter, kind="test-whoami", payload={}, files=[upload] if name == "dead" else []
        )
        Job.objects.filter(pk=job.pk).update(state=State.RUNNING, worker=worker, heartbeat_at=beat)
        jobs[name] = job.pk
    assert sorted(jobs_reap()) == sorted([jobs["dead"], jobs["reused"], jobs["elsewhere-stale"]])
    states = dict(Job.objects.values_list("pk", "state"))
    assert {name: states[pk] for name, pk in jobs.items()} == {
        "dead": State.FAILED,
        "reused": State.FAILED,
        "alive": State.RUNNING,
        "elsewhere-fresh": State.RUNNING,
        "elsewhere-stale": State.FAILED,
    }
    dead = Job.objects.get(pk=jobs["dead"])
    assert dead.message == WORKER_STOPPED and dead.finished_at is not None and not upload.exists()
    assert worker_alive(this_worker()) is True and worker_alive(f"{host}:{ended.pid}:1") is False


def test_a_job_given_up_while_it_ran_keeps_the_reapers_verdict(starter, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 0)
    MIDWAY["hook"] = lambda handle: Job.objects.filter(pk=handle.id).update(
        state=State.FAILED, message="opgegeven"
    )
    job = _queue(starter, ["H1", "H2"])
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.message) == (State.FAILED, "opgegeven") and _stored("H") == []


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_running_job_heartbeats_from_its_own_thread(settings):
    """While the job's own thread waits (and writes nothing), the heartbeat moves: only the
    heartbeat thread can have written it. No time limit but a generous deadline, so a loaded
    machine makes the test slower, not red."""
    settings.WEERBAAR_JOBS_HEARTBEAT_SECONDS = 0.05
    seen: dict[str, bool] = {}

    def wait_for_a_beat(handle) -> None:
        before = Job.objects.get(pk=handle.id).heartbeat_at
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if Job.objects.get(pk=handle.id).heartbeat_at > before:
                seen["beat"] = True
                return
            time.sleep(0.05)

    MIDWAY["hook"] = wait_for_a_beat
    job = _queue(None, ["I1", "I2"])
    Worker(heartbeat=True).run(burst=True)
    job.refresh_from_db()
    assert job.state == State.DONE and seen.get("beat") is True


def test_the_job_acts_with_the_clearance_its_starter_had_when_it_was_queued(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    analist.is_verified = lambda: True  # as django-otp sets it in the request that queues the job
    verified = job_enqueue(actor=analist, kind="test-whoami", payload={}, purpose="signaalverrijking")
    unverified = job_enqueue(actor=User.objects.get(pk=analist.pk), kind="test-whoami", payload={})
    run_queued_jobs()
    verified.refresh_from_db()
    unverified.refresh_from_db()
    assert verified.result == {
        "actor": "analist",
        "shielded": True,
        "purpose": "signaalverrijking",
        "ctx": ["job", True, "signaalverrijking", f"job {verified.pk}"],
    }
    assert unverified.result == {
        "actor": "analist",
        "shielded": False,
        "purpose": "",
        "ctx": ["job", False, "", f"job {unverified.pk}"],
    }


def test_a_user_sees_and_cancels_their_own_jobs_and_an_overseer_all_of_the_kind(db, client):
    from django.urls import reverse

    from weerbaar.core.testing import login_verified
    from weerbaar.jobs.selectors import job_list

    owner, other = make_user(Role.BEHEERDER, username="eigenaar"), make_user(Role.BEHEERDER, username="ander")
    overseer = make_user(Role.BEHEERDER, username="toezicht")
    User.objects.filter(pk=overseer.pk).update(is_staff=True)
    overseer.refresh_from_db()
    job = _queue(owner)
    assert list(job_list(user=owner)) == [job] and list(job_list(user=overseer)) == [job]
    assert not job_list(user=other).exists()
    with pytest.raises(PermissionDenied):
        job_cancel(actor=other, job=job)
    login_verified(client, other)
    assert client.post(reverse("jobs:cancel", args=[job.pk]), {"next": "/"}).status_code == 404
    login_verified(client, owner)
    response = client.post(reverse("jobs:cancel", args=[job.pk]), {"next": "https://elders.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")  # no open redirect
    job.refresh_from_db()
    assert job.state == State.CANCELLED


def test_a_worker_runs_the_periodic_tasks_and_survives_one_that_fails(starter, monkeypatch):
    """Back-off retries (beschikkingen) are queued by the worker itself; a failing task is logged."""
    from weerbaar.jobs import registry

    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("boom")

    tasks = registry.Registry("periodic task")
    tasks.register("a-broken")(broken)
    tasks.register("b-counts")(lambda: ran.append("counts"))
    monkeypatch.setattr("weerbaar.jobs.worker.periodic_tasks", tasks)
    assert Worker(heartbeat=False, recycle_connections=False).run(burst=True) == 0
    assert ran == ["broken", "counts"]


def test_the_decisions_register_their_retry_task():
    from weerbaar.beschikkingen.services import bezorgingen_due
    from weerbaar.jobs.registry import periodic_tasks

    assert dict(periodic_tasks.items())["beschikkingen-bezorgen"] is bezorgingen_due
