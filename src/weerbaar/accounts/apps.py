from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "weerbaar.accounts"
    verbose_name = _("Gebruikers en rollen")

    def ready(self) -> None:
        from weerbaar.core.access import Role
        from weerbaar.core.navigation import NavItem, add_nav_item

        from . import demo, policies, signals  # noqa: F401

        signals.connect()

        add_nav_item(
            NavItem(
                "accounts:proposals",
                _("Toegang"),
                frozenset({Role.BEHEERDER, Role.FG}),
                order=97,
                group="beheer",
            )
        )
