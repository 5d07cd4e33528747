from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """A foundation app: it knows no capability app; catalog and contacts point at its themes."""

    name = "weerbaar.themes"
    verbose_name = _("Thema's")

    def ready(self) -> None:
        from weerbaar.privacy.labels import legal_basis_names_add

        from .starter import legal_basis_names

        # the vocabularies' bases are named per language wherever a basis is shown
        legal_basis_names_add(legal_basis_names)
