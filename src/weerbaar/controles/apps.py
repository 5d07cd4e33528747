from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlesConfig(AppConfig):
    name = "weerbaar.controles"
    verbose_name = _("Integrale controles")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies  # noqa: F401  (policies and the demo loader register themselves)

        add_nav_item(
            NavItem("controles:list", _("Integrale controles"), PARTNER_ROLES, order=60, group="aanpak")
        )
        # further plug-ins this app fills from here (see docs/development.md, "Plug-in points"):
        # subject kinds (core.subjects), importer plugins (importing), search documents (search),
        # job kinds (jobs), map layers (geo providers), area-scope sources (privacy.context)
