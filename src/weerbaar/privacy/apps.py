from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "weerbaar.privacy"
    verbose_name = _("Verwerkingsregister")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.clearance import set_clearance_source
        from weerbaar.core.context import set_legacy_context_factory
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.organisations.region_loader import region_sections

        from . import policies  # noqa: F401
        from .clearance import clearance_of
        from .context import legacy_context
        from .services import grants_load

        set_clearance_source(lambda user, verified: clearance_of(user, second_factor=verified))
        set_legacy_context_factory(legacy_context)
        # a region's manifest names its organisations' legal-basis grants (region.yaml: grants)
        region_sections.register("grants")(lambda rows: grants_load(rows=rows))
        add_nav_item(
            NavItem("privacy:register", _("Verwerkingsregister"), PARTNER_ROLES, order=95, group="informatie")
        )
