"""Job kinds for the tests of the queue itself: they write a row of a real model inside one
transaction on the default database, as an import does, and report progress in between."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from weerbaar.jobs.registry import job_kinds
from weerbaar.jobs.runner import JobFailed, JobHandle
from weerbaar.organisations.models import Organisation

#: hooks a test sets to act in the middle of a job (between two progress reports)
MIDWAY: dict[str, Any] = {}


def _organisations(job: JobHandle) -> dict[str, Any]:
    """Store payload["codes"] as organisations, all in one transaction, reporting after each."""
    codes = job.payload["codes"]
    with transaction.atomic():
        for number, code in enumerate(codes, start=1):
            Organisation.objects.create(code=code, name=code, kind="overig")
            job.progress("opslaan", number, len(codes))
            if number == 1 and "hook" in MIDWAY:
                MIDWAY["hook"](job)
    if job.payload.get("fail"):
        raise JobFailed("afgekeurd", result={"reden": job.payload["fail"]})
    if job.payload.get("crash"):
        raise RuntimeError(job.payload["crash"])
    return {"opgeslagen": len(codes)}


def _swallowing(job: JobHandle) -> dict[str, Any]:
    """A job whose code catches every Exception around its progress reports."""
    with transaction.atomic():
        Organisation.objects.create(code="ingeslikt", name="ingeslikt", kind="overig")
        try:
            MIDWAY["hook"](job)
            job.progress("opslaan", 1, 1)
        except Exception:  # the point of the test: this must not catch cancelling
            pass
    return {}


def _whoami(job: JobHandle) -> dict[str, Any]:
    from weerbaar.core.clearance import clearance_for

    actor, ctx = job.actor, job.ctx
    return {
        "actor": actor.get_username() if actor else None,
        "shielded": clearance_for(actor).shielded,
        "purpose": job.purpose,
        "ctx": [str(ctx.origin), ctx.clearance.shielded, ctx.purpose, ctx.source],
    }


def _not_json(job: JobHandle) -> Any:
    return {"when": object()}


def _anyone(user: Any) -> bool:
    return True


def _nobody_else(user: Any) -> bool:
    return False


def _staff(user: Any) -> bool:
    return getattr(user, "is_staff", False)


KINDS: dict[str, tuple[Any, dict[str, Any]]] = {
    "test-organisations": (_organisations, {"may_start": _anyone, "overseen_by": _staff}),
    "test-organisations-no-rerun": (
        _organisations,
        {"may_start": _anyone, "overseen_by": _staff, "rerun_after_shutdown": False},
    ),
    "test-swallowing": (_swallowing, {"may_start": _anyone}),
    "test-whoami": (_whoami, {"may_start": _anyone}),
    "test-not-json": (_not_json, {"may_start": _anyone}),
    "test-refused": (_whoami, {"may_start": _nobody_else}),
}
for _name, (_run, _options) in KINDS.items():
    if _name not in job_kinds:
        job_kinds.register(_name, **_options)(_run)
