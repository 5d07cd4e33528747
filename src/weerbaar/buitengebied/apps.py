from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuitengebiedConfig(AppConfig):
    name = "weerbaar.buitengebied"
    verbose_name = _("Buitengebied")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.core.reference_data import seed_reference_data

        from . import demo, maplayer, policies, reference  # noqa: F401  (policies, the demo loader and the map layer register themselves)

        add_nav_item(NavItem("buitengebied:list", _("Buitengebied"), PARTNER_ROLES, order=75, group="aanpak"))
        seed_reference_data(self, reference.seed)
