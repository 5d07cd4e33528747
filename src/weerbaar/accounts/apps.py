from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "weerbaar.accounts"
    verbose_name = _("Gebruikers en rollen")

    def ready(self) -> None:
        from . import demo, policies  # noqa: F401
