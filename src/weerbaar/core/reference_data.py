"""Reference tables an app ships with (kinds of finding, visit topics, notification channels).

A data migration alone is not enough: `flush` (and every transactional test) empties all tables,
and Django sends `post_migrate` after `migrate` and after `flush` alike, as it does for content
types and permissions. An app registers its idempotent seed here once; the seed then runs after
both, on every database that holds the app's tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models.signals import post_migrate

#: seed(apps=..., using=...): creates or updates the rows; may run any number of times
Seed = Callable[..., None]


def seed_reference_data(app_config: AppConfig, seed: Seed) -> None:
    """Run `seed` after every `migrate` and `flush` of the database that holds `app_config`'s tables."""

    def receiver(
        sender: AppConfig, *, using: str = DEFAULT_DB_ALIAS, apps: Any = global_apps, **kwargs: Any
    ) -> None:
        if not router.allow_migrate(using, app_config.label):
            return
        try:
            apps.get_app_config(app_config.label)
        except LookupError:  # migrated back to before the app existed
            return
        seed(apps=apps, using=using)

    post_migrate.connect(
        receiver, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}-reference-data"
    )
