from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrossrefConfig(AppConfig):
    name = "weerbaar.crossref"
    verbose_name = _("Kruisverwijzingen")

    def ready(self) -> None:
        from . import importers, jobs, policies  # noqa: F401  (they register themselves)
