"""Reads of the knowledge network, each with the processing context.

Dilemma posts are personal data (their author): every read happens inside `audited(...)`, one
entry per post shown with the author's account as data subject — also for an anonymous post, so
the FG can find every disclosure of what a person wrote. Non-members get nothing and a refusal in
the log. What members see is a `ShownPost`: the author's name only when not anonymous.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.contacts.selectors import ContactPage, contact_search
from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.search.selectors import search

from .models import CaseStatus, DilemmaCase, DilemmaPost, DilemmaRoom, DilemmaStatus, KnowledgeItem
from .policies import rooms_of
from .search import CASE, DILEMMA, ITEM

OBJECT_TYPE = "kennis.dilemma"


@dataclass
class KnowledgePage:
    items: list[KnowledgeItem]
    cases: list[DilemmaCase]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def knowledge_search(
    *, ctx: ProcessingContext, query: str = "", filters: Mapping[str, Sequence[str]] | None = None
) -> KnowledgePage:
    """Items and published cases `ctx` may read, best match first (newest without a query)."""
    result = search(
        ctx=ctx,
        query=query,
        kinds=[ITEM, CASE],
        facets={k: list(v) for k, v in (filters or {}).items() if v},
        sort="relevance" if query else "freshness",
        per_page=50,
    )
    item_ids = [int(h.object_id) for h in result.hits if h.kind == ITEM]
    case_ids = [int(h.object_id) for h in result.hits if h.kind == CASE]
    items = {
        i.pk: i
        for i in policy_for(KnowledgeItem)
        .visible(ctx)
        .filter(pk__in=item_ids)
        .select_related("owner")
        .prefetch_related("themes")
    }
    cases = {c.pk: c for c in policy_for(DilemmaCase).visible(ctx).filter(pk__in=case_ids)}
    return KnowledgePage(
        items=[items[i] for i in item_ids if i in items],
        cases=[cases[i] for i in case_ids if i in cases],
        total=result.total,
        facets=result.facets,
    )


def item_get(*, ctx: ProcessingContext, pk: int) -> KnowledgeItem | None:
    return (
        policy_for(KnowledgeItem)
        .visible(ctx)
        .select_related("owner")
        .prefetch_related("themes")
        .filter(pk=pk)
        .first()
    )


def case_get(*, ctx: ProcessingContext, pk: int) -> DilemmaCase | None:
    return policy_for(DilemmaCase).visible(ctx).prefetch_related("themes").filter(pk=pk).first()


def case_drafts(*, ctx: ProcessingContext) -> list[DilemmaCase]:
    """The draft cases of `ctx`'s organisation (the policy shows no one else's)."""
    return list(policy_for(DilemmaCase).visible(ctx).filter(status=CaseStatus.CONCEPT).order_by("-id"))


def my_rooms(*, ctx: ProcessingContext) -> list[DilemmaRoom]:
    return list(rooms_of(ctx).order_by("name"))


@dataclass
class ShownPost:
    pk: int
    room: str
    title: str
    text: str
    status: str
    created_at: dt.datetime
    #: the author's name, or None when posted anonymously
    author: str | None
    own: bool
    #: closed: no reactions any more
    closed: bool = False
    #: whether `ctx` may close it (the policy's answer, for the page's button)
    can_close: bool = False
    replies: list[ShownPost] = field(default_factory=list)

    @property
    def author_label(self) -> str:
        return self.author or _("anoniem")


def _shown(ctx: ProcessingContext, post: DilemmaPost) -> ShownPost:
    own = ctx.actor is not None and post.author_id == ctx.actor.pk
    name = None if post.anonymous else (post.author.get_full_name() or post.author.get_username())
    return ShownPost(
        pk=post.pk,
        room=post.room.name,
        title=post.title,
        text=post.text,
        status=post.get_status_display(),
        created_at=post.created_at,
        author=name,
        own=own,
        closed=post.status == DilemmaStatus.CLOSED,
        can_close=own
        and post.status == DilemmaStatus.OPEN
        and post.parent_id is None
        and policy_for(DilemmaPost).can_change(ctx, post),
    )


def dilemma_list(*, ctx: ProcessingContext) -> list[ShownPost] | None:
    """The dilemmas (not the replies) of the rooms `ctx` is a member of; None for a non-member."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.LIST) as record:
        if not rooms_of(ctx).exists():
            record.refused(reason="geen lid van een besloten kamer")
            return None
        posts = list(
            policy_for(DilemmaPost)
            .visible(ctx)
            .filter(parent__isnull=True)
            .select_related("room", "author")[:100]
        )
        for post in posts:
            record.disclosed(object_id=str(post.pk), subject_id=str(post.author_id))
        return [_shown(ctx, p) for p in posts]


def dilemma_get(*, ctx: ProcessingContext, pk: int) -> ShownPost | None:
    """A dilemma with its replies, for a member of its room; None (and a refusal) otherwise."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.VIEW) as record:
        posts = policy_for(DilemmaPost).visible(ctx).select_related("room", "author")
        post = posts.filter(pk=pk, parent__isnull=True).first()
        if post is None:
            record.refused(object_id=str(pk), reason="geen lid van de kamer, of bestaat niet")
            return None
        replies = list(posts.filter(parent=post).order_by("created_at", "pk"))
        for p in [post, *replies]:
            record.disclosed(object_id=str(p.pk), subject_id=str(p.author_id))
        shown = _shown(ctx, post)
        shown.replies = [_shown(ctx, r) for r in replies]
        return shown


def dilemma_search(*, ctx: ProcessingContext, query: str) -> list[ShownPost]:
    """Posts of `ctx`'s rooms matching `query` (the search index holds no authors)."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.SEARCH) as record:
        keys = list(rooms_of(ctx).values_list("key", flat=True))
        if not keys:
            record.refused(detail={"q": query}, reason="geen lid van een besloten kamer")
            return []
        result = search(ctx=ctx, query=query, kinds=[DILEMMA], facets={"room": keys}, per_page=50)
        ids = [int(h.object_id) for h in result.hits]
        found = {
            p.pk: p
            for p in policy_for(DilemmaPost).visible(ctx).filter(pk__in=ids).select_related("room", "author")
        }
        posts = [found[i] for i in ids if i in found]
        record.answered(question={"q": query}, answer=len(posts))
        for post in posts:
            record.disclosed(object_id=str(post.pk), subject_id=str(post.author_id))
        return [_shown(ctx, p) for p in posts]


def dilemma_author_for_fg(*, ctx: ProcessingContext, pk: int) -> str | None:
    """Who wrote a post, for the FG (a complaint, an access request): logged with the reason."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.VIEW) as record:
        if not ctx.has_role(Role.FG):
            record.refused(object_id=str(pk), reason="alleen de functionaris gegevensbescherming")
            return None
        post = DilemmaPost.objects.select_related("author").filter(pk=pk).first()
        if post is None:
            return None
        record.disclosed(
            object_id=str(pk), subject_id=str(post.author_id), detail={"via": "auteur voor de FG"}
        )
        return post.author.get_username()


def network_directory(*, ctx: ProcessingContext, query: str = "", theme: str = "") -> ContactPage:
    """Who works on what: the contact directory, narrowed to a theme (its own selector, audited)."""
    return contact_search(ctx=ctx, query=query, filters={"theme": [theme]} if theme else None)
