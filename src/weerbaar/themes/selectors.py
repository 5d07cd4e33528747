"""Reads of the themes: public reference data, the same for everyone."""

from __future__ import annotations

from .models import Theme


def theme_tree() -> list[Theme]:
    """The five themes with their sub-topics."""
    return list(Theme.objects.filter(parent__isnull=True).prefetch_related("subtopics"))


def theme_names() -> dict[str, str]:
    """Theme code -> its name in the active language (facet labels)."""
    return {t.code: t.name for t in Theme.objects.all()}


def themes_with_parent() -> list[Theme]:
    """Every theme and sub-topic (choices in forms), with its parent loaded."""
    return list(Theme.objects.select_related("parent"))
