"""A theme that cannot be used stops `runserver`, `migrate` and `check --deploy` at start-up with
the file, the key and the reason, instead of the first page failing."""

from typing import Any

from django.core import checks

from .loading import ThemeError, current_theme


@checks.register()
def check_theme(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        current_theme()
    except ThemeError as error:
        return [
            checks.Error(
                f"{error.key}: {error.reason}",
                hint="See docs/theming.md for the keys of theme.yaml and the contrast rule.",
                obj=str(error.path),
                id="core.E002",
            )
        ]
    return []
