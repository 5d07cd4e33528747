from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "weerbaar.indicators"
    verbose_name = _("Indicatoren")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies, registry  # noqa: F401  (policies, demo loader, computed indicators)
        from .services import importer  # noqa: F401  (the importer plugins)

        add_nav_item(
            NavItem("indicators:list", _("Indicatoren"), PARTNER_ROLES, order=70, group="informatie")
        )
        # further plug-ins this app fills from here (see docs/development.md, "Plug-in points"):
        # subject kinds (core.subjects), importer plugins (importing), search documents (search),
        # job kinds (jobs), map layers (geo providers), area-scope sources (privacy.context)
