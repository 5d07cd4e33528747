"""Witnesses: every checkpoint also leaves the audit database.

- an append-only file (`WEERBAAR_AUDIT_WITNESS_FILE`; one JSON line per checkpoint, written
  under a lock and synced), never a database file — best on another disk or host;
- an e-mail to the FG (`WEERBAAR_AUDIT_WITNESS_EMAIL`), with the same JSON line, so a saved
  mailbox is itself a witness file for `audit_verify --witness`;
- a webhook (`WEERBAAR_AUDIT_WITNESS_WEBHOOK`): the JSON posted to a URL of the deployment's
  choice (another organisation's log monitor, a SIEM).

Somebody who rewrites or shortens the log can re-sign nothing these copies already hold:
`audit_verify` checks the log against every checkpoint it finds in them. A witness that fails
is logged and reported; it never stops an audit write.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from . import keys
from .models import SignedCheckpoint

logger = logging.getLogger("weerbaar.audit")

KIND = "weerbaar-audit-checkpoint"


@dataclass(frozen=True)
class WitnessResult:
    witness: str
    ok: bool
    detail: str = ""


def witness_record(checkpoint: SignedCheckpoint) -> dict[str, Any]:
    """The JSON every witness receives: the signed note is what counts, the rest is for reading."""
    verifier = keys.verifier_key()
    return {
        "kind": KIND,
        "size": checkpoint.tree_size,
        "root": checkpoint.root_hash,
        "timestamp": checkpoint.timestamp.isoformat(),
        "key": str(verifier),
        "fingerprint": verifier.fingerprint,
        "note": checkpoint.note,
    }


def witness_line(checkpoint: SignedCheckpoint) -> str:
    return json.dumps(witness_record(checkpoint), sort_keys=True, separators=(",", ":"))


def witness_file() -> Path | None:
    path = getattr(settings, "WEERBAAR_AUDIT_WITNESS_FILE", "")
    return Path(path) if path else None


def append_to_file(path: Path, line: str) -> None:
    if str(path.resolve()) in {str(Path(f).resolve()) for f in keys.database_files()}:
        raise ValueError(f"the witness file {path} is a database file")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        # several workers append: one whole line at a time
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _to_file(checkpoint: SignedCheckpoint) -> str:
    path = witness_file()
    assert path is not None
    append_to_file(path, witness_line(checkpoint))
    return str(path)


def _to_mail(checkpoint: SignedCheckpoint) -> str:
    recipients = list(settings.WEERBAAR_AUDIT_WITNESS_EMAIL)
    subject = _("Logboek dataverwerkingen: checkpoint van %(size)s regels") % {"size": checkpoint.tree_size}
    body = "\n".join(
        [
            _(
                "Het logboek dataverwerkingen heeft een ondertekend checkpoint gemaakt. Bewaar dit "
                "bericht: met `weerbaar audit_verify --witness <bericht>` toont u later aan dat het "
                "logboek sindsdien niet is ingekort of herschreven."
            ),
            "",
            checkpoint.note,
            witness_line(checkpoint),
        ]
    )
    send_mail(subject, body, None, recipients, fail_silently=False)
    return ", ".join(recipients)


def _to_webhook(checkpoint: SignedCheckpoint) -> str:
    url = settings.WEERBAAR_AUDIT_WITNESS_WEBHOOK
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"the witness webhook {url!r} is not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=json.dumps(witness_record(checkpoint)).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    timeout = getattr(settings, "WEERBAAR_AUDIT_WITNESS_WEBHOOK_TIMEOUT", 5)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        status = response.status
    if not 200 <= status < 300:
        raise ValueError(f"the webhook answered {status}")
    return url


def configured_witnesses() -> list[tuple[str, Callable[[SignedCheckpoint], str]]]:
    found: list[tuple[str, Callable[[SignedCheckpoint], str]]] = []
    if witness_file() is not None:
        found.append(("file", _to_file))
    if getattr(settings, "WEERBAAR_AUDIT_WITNESS_EMAIL", []):
        found.append(("mail", _to_mail))
    if getattr(settings, "WEERBAAR_AUDIT_WITNESS_WEBHOOK", ""):
        found.append(("webhook", _to_webhook))
    return found


def publish(checkpoint: SignedCheckpoint) -> list[WitnessResult]:
    """Hand the checkpoint to every configured witness; a failure is logged, never raised."""
    results = []
    for name, send in configured_witnesses():
        try:
            results.append(WitnessResult(name, True, send(checkpoint)))
        except Exception as exc:  # a witness is another system: any failure is its own
            logger.error("audit witness %s failed for checkpoint %s: %s", name, checkpoint.tree_size, exc)
            results.append(WitnessResult(name, False, str(exc)))
    return results


# --- reading witnesses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WitnessedNote:
    source: str
    note: str
    #: the verifier key the witness recorded with it (for the message when the key was replaced)
    recorded_key: str


def read_witness(path: Path) -> Iterator[WitnessedNote]:
    """Every checkpoint line in a witness file, a saved e-mail or a mailbox (other lines are skipped)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line.startswith("{") or KIND not in line:
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("kind") == KIND and isinstance(record.get("note"), str):
                yield WitnessedNote(f"{path}:{number}", record["note"], str(record.get("key", "")))
