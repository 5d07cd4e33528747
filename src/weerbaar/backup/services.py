"""Back up an instance and restore it into an empty one (issue 17, item 8; docs/operations.md).

A backup is a folder: one file per database (`engines.py`), optionally the media as a tar file,
`checkpoint.log` (the audit checkpoint signed at the start of the backup, in the witness format)
and `manifest.json` with the versions, the size and SHA-256 of every file and the checkpoint,
signed with the audit signing key (`manifest.sig`). Keys are never in it: they come from the vault.

A restore checks the signature and every hash before it touches anything, refuses an instance
that is not empty unless asked to replace it, and ends with `audit_verify` against the backup's
checkpoint.
"""

from __future__ import annotations

import hashlib
import io
import json
import platform
import tarfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management import CommandError, call_command

from weerbaar.audit import keys
from weerbaar.audit.checkpoints import checkpoint_create
from weerbaar.audit.notes import NoteError, open_note
from weerbaar.audit.witnesses import witness_line, witness_record

from . import engines
from .engines import BackupError

FORMAT = "weerbaar-backup/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CHECKPOINT = "checkpoint.log"
MEDIA = "media.tar.gz"
KEYS_NOTE = (
    "not in the backup: WEERBAAR_SECRET_KEY, WEERBAAR_AUDIT_KEY(_FILE), WEERBAAR_AUDIT_SIGNING_KEY(_FILE); "
    "restore them from the vault (docs/operations.md)"
)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _weerbaar_version() -> str:
    try:
        return version("weerbaar")
    except PackageNotFoundError:
        return "unknown"


def _tar_media(source: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w:gz") as tar:
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.is_symlink():
                tar.add(path, arcname=str(path.relative_to(source)), recursive=False)
                count += 1
    return count


def backup_create(*, destination: Path, include_media: bool = True) -> dict[str, Any]:
    """Write a backup of every database (and the media) into `destination`, a new folder."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: a backup goes into a new folder")
    destination.mkdir(parents=True, exist_ok=True)
    checkpoint, _results = checkpoint_create()
    databases = engines.configured_databases()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(),
        "versions": {
            "weerbaar": _weerbaar_version(),
            "django": django.get_version(),
            "python": platform.python_version(),
        },
        "databases": [],
        "files": {},
        "media": include_media,
        "keys": KEYS_NOTE,
    }
    # the main database first: an audit entry about data in it is then never missing from the copy
    for database in sorted(databases, key=lambda d: d.alias != "default"):
        engines.save(database, destination / database.file)
        manifest["databases"].append(
            {
                "aliases": list(database.aliases),
                "method": database.method,
                "file": database.file,
                "versions": engines.versions(database),
                "migrations": engines.applied_migrations(database),
            }
        )
    if checkpoint is not None:
        (destination / CHECKPOINT).write_text(witness_line(checkpoint) + "\n", encoding="utf-8")
        manifest["audit_checkpoint"] = witness_record(checkpoint)
    if include_media and Path(settings.MEDIA_ROOT).exists():
        manifest["media_files"] = _tar_media(Path(settings.MEDIA_ROOT), destination / MEDIA)
    for path in sorted(destination.iterdir()):
        manifest["files"][path.name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (destination / MANIFEST).write_text(text, encoding="utf-8")
    note = keys.signer().sign(text)
    (destination / SIGNATURE).write_text(note.rsplit("\n\n", 1)[1], encoding="utf-8")
    return manifest


# --- restoring --------------------------------------------------------------------------------------


@dataclass
class Restored:
    manifest: dict[str, Any]
    databases: list[str] = field(default_factory=list)
    media_files: int = 0
    verify_output: str = ""


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest, refused unless its signature verifies and every file has its size and hash."""
    try:
        text = (source / MANIFEST).read_text(encoding="utf-8")
        signature = (source / SIGNATURE).read_text(encoding="utf-8")
    except OSError as exc:
        raise BackupError(f"{source} is not a backup: {exc}") from exc
    try:
        open_note(f"{text}\n{signature}", keys.trusted_keys())
    except NoteError as exc:
        raise BackupError(f"the manifest's signature does not verify: {exc}") from exc
    manifest: dict[str, Any] = json.loads(text)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} does not match the manifest (size or SHA-256): the backup was changed")
    return manifest


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"the media archive holds {member.name!r}: refused")
        members.append(member)
    return members


def _restore_media(archive: Path, target: Path, *, replace: bool) -> int:
    if target.exists() and any(target.iterdir()) and not replace:
        raise BackupError(f"{target} is not empty (use --force to replace)")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        members = _safe_members(tar)
        tar.extractall(target, members=members)  # noqa: S202 (members checked above)
    return sum(1 for m in members if m.isfile())


def backup_restore(*, source: Path, replace: bool = False) -> Restored:
    """Restore the backup in `source` into this instance's databases (and media)."""
    manifest = read_manifest(source)
    by_file = {database.file: database for database in engines.configured_databases()}
    saved = {entry["file"]: entry for entry in manifest["databases"]}
    if set(saved) != set(by_file):
        raise BackupError(
            f"the backup holds {sorted(saved)} but this instance has {sorted(by_file)}: "
            "restore into an instance with the same kind of databases"
        )
    if not replace:
        busy = [d.alias for d in by_file.values() if not engines.is_empty(d)]
        if busy:
            raise BackupError(f"database {', '.join(busy)} is not empty (use --force to replace it)")
    restored = Restored(manifest)
    for name, database in by_file.items():
        engines.load(database, source / name, replace=replace)
        restored.databases.append(database.alias)
    if manifest.get("media") and (source / MEDIA).exists():
        restored.media_files = _restore_media(source / MEDIA, Path(settings.MEDIA_ROOT), replace=replace)
    out = io.StringIO()
    witness = [str(source / CHECKPOINT)] if (source / CHECKPOINT).exists() else []
    try:
        call_command("audit_verify", witness=witness, stdout=out, stderr=out)
    except CommandError as exc:
        raise BackupError(f"restored, but the audit log does not verify: {exc}\n{out.getvalue()}") from exc
    restored.verify_output = out.getvalue()
    return restored
