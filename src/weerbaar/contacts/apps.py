from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "weerbaar.contacts"
    verbose_name = _("Contactpersonen")

    def ready(self) -> None:
        from . import policies  # noqa: F401
