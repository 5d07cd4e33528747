from django.contrib.gis.db.backends.spatialite.features import DatabaseFeatures as SpatiaLiteFeatures

from ..sqlite3.features import SQLiteCapabilities


class DatabaseFeatures(SQLiteCapabilities, SpatiaLiteFeatures):
    spatial_index_is_rtree = True
    geometry_column_is_spatialite_blob = True
