from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site's own pages: the home page, the accessibility and privacy statements, health and
    the error pages. It sits on top: it may show what every capability offers."""

    name = "weerbaar.portal"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from weerbaar.core.access import Role
        from weerbaar.core.navigation import NavItem, add_nav_item

        add_nav_item(NavItem("portal:home", _("Start"), order=0))
        add_nav_item(
            NavItem("portal:beheer_users", _("Beheer"), frozenset({Role.BEHEERDER}), order=98, group="beheer")
        )
