from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistConfig(AppConfig):
    name = "weerbaar.checklist"
    verbose_name = _("Checklist provincie")

    def ready(self) -> None:
        from . import policies  # noqa: F401
