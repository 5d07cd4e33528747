from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "weerbaar.audit"
    verbose_name = _("Logboek dataverwerkingen")

    def ready(self) -> None:
        from weerbaar.core.access import Role
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import checks, policies  # noqa: F401

        add_nav_item(NavItem("audit:search", _("Logboek"), frozenset({Role.FG}), order=96))
