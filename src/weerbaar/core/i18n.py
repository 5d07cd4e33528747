"""Fields kept per language (`title_nl`, `title_de`, `title_en`) read in the active language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def translated(obj: Any, stem: str) -> str:
    """The field `<stem>_<language>` for the active language, falling back to Dutch."""
    language = (get_language() or "nl")[:2]
    return getattr(obj, f"{stem}_{language}", "") or getattr(obj, f"{stem}_nl")
