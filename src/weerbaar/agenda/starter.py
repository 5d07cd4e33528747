"""Version 1 of the agenda: the five themes and the actions of the letter of 15 March 2021.

`first_version_read` reads and checks `starter/agenda-2021.yaml` (writes nothing; errors name the
theme, the action and the field); `first_version_load` stores the actions as the working copy and
freezes them as version 1 — once: when any version exists it does nothing (idempotent, for
`make run` and the data migration alike).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from weerbaar.organisations.models import Organisation
from weerbaar.themes.models import Theme
from weerbaar.themes.selectors import theme_tree
from weerbaar.themes.starter import vocabularies_load

from .models import Action as AgendaAction
from .models import ActionStatus, AgendaVersion
from .versions import LANGUAGES, snapshot_of

FIRST_VERSION = Path(__file__).resolve().parent / "starter" / "agenda-2021.yaml"
_TEXTS = ("title", "goal", "results", "policy_question")


class AgendaFileError(ValueError):
    """The agenda file cannot be used; the message names the theme, action and field."""


def first_version_read(path: Path = FIRST_VERSION) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AgendaFileError(f"{path.name}: kan niet gelezen worden ({exc})") from exc
    seen: set[str] = set()
    for theme, actions in (data.get("actions") or {}).items():
        for n, action in enumerate(actions, start=1):
            where = f"{path.name}: thema {theme}, actie {n} ({action.get('key', '?')})"
            if not action.get("key") or action["key"] in seen:
                raise AgendaFileError(f"{where}: veld 'key' ontbreekt of komt twee keer voor")
            seen.add(action["key"])
            if not (action.get("title") or {}).get("nl"):
                raise AgendaFileError(f"{where}: veld 'title.nl' ontbreekt")
            if action.get("status") not in ActionStatus.values:
                raise AgendaFileError(f"{where}: veld 'status' is geen van {', '.join(ActionStatus.values)}")
    return data


@transaction.atomic
def first_version_load(path: Path = FIRST_VERSION) -> AgendaVersion | None:
    """Store the letter's actions and freeze them as version 1; None when a version exists."""
    if AgendaVersion.objects.exists():
        return None
    data = first_version_read(path)
    vocabularies_load()
    themes = {t.code: t for t in Theme.objects.filter(parent__isnull=True)}
    organisations = {o.code: o for o in Organisation.objects.all()}
    for theme_code, actions in data["actions"].items():
        if theme_code not in themes:
            raise AgendaFileError(f"{path.name}: thema '{theme_code}' bestaat niet")
        for order, row in enumerate(actions, start=1):
            missing = [c for c in row.get("owners", []) if c not in organisations]
            if missing:
                raise AgendaFileError(f"{path.name}: actie {row['key']}, veld 'owners': onbekend {missing}")
            texts = {
                f"{name}_{lang}": (row.get(name) or {}).get(lang, "") for name in _TEXTS for lang in LANGUAGES
            }
            action, _ = AgendaAction.objects.update_or_create(
                key=row["key"],
                defaults={"theme": themes[theme_code], "status": row["status"], "order": order, **texts},
            )
            action.owners.set([organisations[c] for c in row.get("owners", [])])
    meta = data["version"]
    organisation = organisations.get(meta.get("organisation", ""))
    return draft_freeze(
        author=None,
        author_name=meta["author"],
        organisation_id=organisation.pk if organisation else None,
        reason=meta["reason"],
        dvo=bool(meta.get("dvo")),
        published_on=meta["published_on"],
    )


def draft_freeze(
    *,
    author: Any,
    author_name: str,
    organisation_id: int | None,
    reason: str,
    dvo: bool,
    published_on: dt.date | None = None,
) -> AgendaVersion:
    """The whole working copy as the next version. Callers check who may publish (the service)
    or are the platform itself (version 1, the demo); the caller holds the transaction."""
    latest = AgendaVersion.objects.select_for_update().order_by("-number").first()
    actions = AgendaAction.objects.select_related("theme").prefetch_related("owners")
    version = AgendaVersion(
        number=(latest.number + 1) if latest else 1,
        published_on=published_on or timezone.localdate(),
        author=author,
        author_name=author_name,
        organisation_id=organisation_id,
        reason=reason,
        dvo=dvo,
        snapshot=snapshot_of(actions, theme_tree()),
    )
    version.full_clean()
    version.save()
    return version
