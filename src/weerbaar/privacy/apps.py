from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "weerbaar.privacy"
    verbose_name = _("Verwerkingsregister")

    def ready(self) -> None:
        from . import policies  # noqa: F401
