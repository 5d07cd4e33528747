from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "weerbaar.catalog"
    verbose_name = _("Factsheets")

    def ready(self) -> None:
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies, search  # noqa: F401  (demo loader, policy, search kind "factsheet")

        add_nav_item(NavItem("catalog:list", _("Factsheets"), order=20, group="informatie"))
