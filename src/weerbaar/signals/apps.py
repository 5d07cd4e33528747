from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "weerbaar.signals"
    verbose_name = _("Signalen en casussen")

    def ready(self) -> None:
        from weerbaar.core.demo import demo_loaders
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.privacy.context import area_scope_sources

        from . import policies, subjects  # noqa: F401  (subjects: the vehicle kind, the sources)
        from .demo import load_demo_signals
        from .selectors.area import municipalities_worked_in
        from .workflow import WORKER_ROLES

        add_nav_item(NavItem("signals:list", _("Signalen"), WORKER_ROLES, order=20, group="signalen"))
        add_nav_item(
            NavItem("signals:bottlenecks", _("Knelpunten"), WORKER_ROLES, order=21, group="signalen")
        )
        add_nav_item(
            NavItem("signals:disclosures", _("Verstrekkingen"), WORKER_ROLES, order=22, group="signalen")
        )
        demo_loaders.register("60-signals")(load_demo_signals)
        area_scope_sources.register("signals")(municipalities_worked_in)
