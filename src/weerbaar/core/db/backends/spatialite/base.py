"""GeoDjango's SpatiaLite backend (the default database) with Weerbaar's flags."""

from django.contrib.gis.db.backends.spatialite.base import DatabaseWrapper as SpatiaLiteDatabaseWrapper

from .features import DatabaseFeatures


class DatabaseWrapper(SpatiaLiteDatabaseWrapper):
    features_class = DatabaseFeatures
