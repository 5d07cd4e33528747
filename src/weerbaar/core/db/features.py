"""The capability flags Weerbaar's code asks a connection about, as Django's BaseDatabaseFeatures.

Every flag is False here; a backend under `backends/` turns on what its database can do. A flag
names what the calling code needs, not which database has it. Django's own flags stay usable as
they are (for example `has_select_for_update` for row locks).
"""


class WeerbaarFeatures:
    # --- spatial index -------------------------------------------------------------------------
    #: The spatial index is an R*Tree table `idx_<table>_<column>` (also reached through the
    #: `SpatialIndex` virtual table), filled by per-row triggers and listed in `geometry_columns`.
    spatial_index_is_rtree = False
    #: The spatial index is a GiST index: an ordinary row of `pg_index`, dropped and re-created
    #: from `pg_get_indexdef()` like the B-trees and unique constraints next to it.
    spatial_index_is_gist = False
    #: A `dwithin` look-up uses the spatial index by itself (otherwise it scans the table and the
    #: caller asks the index for the square around the point first).
    dwithin_uses_spatial_index = False

    # --- reading and writing geometries ---------------------------------------------------------
    #: A geometry column read without a function comes back as a SpatiaLite BLOB (header, MBR,
    #: WKB-like body); otherwise the caller asks for WKB (`ST_AsBinary(column, 'NDR')`).
    geometry_column_is_spatialite_blob = False

    # --- bulk load -------------------------------------------------------------------------------
    #: Rows can be streamed in with `COPY ... FROM STDIN (FORMAT csv)` (psycopg's `cursor.copy`).
    supports_copy_from_stdin = False
    #: The planner trusts table statistics: a table filled inside a running load looks empty
    #: until `ANALYZE`, and look-ups turn into sequential scans.
    needs_analyze_during_load = False
    #: The page cache is sized per connection with `PRAGMA cache_size`.
    supports_pragma_cache_size = False
    #: `ANALYZE` can sample a bounded number of rows per index (`PRAGMA analysis_limit`).
    supports_pragma_analysis_limit = False

    # --- schema ------------------------------------------------------------------------------------
    #: A trigger runs a stored function (`CREATE FUNCTION ... LANGUAGE plpgsql`, `EXECUTE FUNCTION`)
    #: and is named per table (`DROP TRIGGER name ON table`); otherwise its body is inline
    #: (`BEGIN ... END`) and `DROP TRIGGER` takes the name alone.
    triggers_call_functions = False
    #: Django's flush (also between tests) empties tables with `TRUNCATE`, which row triggers do
    #: not see, so a row trigger may refuse `DELETE` without breaking it.
    flush_bypasses_row_triggers = False
    #: Django's schema editor adds a `varchar_pattern_ops` index (suffix `_like`) next to every
    #: indexed CharField and TextField, for `LIKE` and `startswith`.
    creates_like_indexes = False

    # --- backup and restore ------------------------------------------------------------------------
    #: The driver copies the live database page by page into another database file, consistent
    #: while others write (SQLite's online backup API, `sqlite3.Connection.backup`).
    supports_online_backup = False
    #: The database is saved and restored as a logical dump with the server's own tools
    #: (`pg_dump -Fc` / `pg_restore`), consistent in one snapshot of all its tables.
    supports_logical_dump = False

    # --- vector tiles ------------------------------------------------------------------------------
    #: The database encodes Mapbox Vector Tiles itself (`ST_AsMVT`, `ST_AsMVTGeom`, `ST_TileEnvelope`).
    can_encode_mvt = False

    # --- full-text search ---------------------------------------------------------------------------
    #: The database keeps full-text vectors itself (`tsvector`, `@@ tsquery`, GIN indexes); otherwise
    #: the search service uses SQLite's FTS5 virtual tables.
    supports_tsvector_search = False

    # --- query planning ----------------------------------------------------------------------------
    #: The planner may spread a query over parallel workers and JIT-compile it, and a transaction
    #: can switch both off for itself (`set_config('max_parallel_workers_per_gather', '0', true)`,
    #: `set_config('jit', 'off', true)`): for short queries that should stay in one process.
    plans_parallel_queries = False


def flag_names() -> list[str]:
    """The names of Weerbaar's own flags, in the order they are declared."""
    return [name for name in vars(WeerbaarFeatures) if not name.startswith("_")]
