"""The restore drill (issue 17, item 8): data, audit entries and a checkpoint are backed up, restored
into a fresh empty instance in another process (other database files on SpatiaLite, another
database on PostGIS), and `audit_verify` passes there with the backup's checkpoint; a tampered
backup and a non-empty target are refused and leave the target as it was."""

from __future__ import annotations

import io
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.management import CommandError, call_command
from django.db import connections

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.organisations.models import Area, Region

ROOT = Path(__file__).resolve().parents[4]

CHECK_DATA = """
import django; django.setup()
from weerbaar.accounts.models import User
from weerbaar.organisations.models import Area
area = Area.objects.get(code="DRILL-1")
print(User.objects.filter(username="drill-analist").count(), round(area.geometry.area), area.geometry.srid)
"""


class Instance:
    """A fresh, empty instance in its own folder (and on PostGIS its own database)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database: str | None = None
        default = connections["default"]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEERBAAR_", "DATABASE_URL"))}
        env |= {
            "DJANGO_SETTINGS_MODULE": "weerbaar.settings.test",
            "WEERBAAR_VAR_DIR": str(folder / "var"),
            "WEERBAAR_AUDIT_WITNESS_FILE": str(folder / "witness" / "checkpoints.log"),
        }
        if default.features.supports_logical_dump:
            self.database = f"weerbaar_drill_{secrets.token_hex(4)}"
            self._admin(f'CREATE DATABASE "{self.database}" TEMPLATE template0')
            s = default.settings_dict
            env["DATABASE_URL"] = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{self.database}"
        self.env = env

    def _admin(self, sql: str) -> None:
        import psycopg

        s = connections["default"].settings_dict
        with psycopg.connect(
            dbname="postgres", user=s["USER"], host=s["HOST"], port=s["PORT"], password=s.get("PASSWORD") or None,
            autocommit=True,
        ) as admin:  # fmt: skip
            admin.execute(sql)

    def run(self, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "weerbaar", *args]
        return subprocess.run(command, env=self.env, cwd=ROOT, capture_output=True, text=True, check=False)

    def drop(self) -> None:
        if self.database:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def instances(tmp_path):
    made: list[Instance] = []

    def make(name: str) -> Instance:
        made.append(Instance(tmp_path / name))
        return made[-1]

    yield make
    for instance in made:
        instance.drop()


@pytest.fixture
def data(tmp_path, settings):
    """A boundary, a user, audit entries with a checkpoint, an uploaded file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WEERBAAR_AUDIT_WITNESS_FILE = str(tmp_path / "witness" / "checkpoints.log")
    (tmp_path / "media" / "bijlagen").mkdir(parents=True)
    (tmp_path / "media" / "bijlagen" / "verslag.txt").write_text("proces-verbaal (fictief)")
    region = Region.objects.create(code="DRILL", name="Oefenregio")
    square = Polygon(
        ((200000, 480000), (200100, 480000), (200100, 480100), (200000, 480100), (200000, 480000))
    )
    Area.objects.create(
        code="DRILL-1",
        name="Oefengebied",
        kind="gemeente",
        region=region,
        geometry=MultiPolygon(square, srid=28992),
    )
    make_user(Role.PUBLIEK, username="drill-analist")
    for i in range(40):
        audit_log(actor=None, action="view", object_type="registers.persoon", data_subject_id=f"persoon-{i}")
    return AuditEntry.objects.using(AUDIT_DB).count()


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_backup_restores_into_an_empty_instance_and_the_audit_log_verifies(tmp_path, data, instances):
    backup = tmp_path / "backup"
    out = io.StringIO()
    call_command("backup", str(backup), stdout=out)
    assert "Backup in" in out.getvalue()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["audit_checkpoint"]["size"] == data
    assert {"checkpoint.log", "media.tar.gz"} <= set(manifest["files"])
    assert not any(name.endswith(".key") for name in manifest["files"])  # keys stay in the vault

    fresh = instances("fresh")
    restored = fresh.run("restore", str(backup))
    assert restored.returncode == 0, restored.stderr + restored.stdout
    assert f"Audit log intact: {data}" in restored.stdout
    assert "1 media files" in restored.stdout
    checked = fresh.run(code=CHECK_DATA)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.split() == ["1", "10000", "28992"]
    assert (
        fresh.folder / "var" / "media" / "bijlagen" / "verslag.txt"
    ).read_text() == "proces-verbaal (fictief)"
    verified = fresh.run("audit_verify", "--witness", str(backup / "checkpoint.log"))
    assert verified.returncode == 0 and "Audit log intact" in verified.stdout, verified.stderr

    again = fresh.run("restore", str(backup))
    assert again.returncode != 0 and "is not empty (use --force" in again.stderr


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_tampered_backup_is_refused_and_the_target_stays_empty(tmp_path, data, instances):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), "--no-media", stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert "media.tar.gz" not in manifest["files"]
    audit_file = next(d["file"] for d in manifest["databases"] if "audit" in d["aliases"])
    with (backup / audit_file).open("r+b") as handle:
        handle.seek(-100, os.SEEK_END)
        byte = handle.read(1)
        handle.seek(-100, os.SEEK_END)
        handle.write(bytes([byte[0] ^ 1]))

    target = instances("target")
    refused = target.run("restore", str(backup))
    assert refused.returncode != 0
    assert f"{audit_file} does not match the manifest (size or SHA-256)" in refused.stderr
    empty = target.run("migrate", "--check", "--plan")  # nothing was restored: everything is unapplied
    assert empty.returncode != 0, empty.stdout

    # a manifest rewritten to match the changed file no longer carries a valid signature
    manifest["files"][audit_file]["sha256"] = "0" * 64
    (backup / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    forged = target.run("restore", str(backup))
    assert forged.returncode != 0 and "the manifest's signature does not verify" in forged.stderr


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_backup_never_goes_into_a_folder_with_files(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "iets").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
