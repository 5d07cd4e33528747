"""Reads of the catalog. Every read takes the user and returns only what the policy allows.

Search runs on an in-memory index of all factsheets (rebuilt when the catalog changes); the
policy's allowed access levels are passed as a restriction, so hits never include a factsheet
the user may not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from weerbaar.core.policies import policy_for

from .models import Distribution, Factsheet, FactsheetVersion, Theme
from .policies import visible_factsheet_levels
from .search import Document
from .search.cache import IndexCache

STALE_AFTER = dt.timedelta(days=365)
FACETS = ("owner", "theme", "access", "personal", "format")


def is_stale(factsheet: Factsheet, today: dt.date | None = None) -> bool:
    """Not reviewed in the last twelve months."""
    return factsheet.reviewed_on < (today or timezone.localdate()) - STALE_AFTER


def _base_queryset() -> QuerySet[Factsheet]:
    return Factsheet.objects.select_related(
        "owner", "publisher", "maintainer", "contact", "contact__organisation", "reviewer"
    ).prefetch_related(
        "themes",
        "themes__parent",
        "legal_bases",
        Prefetch("distributions", Distribution.objects.order_by("position")),
    )


def factsheet_document(factsheet: Factsheet) -> Document:
    themes = list(factsheet.themes.all())
    theme_codes = {t.code for t in themes} | {t.parent.code for t in themes if t.parent_id}
    theme_names = " ".join(f"{t.name_nl} {t.name_de} {t.name_en}" for t in themes)
    return Document(
        key=factsheet.pk,
        fields={
            "title": f"{factsheet.title_nl} {factsheet.title_de} {factsheet.title_en}",
            "keywords": " ".join(factsheet.keywords) + " " + theme_names,
            "description": " ".join(
                [
                    factsheet.description_nl,
                    factsheet.description_de,
                    factsheet.description_en,
                    factsheet.owner.name,
                    factsheet.identifier,
                ]
            ),
        },
        facets={
            "owner": (factsheet.owner.code,),
            "theme": tuple(sorted(theme_codes)),
            "access": (factsheet.access_level,),
            "personal": ("ja" if factsheet.personal_data else "nee",),
            "format": tuple(sorted({d.format for d in factsheet.distributions.all()})),
        },
        freshness=factsheet.reviewed_on,
    )


catalog_index = IndexCache(Factsheet, lambda: (factsheet_document(f) for f in _base_queryset()))


@dataclass
class FactsheetPage:
    factsheets: list[Factsheet]
    total: int
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]]


def factsheet_search(
    *,
    user: Any,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    offset: int = 0,
    limit: int | None = 20,
    detail: bool = False,
) -> FactsheetPage:
    """Search; `detail` also loads themes, legal bases and distributions (the API shows them)."""
    result = catalog_index.get().search(
        query,
        filters={k: v for k, v in (filters or {}).items() if k in FACETS},
        restrict={"access": visible_factsheet_levels(user)},
        sort=sort,
        offset=offset,
        limit=limit,
    )
    keys = [key for key, _ in result.hits]
    rows = _base_queryset() if detail else Factsheet.objects.select_related("owner")
    found = {f.pk: f for f in policy_for(Factsheet).visible(user, rows.filter(pk__in=keys))}
    return FactsheetPage(
        factsheets=[found[k] for k in keys if k in found],
        total=result.total,
        facets=result.facets,
        expansions=result.expansions,
    )


def factsheet_list(*, user: Any) -> QuerySet[Factsheet]:
    return policy_for(Factsheet).visible(user, _base_queryset()).order_by("identifier")


def factsheet_get(*, user: Any, identifier: str) -> Factsheet | None:
    return factsheet_list(user=user).filter(identifier=identifier).first()


def factsheet_versions(*, user: Any, factsheet: Factsheet) -> QuerySet[FactsheetVersion]:
    if not policy_for(Factsheet).can_view(user, factsheet):
        return FactsheetVersion.objects.none()
    return factsheet.versions.select_related("changed_by")


def factsheets_stale_for(*, user: Any) -> QuerySet[Factsheet]:
    """The stale factsheets the user's organisation maintains: flagged to their owner."""
    if getattr(user, "organisation_id", None) is None:
        return Factsheet.objects.none()
    cutoff = timezone.localdate() - STALE_AFTER
    return factsheet_list(user=user).filter(maintainer_id=user.organisation_id, reviewed_on__lt=cutoff)


def factsheets_maintained_by(*, user: Any) -> QuerySet[Factsheet]:
    if getattr(user, "organisation_id", None) is None:
        return Factsheet.objects.none()
    return factsheet_list(user=user).filter(maintainer_id=user.organisation_id)


def theme_tree() -> list[Theme]:
    """The five themes with their sub-topics (reference data, public)."""
    return list(Theme.objects.filter(parent__isnull=True).prefetch_related("subtopics"))
