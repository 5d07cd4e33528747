from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisConfig(AppConfig):
    name = "weerbaar.kennis"
    verbose_name = _("Kennisnetwerk")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies, search  # noqa: F401  (they register themselves)

        add_nav_item(
            NavItem("kennis:list", _("Kennisnetwerk"), PARTNER_ROLES, order=62, group="samenwerking")
        )
