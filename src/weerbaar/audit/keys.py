"""The audit log's two keys, read from the environment or from files that live away from the data.

- `WEERBAAR_AUDIT_KEY` / `WEERBAAR_AUDIT_KEY_FILE`: the HMAC key of the entry chain;
- `WEERBAAR_AUDIT_SIGNING_KEY` / `WEERBAAR_AUDIT_SIGNING_KEY_FILE`: the Ed25519 key that signs
  checkpoints (32 bytes in base64, or a PKCS#8 PEM file);
- `WEERBAAR_AUDIT_TRUSTED_KEYS`: the published verifier keys of earlier signing keys (after a
  rotation), so their checkpoints still count.

A key file inside the data folder or next to a database file defeats the point (whoever copies
the database copies the key): the system check `audit.E001` refuses that in every setting.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .notes import NoteError, Signer, VerifierKey, signer_from_seed


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "")


def hmac_key() -> bytes:
    return _hmac_key(_setting("WEERBAAR_AUDIT_KEY"), _setting("WEERBAAR_AUDIT_KEY_FILE"))


@lru_cache(maxsize=4)
def _hmac_key(value: str, path: str) -> bytes:
    if not value and path:
        value = Path(path).read_text().strip()
    if not value:
        raise ImproperlyConfigured(
            "The audit log has no HMAC key: set WEERBAAR_AUDIT_KEY or WEERBAAR_AUDIT_KEY_FILE "
            "(a file outside the data folder)."
        )
    return value.encode()


def origin() -> str:
    """The name of the log in its checkpoints and of the key that signs them."""
    return _setting("WEERBAAR_AUDIT_ORIGIN") or "weerbaar/logboek"


def signer() -> Signer:
    return _signer(
        origin(), _setting("WEERBAAR_AUDIT_SIGNING_KEY"), _setting("WEERBAAR_AUDIT_SIGNING_KEY_FILE")
    )


@lru_cache(maxsize=4)
def _signer(name: str, value: str, path: str) -> Signer:
    if not value and path:
        value = Path(path).read_text().strip()
    if not value:
        raise ImproperlyConfigured(
            "The audit log has no signing key: set WEERBAAR_AUDIT_SIGNING_KEY_FILE (or "
            "WEERBAAR_AUDIT_SIGNING_KEY), kept outside the data folder."
        )
    return signer_from_text(name, value)


def signer_from_text(name: str, value: str) -> Signer:
    """A signer from 32 bytes in base64, or from an unencrypted PKCS#8 PEM Ed25519 key."""
    if value.startswith("-----BEGIN"):
        key = load_pem_private_key(value.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("The audit signing key is not an Ed25519 key.")
        return Signer(name, key)
    try:
        return signer_from_seed(name, base64.b64decode(value, validate=True))
    except (binascii.Error, NoteError) as exc:
        raise ImproperlyConfigured(f"The audit signing key is not 32 bytes in base64: {exc}") from exc


def verifier_key() -> VerifierKey:
    return signer().verifier


def trusted_keys(extra: Iterable[VerifierKey] = ()) -> list[VerifierKey]:
    """The current key, the earlier keys named in the settings, and `extra` (e.g. `--public-key`)."""
    keys = [verifier_key(), *extra]
    for text in getattr(settings, "WEERBAAR_AUDIT_TRUSTED_KEYS", []) or []:
        try:
            keys.append(VerifierKey.parse(text))
        except NoteError as exc:
            raise ImproperlyConfigured(f"WEERBAAR_AUDIT_TRUSTED_KEYS: {exc}") from exc
    return keys


# --- where keys may live ----------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def misplaced_keys(
    key_files: dict[str, str], database_files: Iterable[str], data_folders: Iterable[str]
) -> list[str]:
    """Setting names whose key file lies in a data folder or in the folder of a database file."""
    folders = [Path(f) for f in data_folders if f]
    folders += [Path(f).parent for f in database_files if f and not str(f).startswith(("file:", ":memory:"))]
    return [name for name, path in key_files.items() if path and any(_inside(Path(path), f) for f in folders)]


def key_files() -> dict[str, str]:
    return {name: _setting(name) for name in ("WEERBAAR_AUDIT_KEY_FILE", "WEERBAAR_AUDIT_SIGNING_KEY_FILE")}


def database_files() -> list[str]:
    """The configured databases that are files (a PostgreSQL database name has no folder)."""
    return [str(db["NAME"]) for db in settings.DATABASES.values() if "/" in str(db.get("NAME", ""))]
