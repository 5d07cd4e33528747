from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistConfig(AppConfig):
    name = "weerbaar.checklist"
    verbose_name = _("Checklist provincie")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies  # noqa: F401  (demo loader, policy)

        add_nav_item(
            NavItem("checklist:wizard", _("Checklist provincie"), PARTNER_ROLES, order=25, group="informatie")
        )
