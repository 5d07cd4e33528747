from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "weerbaar.audit"
    verbose_name = _("Logboek dataverwerkingen")

    def ready(self) -> None:
        from . import policies  # noqa: F401
