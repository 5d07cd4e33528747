import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings.local")
django_application = get_wsgi_application()

# cached public vector tiles are answered from disk before the full Django stack (weerbaar.geo.tilecache)
from weerbaar.geo.tilecache import LeanTileApp  # noqa: E402

application = LeanTileApp(django_application)
