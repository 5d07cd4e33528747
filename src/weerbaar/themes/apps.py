from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """A foundation app: it knows no capability app; catalog and contacts point at its themes."""

    name = "weerbaar.themes"
    verbose_name = _("Thema's")
