"""Reads of the contact directory: the one way in, for the directory's pages and API and for the
apps that show a contact (a factsheet's contact point, the checklist's advice).

Every read of an entry happens inside `audited(...)` and writes one audit entry per entry shown
(object and data subject: the entry's key); a search also logs the question and the number of
answers. Page and API call the same selectors, so they log the same. Selectors return evaluated
objects (organisation, deputy and themes loaded), never a lazy queryset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import is_partner, policy_for
from weerbaar.search.selectors import search

from .models import Contact
from .search import FACETS, KIND

OBJECT_TYPE = "contact"
STALE_AFTER = dt.timedelta(days=365)


def _loaded() -> QuerySet[Contact]:
    return Contact.objects.select_related("organisation", "deputy", "deputy__organisation").prefetch_related(
        "themes", "themes__parent"
    )


def _visible(ctx: ProcessingContext) -> QuerySet[Contact]:
    return policy_for(Contact).visible(ctx, _loaded())


@dataclass
class ContactPage:
    contacts: list[Contact]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def contact_search(
    *,
    ctx: ProcessingContext,
    query: str = "",
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int | None = 50,
) -> ContactPage:
    """Search the directory (logged-in partners). Logged: the question with the number of
    entries found, and each entry shown."""
    chosen = {name: list(values) for name, values in (filters or {}).items() if name in FACETS and values}
    question = {"q": query, **chosen}
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.SEARCH) as record:
        if not is_partner(ctx):
            record.refused(detail=question)
            return ContactPage(contacts=[], total=0)
        result = search(ctx=ctx, query=query, kinds=[KIND], facets=chosen, per_page=limit)
        ids = [int(hit.object_id) for hit in result.hits]
        found = {c.pk: c for c in _visible(ctx).filter(pk__in=ids)}
        contacts = [found[i] for i in ids if i in found]
        record.answered(question=question, answer=result.total)
        record.disclosed_each([c.key for c in contacts], detail={"q": query})
    return ContactPage(contacts=contacts, total=result.total, facets=result.facets)


def contact_get(*, ctx: ProcessingContext, key: str) -> Contact | None:
    """One entry of the directory (logged-in partners), logged as viewed."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.VIEW) as record:
        if not is_partner(ctx):
            record.refused(object_id=key)
            return None
        contact = _visible(ctx).filter(key=key).first()
        if contact is not None:
            record.disclosed(object_id=contact.key, subject_id=contact.key)
    return contact


def contacts_by_key(*, ctx: ProcessingContext, keys: Sequence[str]) -> list[Contact]:
    """Entries in the given order, for a partner (the checklist's advice names them)."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.VIEW) as record:
        found = {c.key: c for c in _visible(ctx).filter(key__in=list(keys))}
        contacts = [found[k] for k in keys if k in found]
        record.disclosed_each([c.key for c in contacts], detail={"via": "checklist"})
    return contacts


def contact_points(
    *, ctx: ProcessingContext, ids: Iterable[int | None], action: Action = Action.VIEW
) -> dict[int, Contact]:
    """The entries named as a source's contact point (a factsheet's contact and reviewer), for
    everyone who may see the source: the catalog publishes them as DCAT publishes a contact
    point. Each entry shown or exported is logged."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    with audited(ctx, object_type=OBJECT_TYPE, action=action) as record:
        found = {c.pk: c for c in Contact.objects.select_related("organisation").filter(pk__in=wanted)}
        record.disclosed_each(sorted(c.key for c in found.values()), detail={"via": "contactpunt"})
    return found


@dataclass(frozen=True)
class ContactChoice:
    pk: int
    key: str
    label: str


def contact_choices(*, ctx: ProcessingContext) -> list[ContactChoice]:
    """The entries an editor may name (as a factsheet's contact, in a checklist rule): role and
    organisation, logged as a list shown."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.LIST) as record:
        if not is_partner(ctx):
            record.refused()
            return []
        rows = list(Contact.objects.select_related("organisation").order_by("key"))
        record.disclosed_each([c.key for c in rows], detail={"via": "keuzelijst"})
    return [ContactChoice(c.pk, c.key, f"{c.role_nl} — {c.organisation.name} ({c.key})") for c in rows]


@platform_processing("contact keys recorded in factsheet versions and checked in rule sets")
def contact_keys(*, ids: Iterable[int | None] | None = None) -> dict[int, str]:
    """Entry id -> key (all entries, or the ids given). The platform's own bookkeeping: a key
    names a role's entry and is shown to nobody here."""
    rows = Contact.objects.all()
    if ids is not None:
        rows = rows.filter(pk__in=[i for i in ids if i is not None])
    return dict(rows.values_list("pk", "key"))


def contacts_stale(*, ctx: ProcessingContext, today: dt.date | None = None) -> list[Contact]:
    """Entries not confirmed for a year, for the reminder asking each to confirm itself (the
    platform's own command): each one read is logged."""
    cutoff = (today or timezone.localdate()) - STALE_AFTER
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.LIST) as record:
        stale = list(Contact.objects.select_related("person").filter(reviewed_on__lt=cutoff).order_by("key"))
        record.disclosed_each([c.key for c in stale], detail={"via": "herinnering"})
    return stale
