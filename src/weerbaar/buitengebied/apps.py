from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuitengebiedConfig(AppConfig):
    name = "weerbaar.buitengebied"
    verbose_name = _("Buitengebied")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies  # noqa: F401  (policies and the demo loader register themselves)

        add_nav_item(NavItem("buitengebied:list", _("Buitengebied"), PARTNER_ROLES, order=75, group="aanpak"))
