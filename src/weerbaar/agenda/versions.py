"""Snapshots of the agenda and the difference between two of them.

A snapshot is plain JSON, the same shape in the database, the API and the PDF::

    {"themes": [{"code": ..., "name": {"nl": ..., "de": ..., "en": ...}}],
     "actions": [{"key": ..., "theme": code, "title": {"nl": ...}, "goal": {...},
                  "owners": [organisation codes], "status": ..., "results": {...},
                  "policy_question": {...}, "order": n, "access_level": ...}]}

`snapshot_diff` compares two snapshots action by action (by key): added, removed and changed
actions, and for a changed one each field with its old and new value. A text is compared per
language; `word_segments` splits an old and a new text into the words kept, deleted and
inserted, which the diff page shows as `<del>`/`<ins>`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .models import TEXT_FIELDS, VERSIONED_FIELDS, Action

LANGUAGES = ("nl", "de", "en")
Snapshot = Mapping[str, Any]


def action_record(action: Action) -> dict[str, Any]:
    """One action of the working copy as a snapshot entry (owners and theme by code)."""
    record: dict[str, Any] = {
        "key": action.key,
        "theme": action.theme.code,
        "owners": sorted(o.code for o in action.owners.all()),
        "status": action.status,
        "order": action.order,
        "access_level": action.access_level,
    }
    for name in TEXT_FIELDS:
        record[name] = {lang: getattr(action, f"{name}_{lang}") for lang in LANGUAGES}
    return record


def snapshot_of(actions: Iterable[Action], themes: Iterable[Any]) -> dict[str, Any]:
    """The whole agenda (themes in their order, actions ordered by theme, order and key)."""
    theme_list = [
        {"code": t.code, "name": {lang: getattr(t, f"name_{lang}") for lang in LANGUAGES}} for t in themes
    ]
    position = {t["code"]: i for i, t in enumerate(theme_list)}
    records = [action_record(a) for a in actions]
    records.sort(key=lambda r: (position.get(r["theme"], len(position)), r["order"], r["key"]))
    return {"themes": theme_list, "actions": records}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    #: for a text: the language that changed
    language: str = ""


@dataclass
class ActionChange:
    key: str
    old: dict[str, Any]
    new: dict[str, Any]
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class AgendaDiff:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[ActionChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "toegevoegd": [a["key"] for a in self.added],
            "verwijderd": [a["key"] for a in self.removed],
            "gewijzigd": [
                {
                    "sleutel": c.key,
                    "velden": [
                        {"veld": f.field, "taal": f.language, "oud": f.old, "nieuw": f.new} for f in c.fields
                    ],
                }
                for c in self.changed
            ],
        }


def _field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in VERSIONED_FIELDS:
        before, after = old.get(name), new.get(name)
        if name in TEXT_FIELDS:
            before, after = before or {}, after or {}
            changes.extend(
                FieldChange(name, before.get(lang, ""), after.get(lang, ""), lang)
                for lang in LANGUAGES
                if before.get(lang, "") != after.get(lang, "")
            )
        elif before != after:
            changes.append(FieldChange(name, before, after))
    return changes


def snapshot_diff(old: Snapshot, new: Snapshot) -> AgendaDiff:
    """What changed from `old` to `new`, in the order of `new` (removed ones in the order of `old`)."""
    before = {a["key"]: a for a in old.get("actions", [])}
    after = {a["key"]: a for a in new.get("actions", [])}
    diff = AgendaDiff()
    for key, action in after.items():
        if key not in before:
            diff.added.append(action)
            continue
        fields = _field_changes(before[key], action)
        if fields:
            diff.changed.append(ActionChange(key=key, old=before[key], new=action, fields=fields))
    diff.removed = [a for k, a in before.items() if k not in after]
    return diff


@dataclass(frozen=True)
class Segment:
    """A run of words: kept (`op` = "="), deleted ("-") or inserted ("+")."""

    op: str
    text: str


def word_segments(old: str, new: str) -> list[Segment]:
    """The words of `old` and `new`, marked as kept, deleted or inserted (whitespace kept)."""
    a, b = str(old).split(" "), str(new).split(" ")
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("=", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("-", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("+", " ".join(b[j1:j2])))
    return segments


def action_text(record: Mapping[str, Any], name: str, language: str) -> str:
    """A text field of a snapshot entry in `language`, falling back to Dutch."""
    texts = record.get(name) or {}
    return texts.get(language) or texts.get("nl", "")


def theme_name(snapshot: Snapshot, code: str, language: str) -> str:
    for theme in snapshot.get("themes", []):
        if theme["code"] == code:
            return theme["name"].get(language) or theme["name"]["nl"]
    return code
