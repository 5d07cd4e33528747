"""Weerbaar's database backends: every connection carries the capability flags, and a flag says
True exactly where the database does what the flag promises (checked on the database under test,
SpatiaLite or PostGIS, and on the audit connection)."""

import ast
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.management.color import no_style
from django.db import DatabaseError, NotSupportedError, connections, transaction

from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.db import features as features_module
from weerbaar.core.db.checks import backend_errors
from weerbaar.core.db.features import WeerbaarFeatures, flag_names
from weerbaar.registers.models import AdresseerbaarObject

ALIASES = ("default", AUDIT_DB)


def test_every_configured_database_uses_a_weerbaar_backend():
    """Both connections, on SpatiaLite and on PostGIS, answer Weerbaar's flags; GeoDjango still
    recognises the spatial one as its own backend."""
    for alias in ALIASES:
        assert isinstance(connections[alias].features, WeerbaarFeatures), alias
    ops = connections["default"].ops
    assert getattr(ops, "spatialite", False) or getattr(ops, "postgis", False)
    assert connections["default"].features.gis_enabled
    assert backend_errors(settings.DATABASES) == []


def test_a_stock_django_engine_fails_the_system_check():
    errors = backend_errors({"audit": {"ENGINE": "django.db.backends.sqlite3"}})
    assert [e.id for e in errors] == ["core.E001"]
    assert "'audit'" in errors[0].msg and "django.db.backends.sqlite3" in errors[0].msg


def test_every_flag_is_false_by_default_and_documented():
    """A backend turns on what its database can do; each flag has a `#:` line saying what it means,
    and docs/development.md lists it."""
    source = inspect.getsource(features_module)
    lines = source.splitlines()
    tree = ast.parse(source)
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "WeerbaarFeatures"]
    assigned = [n for n in cls.body if isinstance(n, ast.Assign)]
    assert [n.targets[0].id for n in assigned] == flag_names()  # type: ignore[attr-defined]
    development = (Path(settings.BASE_DIR) / "docs" / "development.md").read_text()
    for node, name in zip(assigned, flag_names(), strict=True):
        assert getattr(WeerbaarFeatures, name) is False, name
        assert lines[node.lineno - 2].strip().startswith("#:"), f"{name} has no #: comment"
        assert f"`{name}`" in development, f"docs/development.md does not list {name}"


# --- each flag against what the database does ------------------------------------------------


def _rtree(cursor) -> bool:
    cursor.execute("SELECT rtreecheck('idx_registers_pand_geometrie')")
    ok = cursor.fetchone()[0] == "ok"
    cursor.execute(
        "SELECT count(*) FROM SpatialIndex WHERE f_table_name = 'registers_pand' "
        "AND f_geometry_column = 'geometrie' AND search_frame = BuildMbr(0, 0, 1, 1, 28992)"
    )
    return ok and cursor.fetchone()[0] == 0


def _gist(cursor) -> bool:
    cursor.execute(
        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'registers_pand'::regclass AND a.amname = 'gist'"
    )
    return cursor.fetchone()[0] == 1


def _dwithin_on_index(cursor) -> bool:
    # PostGIS's ST_DWithin compares bounding boxes through the index itself; SpatiaLite's
    # PtDistWithin (what GeoDjango emits there) reads every row
    alias = cursor.db.alias
    qs = AdresseerbaarObject.objects.using(alias).filter(geometrie__dwithin=(Point(0, 0, srid=28992), 5))
    sql, _params = qs.query.get_compiler(using=alias).as_sql()
    return "ST_DWithin" in sql


def _spatialite_blob(cursor) -> bool:
    cursor.execute("SELECT ST_GeomFromText('POINT(1 2)', 28992)")
    value = cursor.fetchone()[0]
    return isinstance(value, bytes) and value[0] == 0 and value[38] == 0x7C


def _copy(cursor) -> bool:
    cursor.execute("CREATE TEMPORARY TABLE probe_copy (n integer)")
    with cursor.cursor.copy("COPY probe_copy (n) FROM STDIN (FORMAT csv)") as copy:
        copy.write(b"1\n2\n")
    cursor.execute("SELECT count(*) FROM probe_copy")
    return cursor.fetchone()[0] == 2


def _pragma(name: str, value: int) -> Callable:
    def probe(cursor) -> bool:
        cursor.execute(f"PRAGMA {name}")
        before = cursor.fetchone()
        cursor.execute(f"PRAGMA {name} = {value}")
        cursor.execute(f"PRAGMA {name}")
        after = cursor.fetchone()
        if before is not None:
            cursor.execute(f"PRAGMA {name} = {before[0]}")
        return after is not None and after[0] == value

    return probe


