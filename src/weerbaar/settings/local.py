"""Local run (`make run`): the base settings plus generated, locally kept keys.

Django's secret key lives in the data folder; the audit log's keys do not: whoever copies the
data folder must not get the means to rewrite the log. They are generated once into
WEERBAAR_KEY_DIR (default `~/.config/weerbaar`), which may not lie in the data folder.
"""

import base64
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VAR_DIR

if not SECRET_KEY:  # noqa: F405
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

_config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
WEERBAAR_KEY_DIR = Path(os.environ.get("WEERBAAR_KEY_DIR") or _config_home / "weerbaar").expanduser()
if WEERBAAR_KEY_DIR.resolve().is_relative_to(VAR_DIR.resolve()):
    raise ImproperlyConfigured(f"WEERBAAR_KEY_DIR ({WEERBAAR_KEY_DIR}) lies in the data folder {VAR_DIR}.")


def _generated(name: str, make) -> str:
    path = WEERBAAR_KEY_DIR / name
    if not path.exists():
        WEERBAAR_KEY_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(make())
        path.chmod(0o600)
    return str(path)


if not WEERBAAR_AUDIT_KEY and not WEERBAAR_AUDIT_KEY_FILE:  # noqa: F405
    WEERBAAR_AUDIT_KEY_FILE = _generated("audit-hmac.key", lambda: secrets.token_urlsafe(48))
if not WEERBAAR_AUDIT_SIGNING_KEY and not WEERBAAR_AUDIT_SIGNING_KEY_FILE:  # noqa: F405
    WEERBAAR_AUDIT_SIGNING_KEY_FILE = _generated(
        "audit-signing.key", lambda: base64.b64encode(secrets.token_bytes(32)).decode()
    )
