"""Facet counts shaped for a page: values with labels, counts and whether they are chosen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def facet_groups(
    *,
    names: Sequence[str],
    titles: Mapping[str, Any],
    counts: Mapping[str, Mapping[str, int]],
    chosen: Mapping[str, Sequence[str]],
    labels: Mapping[str, Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """One group per facet, values ordered by count then label."""
    groups = []
    for name in names:
        values = [
            {
                "value": value,
                "label": labels.get(name, {}).get(value, value),
                "count": count,
                "checked": value in chosen.get(name, ()),
            }
            for value, count in counts.get(name, {}).items()
        ]
        values.sort(key=lambda v: (-v["count"], str(v["label"])))
        groups.append({"name": name, "label": titles[name], "values": values})
    return groups
