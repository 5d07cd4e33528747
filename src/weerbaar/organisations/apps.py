from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "weerbaar.organisations"
    verbose_name = _("Organisaties en regio")

    def ready(self) -> None:
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import policies  # noqa: F401

        add_nav_item(NavItem("organisations:list", _("Organisaties"), order=90, group="samenwerking"))
