from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "weerbaar.catalog"
    verbose_name = _("Factsheets")

    def ready(self) -> None:
        from . import demo, policies  # noqa: F401
