from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The one search index every app registers its documents into (a foundation app: it knows
    no capability app; they register their kinds with `weerbaar.search.kinds.search_kinds`)."""

    name = "weerbaar.search"
    verbose_name = _("Zoeken")

    def ready(self) -> None:
        from .services import search_index_empty_kinds

        # a database that had objects before the index existed (or was restored without it) gets
        # its kinds indexed once, right after `migrate`
        post_migrate.connect(search_index_empty_kinds, sender=self, dispatch_uid="search-index-empty-kinds")