def _trigger_function(cursor) -> bool:
    cursor.execute(
        "CREATE FUNCTION pg_temp.probe() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql"
    )
    return True


def _flush_truncates(cursor) -> bool:
    statements = cursor.db.ops.sql_flush(no_style(), ["audit_auditentry"])
    return bool(statements) and all(s.upper().startswith("TRUNCATE") for s in statements)


def _like_indexes(cursor) -> bool:
    # accounts_user.username is a unique CharField: Django adds its _like index where it does so
    cursor.execute(
        "SELECT count(*) FROM pg_indexes WHERE tablename = 'accounts_user' AND indexname LIKE %s",
        ["%\\_like"],
    )
    return cursor.fetchone()[0] > 0


def _mvt(cursor) -> bool:
    cursor.execute(
        "SELECT length(ST_AsMVT(q, 'probe', 4096, 'g')) FROM (SELECT ST_AsMVTGeom("
        "ST_Transform(ST_SetSRID(ST_MakePoint(6.5, 52.4), 4326), 3857), ST_TileEnvelope(0, 0, 0)) AS g) q"
    )
    return cursor.fetchone()[0] > 0


def _parallel_plans(cursor) -> bool:
    cursor.execute(
        "SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"
    )
    return cursor.fetchone() == ("0", "off")


def _online_backup(cursor) -> bool:
    """The driver of this connection copies a live database page by page (SQLite's online backup
    API). Tried on a fresh in-memory database of the same driver: backing up the test's own
    connection would wait for the transaction the test runs in."""
    connection = cursor.db.connection
    if not hasattr(connection, "backup"):
        return False
    driver = type(connection)
    source, copy = driver(":memory:"), driver(":memory:")
    source.execute("CREATE TABLE django_migrations (id integer)")
    source.backup(copy)
    tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'").fetchone()[0]
    source.close()
    copy.close()
    return tables == 1


def _logical_dump(cursor) -> bool:
    import subprocess

    from weerbaar.backup.engines import pg_tool

    settings_dict = cursor.db.settings_dict
    try:
        pg_dump = pg_tool("pg_dump")
    except FileNotFoundError:
        return False
    result = subprocess.run(
        [pg_dump, "--schema-only", "-t", "django_migrations", *_pg_args(settings_dict)],
        capture_output=True,
        text=True,
        check=False,
        env=_pg_env(settings_dict),
    )
    return result.returncode == 0 and "CREATE TABLE public.django_migrations" in result.stdout


def _pg_args(settings_dict) -> list[str]:
    from weerbaar.backup.engines import connection_args

    return connection_args(settings_dict)


def _pg_env(settings_dict) -> dict[str, str]:
    from weerbaar.backup.engines import connection_env

    return connection_env(settings_dict)


def _tsvector(cursor) -> bool:
    cursor.execute("SELECT to_tsvector('simple', 'vakantiepark') @@ 'vakantiepark'::tsquery")
    return cursor.fetchone()[0] is True


PROBES: dict[str, Callable] = {
    "spatial_index_is_rtree": _rtree,
    "spatial_index_is_gist": _gist,
    "dwithin_uses_spatial_index": _dwithin_on_index,
    "geometry_column_is_spatialite_blob": _spatialite_blob,
    "supports_copy_from_stdin": _copy,
    "supports_pragma_cache_size": _pragma("cache_size", -1234),
    "supports_pragma_analysis_limit": _pragma("analysis_limit", 77),
    "triggers_call_functions": _trigger_function,
    "flush_bypasses_row_triggers": _flush_truncates,
    "creates_like_indexes": _like_indexes,
    "can_encode_mvt": _mvt,
    "supports_tsvector_search": _tsvector,
    "plans_parallel_queries": _parallel_plans,
    "supports_online_backup": _online_backup,
    "supports_logical_dump": _logical_dump,
}
#: flags no quick probe can show, and where they are shown instead
NOT_PROBED = {
    "needs_analyze_during_load": "a planner choice at scale: make bench-registers and bench-dashboard (docs/benchmarks.md)",
}


def _holds(alias: str, probe: Callable) -> bool:
    """Whether `probe` succeeds on the connection; whatever it changed is rolled back."""
    connection = connections[alias]
    try:
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            result = probe(cursor)
            transaction.set_rollback(True, using=alias)
    except (DatabaseError, NotSupportedError, AttributeError):
        return False
    return bool(result)


def test_every_flag_has_a_probe_or_a_reason():
    assert sorted([*PROBES, *NOT_PROBED]) == sorted(flag_names())


@pytest.mark.django_db
@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("flag", sorted(PROBES))
def test_a_flag_is_true_exactly_where_the_database_does_it(flag, alias):
    assert getattr(connections[alias].features, flag) == _holds(alias, PROBES[flag])
