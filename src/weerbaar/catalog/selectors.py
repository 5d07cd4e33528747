"""Reads of the catalog. Every read takes the processing context and returns only what the
policy allows.

Search runs on the one search index (`weerbaar.search`): the factsheet kind's visible levels
are applied in its SQL, so neither hits nor facet counts include a factsheet the context may
not see. A factsheet's contact point is a contact entry (personal data): it is read through
`contacts.selectors.contact_points`, which logs it, and attached to the factsheet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.contacts.selectors import contact_points
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import organisation_id_of, policy_for
from weerbaar.search.selectors import search

from .models import Distribution, Factsheet, FactsheetVersion
from .search import FACETS, KIND

__all__ = [
    "FACETS",
    "STALE_AFTER",
    "FactsheetPage",
    "factsheet_export",
    "factsheet_get",
    "factsheet_identifiers",
    "factsheet_list",
    "factsheet_search",
    "factsheet_titles",
    "factsheet_versions",
    "factsheets_maintained_by",
    "factsheets_stale_by_maintainer",
    "factsheets_stale_for",
    "is_stale",
]

STALE_AFTER = dt.timedelta(days=365)


def is_stale(factsheet: Factsheet, today: dt.date | None = None) -> bool:
    """Not reviewed in the last twelve months."""
    return factsheet.reviewed_on < (today or timezone.localdate()) - STALE_AFTER


def _base_queryset() -> QuerySet[Factsheet]:
    return Factsheet.objects.select_related("owner", "publisher", "maintainer").prefetch_related(
        "themes",
        "themes__parent",
        "legal_bases",
        Prefetch("distributions", Distribution.objects.order_by("position")),
    )


def _with_contacts(
    ctx: ProcessingContext, factsheets: list[Factsheet], *, action: Action = Action.VIEW
) -> list[Factsheet]:
    """Attach each factsheet's contact and reviewer (read and logged by the contacts app)."""
    points = contact_points(
        ctx=ctx, ids=[i for f in factsheets for i in (f.contact_id, f.reviewer_id)], action=action
    )
    for factsheet in factsheets:
        for field_name, entry in (("contact", factsheet.contact_id), ("reviewer", factsheet.reviewer_id)):
            Factsheet._meta.get_field(field_name).set_cached_value(  # type: ignore[union-attr]
                factsheet, points.get(entry) if entry is not None else None
            )
    return factsheets


@dataclass
class FactsheetPage:
    factsheets: list[Factsheet]
    total: int
    facets: dict[str, dict[str, int]]
    #: query word -> the index terms it was searched as (typos corrected, compounds)
    corrections: dict[str, list[str]] = field(default_factory=dict)


def factsheet_search(
    *,
    ctx: ProcessingContext,
    query: str = "",
    filters: Mapping[str, Sequence[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int | None = 20,
    detail: bool = False,
) -> FactsheetPage:
    """Search; `detail` also loads themes, legal bases, distributions and the contact point
    (the API shows them)."""
    result = search(
        ctx=ctx,
        query=query,
        kinds=[KIND],
        facets={k: v for k, v in (filters or {}).items() if k in FACETS},
        sort=sort,
        page=page,
        per_page=per_page,
    )
    keys = [int(hit.object_id) for hit in result.hits]
    rows = _base_queryset() if detail else Factsheet.objects.select_related("owner")
    found = {f.pk: f for f in policy_for(Factsheet).visible(ctx, rows.filter(pk__in=keys))}
    factsheets = [found[k] for k in keys if k in found]
    if detail:
        _with_contacts(ctx, factsheets)
    return FactsheetPage(
        factsheets=factsheets, total=result.total, facets=result.facets, corrections=result.corrections
    )


def factsheet_list(*, ctx: ProcessingContext) -> QuerySet[Factsheet]:
    """The factsheets `ctx` may see (without their contact points)."""
    return policy_for(Factsheet).visible(ctx, _base_queryset()).order_by("identifier")


def factsheets_for_theme(*, ctx: ProcessingContext, theme_codes: Sequence[str]) -> list[Factsheet]:
    """The factsheets `ctx` may see classified under any of these themes (a theme and its
    sub-topics), by title."""
    rows = Factsheet.objects.select_related("owner").filter(themes__code__in=list(theme_codes))
    return list(policy_for(Factsheet).visible(ctx, rows).distinct().order_by("title_nl"))


def factsheet_get(*, ctx: ProcessingContext, identifier: str) -> Factsheet | None:
    """One factsheet with its contact point and reviewer."""
    factsheet = factsheet_list(ctx=ctx).filter(identifier=identifier).first()
    return _with_contacts(ctx, [factsheet])[0] if factsheet is not None else None


def factsheet_export(*, ctx: ProcessingContext, format: str) -> list[Factsheet]:
    """Every factsheet `ctx` may see, with contact points, for an export (logged: the export,
    and each contact point exported)."""
    with audited(ctx, object_type="catalog", action=Action.EXPORT) as record:
        factsheets = list(factsheet_list(ctx=ctx))
        record.disclosed(detail={"format": format, "factsheets": len(factsheets)})
    return _with_contacts(ctx, factsheets, action=Action.EXPORT)


def factsheet_versions(*, ctx: ProcessingContext, factsheet: Factsheet) -> QuerySet[FactsheetVersion]:
    if not policy_for(Factsheet).can_view(ctx, factsheet):
        return FactsheetVersion.objects.none()
    return factsheet.versions.select_related("changed_by")


def factsheets_stale_for(*, ctx: ProcessingContext) -> QuerySet[Factsheet]:
    """The stale factsheets the context's organisation maintains: flagged to their owner."""
    organisation = organisation_id_of(ctx)
    if organisation is None:
        return Factsheet.objects.none()
    cutoff = timezone.localdate() - STALE_AFTER
    return factsheet_list(ctx=ctx).filter(maintainer_id=organisation, reviewed_on__lt=cutoff)


def factsheets_maintained_by(*, ctx: ProcessingContext) -> QuerySet[Factsheet]:
    organisation = organisation_id_of(ctx)
    if organisation is None:
        return Factsheet.objects.none()
    return factsheet_list(ctx=ctx).filter(maintainer_id=organisation)


def factsheets_stale_by_maintainer(*, ctx: ProcessingContext) -> dict[str, list[Factsheet]]:
    """Maintaining organisation code -> its stale factsheets (oldest review first), with their
    contact points: what the reminder mails each organisation."""
    cutoff = timezone.localdate() - STALE_AFTER
    stale = list(
        factsheet_list(ctx=ctx)
        .filter(reviewed_on__lt=cutoff)
        .order_by("maintainer__code", "reviewed_on", "identifier")
    )
    grouped: dict[str, list[Factsheet]] = defaultdict(list)
    for factsheet in _with_contacts(ctx, stale):
        grouped[factsheet.maintainer.code].append(factsheet)
    return dict(grouped)


def factsheet_identifiers() -> set[str]:
    """Every factsheet's identifier: what a checklist rule may refer to (checked on save)."""
    return set(Factsheet.objects.values_list("identifier", flat=True))


def factsheet_titles(*, ctx: ProcessingContext) -> list[tuple[str, str]]:
    """(identifier, Dutch title) of the factsheets `ctx` may see, by identifier: the choices a
    rule editor picks from."""
    return list(factsheet_list(ctx=ctx).values_list("identifier", "title_nl"))
