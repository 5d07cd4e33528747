import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings.local")
django_application = get_wsgi_application()

# a theme that cannot be used stops the server at start-up, naming the file, the key and the reason
from weerbaar.core.branding.loading import current_theme  # noqa: E402

current_theme()

# cached public vector tiles are answered from disk before the full Django stack (weerbaar.geo.tilecache)
from weerbaar.geo.tilecache import LeanTileApp  # noqa: E402

application = LeanTileApp(django_application)

# the start-up objects out of the garbage collector's walks (weerbaar.core.startup)
from weerbaar.core.startup import warm_and_freeze  # noqa: E402

warm_and_freeze()
