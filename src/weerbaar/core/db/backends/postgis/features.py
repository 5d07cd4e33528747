from django.contrib.gis.db.backends.postgis.features import DatabaseFeatures as PostGISFeatures
from django.utils.functional import cached_property

from ...features import WeerbaarFeatures


class DatabaseFeatures(WeerbaarFeatures, PostGISFeatures):
    spatial_index_is_gist = True
    dwithin_uses_spatial_index = True
    supports_tsvector_search = True
    supports_copy_from_stdin = True
    needs_analyze_during_load = True
    triggers_call_functions = True
    flush_bypasses_row_triggers = True
    creates_like_indexes = True
    plans_parallel_queries = True
    supports_logical_dump = True

    @cached_property
    def can_encode_mvt(self) -> bool:
        # ST_TileEnvelope came with PostGIS 3.0; ST_AsMVT needs PostGIS built with protobuf-c
        ops = self.connection.ops
        return ops.spatial_version >= (3, 0) and "PROTOBUF" in ops.postgis_full_version()
