from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "weerbaar.geo"
    verbose_name = _("Kaartviewer")

    def ready(self) -> None:
        from weerbaar.core.demo import demo_loaders
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import policies  # noqa: F401
        from .demo import load_public_layers

        add_nav_item(NavItem("geo:viewer", _("Kaart"), order=40))
        demo_loaders.register("30-layers")(load_public_layers)
