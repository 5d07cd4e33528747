from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "weerbaar.registers"
    verbose_name = _("Basisregistraties")

    def ready(self) -> None:
        from . import demo, policies  # noqa: F401
        from .importers import contrib  # noqa: F401  (registers the importer plugins)
