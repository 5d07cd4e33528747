"""GeoDjango's PostGIS backend (default and audit connections under DATABASE_URL) with Weerbaar's flags."""

from django.contrib.gis.db.backends.postgis.base import DatabaseWrapper as PostGISDatabaseWrapper

from .features import DatabaseFeatures


class DatabaseWrapper(PostGISDatabaseWrapper):
    features_class = DatabaseFeatures
