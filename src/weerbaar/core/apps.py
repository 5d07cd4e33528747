from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "weerbaar.core"
    verbose_name = _("Platform")

    def ready(self):
        from .branding import checks as branding_checks  # noqa: F401 (registers the theme check)
        from .db import checks  # noqa: F401 (registers the database backend check)
