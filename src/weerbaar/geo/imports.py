"""Layer import from the web page: the upload is stored privately and imported by a background
job (`weerbaar worker`); the page polls the job's state in the database, so any web worker answers."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings

from weerbaar.core.policies import policy_for, require
from weerbaar.jobs.models import Job, State
from weerbaar.jobs.runner import JobFailed, JobHandle
from weerbaar.jobs.services import job_enqueue

from .importers import ImportFailed
from .models import Layer
from .services import layer_import

SUFFIXES = {".gpkg", ".zip", ".geojson", ".json", ".gml", ".csv", ".txt"}
#: the job kind (registered in GeoConfig.ready)
LAYER_IMPORT_JOB = "geo-layer-import"


def uploads_dir() -> Path:
    """Below MEDIA_ROOT, which is never served."""
    path = Path(settings.MEDIA_ROOT) / "geo-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def may_import(user: Any) -> bool:
    """Who may import layers and follow everyone's layer imports: administrators."""
    return policy_for(Layer).can_create(user)


def layer_import_start(*, actor: Any, layer: Layer, upload: Any, options: dict[str, Any]) -> Job:
    """Store the upload and queue its import as the layer's next version; ValueError for a file
    whose format is not one the importers read. The upload is removed when the job ends."""
    require(may_import(actor), "alleen beheerders importeren kaartlagen")
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"onbekend bestandsformaat {suffix or upload.name}")
    path = uploads_dir() / f"{secrets.token_hex(12)}{suffix}"
    try:
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return job_enqueue(
            actor=actor,
            kind=LAYER_IMPORT_JOB,
            payload={"layer": layer.code, "bestand": str(path), "file": upload.name, "options": options},
            files=[path],
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def layer_import_job(job: JobHandle) -> dict[str, Any]:
    """The job: read the file and switch the layer to the new version in one transaction."""
    actor = job.actor
    if actor is None:  # never import as the platform on behalf of a deleted account
        raise JobFailed("de starter van deze import bestaat niet meer")
    job.progress("reading")
    layer = Layer.objects.get(code=job.payload["layer"])
    try:
        version, report = layer_import(
            actor=actor,
            layer=layer,
            path=Path(job.payload["bestand"]),
            name=job.payload.get("file", ""),
            progress=lambda done, total: job.progress("writing", done, total),
            **job.payload.get("options", {}),
        )
    except ImportFailed as failed:
        raise JobFailed(
            "het bestand is niet geïmporteerd", result={"report": failed.report.summary()}
        ) from None
    return {"version": version.number, "report": report.summary()}


def layer_import_state(job: Job) -> dict[str, Any]:
    """What the page polls: status (queued, reading, writing, done, failed, cancelled) and percent."""
    result = job.result or {}
    state: dict[str, Any] = {
        "file": job.payload.get("file", ""),
        "layer": job.payload.get("layer", ""),
        "actor": job.actor_username,
        "done": job.done,
        "total": job.total,
    }
    if job.state == State.QUEUED:
        state.update(status="queued", percent=0)
    elif job.state == State.RUNNING:
        writing = job.phase == "writing"
        percent = 10 + int(85 * job.done / max(job.total, 1)) if writing else 5
        state.update(status="writing" if writing else "reading", percent=percent)
    elif job.state == State.DONE:
        state.update(
            status="done", percent=100, version=result.get("version"), report=result.get("report", "")
        )
    else:
        status = "cancelled" if job.state == State.CANCELLED else "failed"
        state.update(status=status, percent=100, report=result.get("report") or job.message_display)
    return state
