from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkenConfig(AppConfig):
    name = "weerbaar.parken"
    verbose_name = _("Vakantieparken")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies, subjects  # noqa: F401  (policies, demo loader, subject kind register themselves)

        add_nav_item(NavItem("parken:list", _("Vakantieparken"), PARTNER_ROLES, order=60, group="aanpak"))
        # further plug-ins this app fills from here (see docs/development.md, "Plug-in points"):
        # importer plugins (importing), search documents (search),
        # job kinds (jobs), map layers (geo providers), area-scope sources (privacy.context)
