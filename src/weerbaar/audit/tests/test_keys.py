"""The audit keys never live next to the data: not in any settings, and the system check refuses
a key file in the data folder or beside a database file."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks

from weerbaar.audit import keys

SRC = Path(__file__).resolve().parents[3]


def test_a_key_file_in_the_data_folder_fails_the_system_check(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.WEERBAAR_AUDIT_SIGNING_KEY_FILE = str(tmp_path / "var" / "audit-signing.key")
    settings.WEERBAAR_AUDIT_KEY_FILE = str(tmp_path / "elders" / "audit-hmac.key")
    errors = [m for m in run_checks() if m.id == "audit.E001"]
    assert len(errors) == 1 and "WEERBAAR_AUDIT_SIGNING_KEY_FILE" in errors[0].msg


def test_a_key_file_beside_a_database_file_is_misplaced(tmp_path):
    database = tmp_path / "data" / "audit.sqlite3"
    found = keys.misplaced_keys(
        {
            "WEERBAAR_AUDIT_KEY_FILE": str(tmp_path / "data" / "hmac.key"),
            "OTHER": str(tmp_path / "keys" / "k"),
        },
        [str(database), "weerbaar"],  # a PostgreSQL database name has no folder
        [str(tmp_path / "var")],
    )
    assert found == ["WEERBAAR_AUDIT_KEY_FILE"]


def _settings_of(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.WEERBAAR_AUDIT_KEY_FILE); print(settings.WEERBAAR_AUDIT_SIGNING_KEY_FILE); "
        "print(settings.VAR_DIR)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WEERBAAR_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=SRC,
    )


def test_the_local_settings_generate_the_keys_outside_the_data_folder(tmp_path):
    result = _settings_of(
        "weerbaar.settings.local",
        {"WEERBAAR_VAR_DIR": str(tmp_path / "var"), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert result.returncode == 0, result.stderr
    hmac_file, signing_file, var = result.stdout.split()
    assert Path(hmac_file).parent == Path(signing_file).parent == tmp_path / "config" / "weerbaar"
    assert Path(signing_file).stat().st_mode & 0o077 == 0  # readable by the owner only
    assert not any(p.name.endswith(".key") for p in Path(var).rglob("*"))


def test_the_local_settings_refuse_a_key_folder_in_the_data_folder(tmp_path):
    result = _settings_of(
        "weerbaar.settings.local",
        {"WEERBAAR_VAR_DIR": str(tmp_path / "var"), "WEERBAAR_KEY_DIR": str(tmp_path / "var" / "keys")},
    )
    assert result.returncode != 0 and "lies in the data folder" in result.stderr


def test_production_refuses_to_start_without_the_signing_key(tmp_path):
    env = {
        "WEERBAAR_VAR_DIR": str(tmp_path / "var"),
        "WEERBAAR_SECRET_KEY": "x" * 50,
        "WEERBAAR_AUDIT_KEY_FILE": str(tmp_path / "keys" / "hmac.key"),
        "WEERBAAR_AUDIT_WITNESS_EMAIL": "fg@provincie.example",
    }
    result = _settings_of("weerbaar.settings.production", env)
    assert result.returncode != 0 and "WEERBAAR_AUDIT_SIGNING_KEY_FILE" in result.stderr
    inside = {**env, "WEERBAAR_AUDIT_SIGNING_KEY_FILE": str(tmp_path / "var" / "signing.key")}
    result = _settings_of("weerbaar.settings.production", inside)
    assert result.returncode != 0 and "lies in the data folder" in result.stderr
    outside = {**env, "WEERBAAR_AUDIT_SIGNING_KEY_FILE": str(tmp_path / "keys" / "signing.key")}
    assert _settings_of("weerbaar.settings.production", outside).returncode == 0


def test_the_published_key_is_printed(capsys):
    from django.core.management import call_command

    call_command("audit_public_key")
    out = capsys.readouterr().out
    assert out.startswith("weerbaar/logboek+") and keys.verifier_key().fingerprint in out
