from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrossrefConfig(AppConfig):
    name = "weerbaar.crossref"
    verbose_name = _("Kruisverwijzingen")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, importers, jobs, policies  # noqa: F401  (they register themselves)

        add_nav_item(
            NavItem("crossref:datasets", _("Partnerbestanden"), PARTNER_ROLES, order=75, group="informatie")
        )
