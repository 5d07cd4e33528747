from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "weerbaar.registers"
    verbose_name = _("Basisregistraties")

    def ready(self) -> None:
        from weerbaar.core.access import Role
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies, subjects  # noqa: F401  (subjects: person, company, address, parcel)
        from .importers import contrib  # noqa: F401  (registers the importer plugins)

        add_nav_item(
            NavItem("registers:import", _("Registers importeren"), frozenset({Role.BEHEERDER}), order=95)
        )
