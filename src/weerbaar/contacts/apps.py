from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "weerbaar.contacts"
    verbose_name = _("Contactpersonen")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import policies, search  # noqa: F401  (the policy; the search kind "contact")

        add_nav_item(
            NavItem("contacts:list", _("Contactpersonen"), PARTNER_ROLES, order=30, group="samenwerking")
        )
