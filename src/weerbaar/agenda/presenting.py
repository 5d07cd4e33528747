"""Snapshots shaped for the pages: sections per theme, and the rows of a diff with the words
kept, deleted and inserted (the templates mark them with `<del>` and `<ins>`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.organisations.models import Organisation

from .models import TEXT_FIELDS, ActionStatus
from .selectors import VersionComparison
from .versions import Segment, Snapshot, action_text, theme_name, word_segments

FIELD_LABELS = {
    "theme": _("Thema"),
    "title": _("Titel"),
    "goal": _("Doel"),
    "owners": _("Eigenaars"),
    "status": _("Status"),
    "results": _("Resultaten"),
    "policy_question": _("Beleidsvraag"),
    "order": _("Volgorde"),
}
LANGUAGE_LABELS = {"nl": _("Nederlands"), "de": _("Duits"), "en": _("Engels")}


def organisation_names() -> dict[str, str]:
    return dict(Organisation.objects.values_list("code", "name"))


@dataclass
class ShownAction:
    key: str
    title: str
    status: str
    status_label: str
    owners: list[str]
    goal: str
    results: str
    policy_question: str


def _shown(action: dict[str, Any], language: str, names: dict[str, str]) -> ShownAction:
    return ShownAction(
        key=action["key"],
        title=action_text(action, "title", language),
        status=action["status"],
        status_label=str(dict(ActionStatus.choices).get(action["status"], action["status"])),
        owners=[names.get(c, c) for c in action["owners"]],
        goal=action_text(action, "goal", language),
        results=action_text(action, "results", language),
        policy_question=action_text(action, "policy_question", language),
    )


@dataclass
class Section:
    code: str
    name: str
    actions: list[ShownAction]


def agenda_sections(snapshot: Snapshot, language: str) -> list[Section]:
    names = organisation_names()
    return [
        Section(
            code=theme["code"],
            name=theme_name(snapshot, theme["code"], language),
            actions=[
                _shown(a, language, names) for a in snapshot.get("actions", []) if a["theme"] == theme["code"]
            ],
        )
        for theme in snapshot.get("themes", [])
    ]


@dataclass
class ChangedField:
    label: str
    language: str
    segments: list[Segment]


@dataclass
class ChangedAction:
    key: str
    title: str
    fields: list[ChangedField] = field(default_factory=list)


@dataclass
class DiffRows:
    added: list[ShownAction]
    removed: list[ShownAction]
    changed: list[ChangedAction]


def _plain(name: str, value: Any, snapshot: Snapshot, language: str, names: dict[str, str]) -> str:
    if name == "owners":
        return ", ".join(names.get(c, c) for c in value or [])
    if name == "theme":
        return theme_name(snapshot, value, language)
    if name == "status":
        return str(dict(ActionStatus.choices).get(value, value))
    return "" if value is None else str(value)


def diff_rows(comparison: VersionComparison, language: str) -> DiffRows:
    names = organisation_names()
    old, new = comparison.old.snapshot, comparison.new.snapshot
    changed = []
    for change in comparison.diff.changed:
        row = ChangedAction(key=change.key, title=action_text(change.new, "title", language))
        for f in change.fields:
            if f.field in TEXT_FIELDS:
                segments = word_segments(f.old, f.new)
            else:
                before, after = (
                    _plain(f.field, f.old, old, language, names),
                    _plain(f.field, f.new, new, language, names),
                )
                segments = [Segment("-", before), Segment("+", after)]
            row.fields.append(
                ChangedField(
                    label=str(FIELD_LABELS[f.field]),
                    language=str(LANGUAGE_LABELS.get(f.language, "")),
                    segments=[s for s in segments if s.text],
                )
            )
        changed.append(row)
    return DiffRows(
        added=[_shown(a, language, names) for a in comparison.diff.added],
        removed=[_shown(a, language, names) for a in comparison.diff.removed],
        changed=changed,
    )
