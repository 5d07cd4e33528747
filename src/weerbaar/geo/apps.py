from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "weerbaar.geo"
    verbose_name = _("Kaartviewer")

    def ready(self) -> None:
        from weerbaar.core.demo import demo_loaders
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.jobs.registry import job_kinds

        from . import imports, policies  # noqa: F401
        from .demo import load_public_layers

        job_kinds.register(
            imports.LAYER_IMPORT_JOB, may_start=imports.may_import, overseen_by=imports.may_import
        )(imports.layer_import_job)
        add_nav_item(NavItem("geo:viewer", _("Kaart"), order=40))
        demo_loaders.register("30-layers")(load_public_layers)
