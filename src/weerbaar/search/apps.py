from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The one search index every app registers its documents into (a foundation app: it knows
    no capability app; they register their kinds with `weerbaar.search.kinds.search_kinds`)."""

    name = "weerbaar.search"
    verbose_name = _("Zoeken")
