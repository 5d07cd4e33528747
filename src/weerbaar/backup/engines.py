"""How each configured database is saved and restored, chosen by what its connection can do.

- `supports_online_backup` (SQLite, SpatiaLite, the audit file): SQLite's online backup API copies
  the live database page by page into a new file, one consistent snapshot while others write;
  restoring copies the file back into the connection the same way.
- `supports_logical_dump` (PostGIS): `pg_dump -Fc`, one snapshot of every table (the audit tables
  too, on the same database), restored with `pg_restore` in a single transaction.

Connections that point at the same database (the audit connection on PostgreSQL) are saved once.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder

ONLINE_BACKUP = "sqlite-online-backup"
LOGICAL_DUMP = "pg_dump-custom"


class BackupError(RuntimeError):
    """A backup or restore step failed; the message says which and why."""


@dataclass(frozen=True)
class Database:
    aliases: tuple[str, ...]
    method: str

    @property
    def alias(self) -> str:
        return self.aliases[0]

    @property
    def file(self) -> str:
        return f"{self.alias}.sqlite3" if self.method == ONLINE_BACKUP else f"{self.alias}.dump"


def configured_databases() -> list[Database]:
    """Every distinct database of the configuration, with the aliases that reach it."""
    found: dict[tuple[str, str, str], list[str]] = {}
    methods: dict[tuple[str, str, str], str] = {}
    for alias in connections:
        connection = connections[alias]
        settings_dict = connection.settings_dict
        key = (
            str(settings_dict.get("HOST", "")),
            str(settings_dict.get("PORT", "")),
            str(settings_dict["NAME"]),
        )
        features = connection.features
        if features.supports_online_backup:  # type: ignore[attr-defined]
            method = ONLINE_BACKUP
        elif features.supports_logical_dump:  # type: ignore[attr-defined]
            method = LOGICAL_DUMP
        else:
            raise BackupError(f"database {alias!r}: no way to back it up ({settings_dict['ENGINE']})")
        found.setdefault(key, []).append(alias)
        methods[key] = method
    return [Database(tuple(aliases), methods[key]) for key, aliases in found.items()]


# --- PostgreSQL client tools ----------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The newest installed `pg_dump`/`pg_restore` (Debian keeps one per major version), else PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (PostgreSQL client tools)")
    return found


def connection_args(settings_dict: dict[str, Any]) -> list[str]:
    args = ["-d", str(settings_dict["NAME"])]
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    return args


def connection_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[:2000]}")


# --- saving and restoring ---------------------------------------------------------------------------


def save(database: Database, path: Path) -> None:
    connection = connections[database.alias]
    if database.method == ONLINE_BACKUP:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
            # one self-contained file: no write-ahead log beside it
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        return
    settings_dict = connection.settings_dict
    command = [pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(path)]
    _run(
        [*command, *connection_args(settings_dict)],
        connection_env(settings_dict),
        f"pg_dump of {database.alias}",
    )


def load(database: Database, path: Path, *, replace: bool) -> None:
    connection = connections[database.alias]
    if database.method == ONLINE_BACKUP:
        for alias in database.aliases:
            connections[alias].close()
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
            connection.close()
        return
    for alias in database.aliases:
        connections[alias].close()
    settings_dict = connection.settings_dict
    command = [
        pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if replace:
        command += ["--clean", "--if-exists"]
    _run(
        [*command, *connection_args(settings_dict), str(path)],
        connection_env(settings_dict),
        f"pg_restore into {database.alias}",
    )


def is_empty(database: Database) -> bool:
    """Never migrated: no table of Django's migration record."""
    connection = connections[database.alias]
    with connection.cursor() as cursor:
        return "django_migrations" not in connection.introspection.table_names(cursor)


def versions(database: Database) -> dict[str, str]:
    connection = connections[database.alias]
    found: dict[str, str] = {}
    queries = (
        {"sqlite": "SELECT sqlite_version()", "spatialite": "SELECT spatialite_version()"}
        if database.method == ONLINE_BACKUP
        else {"postgresql": "SHOW server_version", "postgis": "SELECT postgis_lib_version()"}
    )
    for name, sql in queries.items():
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                found[name] = str(cursor.fetchone()[0])
        except DatabaseError:
            continue  # the plain SQLite audit file has no SpatiaLite
    if database.method == LOGICAL_DUMP:
        result = subprocess.run(
            [pg_tool("pg_dump"), "--version"], capture_output=True, text=True, check=False
        )
        found["pg_dump"] = result.stdout.strip()
    return found


def applied_migrations(database: Database) -> dict[str, str]:
    """The last applied migration of each app: what schema the saved data has."""
    latest: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connections[database.alias]).applied_migrations()):
        latest[app] = max(latest.get(app, name), name)
    return latest
