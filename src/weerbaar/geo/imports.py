"""Layer import from the web page: the upload is stored privately, the import runs in a thread
and writes its progress to a small JSON file that the page polls (works across workers)."""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections

from .importers import ImportFailed
from .models import Layer
from .services import layer_import

SUFFIXES = {".gpkg", ".zip", ".geojson", ".json", ".csv", ".txt"}


def jobs_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "geo-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(job: str, **state: Any) -> None:
    path = jobs_dir() / f"{job}.json"
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    current.update(state)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(current, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def job_status(job: str) -> dict[str, Any] | None:
    if not job.replace("-", "").isalnum():
        return None
    path = jobs_dir() / f"{job}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def store_upload(upload: Any) -> tuple[str, Path]:
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"onbekend bestandsformaat {suffix or upload.name}")
    job = uuid.uuid4().hex
    path = jobs_dir() / f"{job}{suffix}"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    _write(job, status="queued", percent=0, file=upload.name, actor_id=None)
    return job, path


def run_import(job: str, *, actor: Any, layer: Layer, path: Path, options: dict[str, Any]) -> None:
    """The import itself; writes progress and the final report into the job file."""
    _write(job, status="reading", percent=5, actor=actor.get_username(), layer=layer.code)

    def progress(done: int, total: int) -> None:
        _write(job, status="writing", percent=10 + int(85 * done / max(total, 1)), done=done, total=total)

    try:
        version, report = layer_import(actor=actor, layer=layer, path=path, progress=progress, **options)
        _write(job, status="done", percent=100, version=version.number, report=report.summary())
    except ImportFailed as failed:
        _write(job, status="failed", percent=100, report=failed.report.summary())
    except Exception as exc:
        _write(job, status="failed", percent=100, report=str(exc))
    finally:
        path.unlink(missing_ok=True)


def start_import(job: str, **kwargs: Any) -> None:
    def target() -> None:
        try:
            run_import(job, **kwargs)
        finally:
            close_old_connections()

    threading.Thread(target=target, name=f"geo-import-{job}", daemon=True).start()
