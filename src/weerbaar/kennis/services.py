"""Writes on the knowledge network: typed, keyword-only, the acting context explicit, checked,
audited, and the search index kept up to date in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action as AuditAction
from weerbaar.audit.recording import Action, Record, audited
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.search.services import search_index_update
from weerbaar.themes.models import Theme

from .models import (
    CaseStatus,
    DilemmaCase,
    DilemmaPost,
    DilemmaRoom,
    DilemmaStatus,
    ItemKind,
    KnowledgeItem,
)
from .policies import member_of
from .search import CASE, DILEMMA, ITEM
from .selectors import OBJECT_TYPE

#: the texts in other languages an item may carry besides the Dutch title and summary
OTHER_TEXTS = frozenset({"title_de", "title_en", "summary_de", "summary_en"})


def _themes(codes: Sequence[str]) -> list[Theme]:
    found = {t.code: t for t in Theme.objects.filter(code__in=list(codes))}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({"themes": f"onbekend thema: {', '.join(unknown)}"})
    return [found[c] for c in codes]


@transaction.atomic
def item_create(
    *,
    ctx: ProcessingContext,
    kind: str,
    title_nl: str,
    summary_nl: str,
    themes: Sequence[str],
    tags: Sequence[str] = (),
    access_level: str = AccessLevel.INTERN,
    published_on: dt.date | None = None,
    fictitious: bool = False,
    **texts: str,
) -> KnowledgeItem:
    """Share a best practice, pilot result, instrument or model document of one's organisation."""
    require(policy_for(KnowledgeItem).can_create(ctx), "Alleen redacteuren van partners delen kennis.")
    if kind not in ItemKind.values:
        raise ValidationError({"kind": f"'{kind}' is geen soort kennis"})
    assert ctx.organisation_id is not None
    item = KnowledgeItem(
        kind=kind,
        title_nl=title_nl,
        summary_nl=summary_nl,
        tags=list(tags),
        access_level=access_level,
        owner_id=ctx.organisation_id,
        published_on=published_on or timezone.localdate(),
        fictitious=fictitious,
        created_by_id=ctx.actor.pk if ctx.actor is not None else None,
        **{k: v for k, v in texts.items() if k in OTHER_TEXTS},
    )
    found_themes = _themes(themes)
    item.full_clean()
    item.save()
    item.themes.set(found_themes)
    search_index_update(kind=ITEM, obj=item)
    audit_log(ctx=ctx, action=AuditAction.CREATE, object_type="kennis.item", object_id=str(item.pk))
    return item


@transaction.atomic
def item_update(
    *,
    ctx: ProcessingContext,
    pk: int,
    kind: str,
    title_nl: str,
    summary_nl: str,
    themes: Sequence[str],
    tags: Sequence[str] = (),
    access_level: str = AccessLevel.INTERN,
    **texts: str,
) -> KnowledgeItem:
    """Change an item of one's own organisation; the search index follows in the same transaction.
    A refused change (bad field, unknown theme) leaves the item and its index entry as they were."""
    item = KnowledgeItem.objects.select_for_update().filter(pk=pk).first()
    if item is None:
        raise ValidationError({"pk": f"geen kennisitem {pk}"})
    require(
        policy_for(KnowledgeItem).can_change(ctx, item),
        "Alleen redacteuren van de eigenaar wijzigen dit kennisitem.",
    )
    unknown = set(texts) - OTHER_TEXTS
    if unknown:
        raise ValidationError({name: "dit veld bestaat niet" for name in sorted(unknown)})
    if kind not in ItemKind.values:
        raise ValidationError({"kind": f"'{kind}' is geen soort kennis"})
    found_themes = _themes(themes)
    item.kind, item.title_nl, item.summary_nl = kind, title_nl, summary_nl
    item.tags, item.access_level = list(tags), access_level
    for name, value in texts.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    item.themes.set(found_themes)
    search_index_update(kind=ITEM, obj=item)
    audit_log(ctx=ctx, action=AuditAction.UPDATE, object_type="kennis.item", object_id=str(item.pk))
    return item


@transaction.atomic
def dilemma_post(
    *,
    ctx: ProcessingContext,
    room: str,
    text: str,
    title: str = "",
    anonymous: bool = False,
    parent: int | None = None,
) -> DilemmaPost:
    """A dilemma (or a reply to one) in a room `ctx` is a member of. The author is recorded
    always; `anonymous` hides the name from the other members."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.CREATE) as record:
        found = DilemmaRoom.objects.filter(key=room).first()
        if found is None or not member_of(ctx, found):
            record.refused(reason="geen lid van de kamer", detail={"kamer": room})
            require(False, "Alleen leden van deze kamer plaatsen hier.")
        assert found is not None and ctx.actor is not None
        parent_post = None
        if parent is not None:
            parent_post = DilemmaPost.objects.filter(pk=parent, room=found, parent__isnull=True).first()
            if parent_post is None:
                raise ValidationError({"parent": "dit dilemma bestaat niet in deze kamer"})
            if parent_post.status == DilemmaStatus.CLOSED:
                raise ValidationError({"parent": "dit dilemma is gesloten: reageren kan niet meer"})
        elif not title.strip():
            raise ValidationError({"title": "geef het dilemma een titel"})
        post = DilemmaPost(
            room=found,
            parent=parent_post,
            author_id=ctx.actor.pk,
            anonymous=anonymous,
            title=title.strip(),
            text=text.strip(),
        )
        post.full_clean()
        post.save()
        search_index_update(kind=DILEMMA, obj=post)
        record.disclosed(
            object_id=str(post.pk), subject_id=str(post.author_id), detail={"anoniem": anonymous}
        )
        return post


@transaction.atomic
def dilemma_close(*, ctx: ProcessingContext, pk: int) -> DilemmaPost:
    """Close a dilemma (its author): no reactions after this; a closed dilemma may become a case."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        post = (
            DilemmaPost.objects.select_for_update()
            .select_related("room")
            .filter(pk=pk, parent__isnull=True)
            .first()
        )
        if post is None or not policy_for(DilemmaPost).can_change(ctx, post):
            record.refused(object_id=str(pk))
            require(False, "Alleen wie het dilemma voorlegde, sluit het.")
        assert post is not None
        if post.status == DilemmaStatus.CLOSED:
            raise ValidationError({"status": "dit dilemma is al gesloten"})
        post.status = DilemmaStatus.CLOSED
        post.save(update_fields=["status"])
        record.disclosed(object_id=str(pk), subject_id=str(post.author_id), detail={"status": "gesloten"})
        return post


def _case_source(ctx: ProcessingContext, record: Record, post: int) -> DilemmaPost:
    """The closed dilemma a case is written from: `ctx` is a member of its room, it has no case yet."""
    source = DilemmaPost.objects.select_related("room").filter(pk=post, parent__isnull=True).first()
    if source is None or not member_of(ctx, source.room):
        record.refused(object_id=str(post))
        require(False, "Alleen leden van de kamer schrijven een casus uit een dilemma.")
    assert source is not None
    if source.status != DilemmaStatus.CLOSED:
        raise ValidationError({"post": "alleen een gesloten dilemma wordt een casus"})
    if DilemmaCase.objects.filter(source=source).exists():
        raise ValidationError({"post": "dit dilemma is al als casus gepubliceerd"})
    return source


def _case_new(
    ctx: ProcessingContext,
    *,
    title: str,
    text: str,
    lesson: str,
    themes: Sequence[str],
    source: DilemmaPost | None = None,
) -> DilemmaCase:
    require(policy_for(DilemmaCase).can_create(ctx), "Alleen redacteuren van partners schrijven casussen.")
    found_themes = _themes(themes)
    case = DilemmaCase(
        title=title.strip(),
        text=text.strip(),
        lesson=lesson.strip(),
        source=source,
        status=CaseStatus.CONCEPT,
        owner_id=ctx.organisation_id,
        created_by_id=ctx.actor.pk if ctx.actor is not None else None,
        access_level=AccessLevel.INTERN,
    )
    case.full_clean()
    case.save()
    case.themes.set(found_themes)
    return case


@transaction.atomic
def case_draft(
    *,
    ctx: ProcessingContext,
    title: str,
    text: str,
    lesson: str = "",
    themes: Sequence[str] = (),
    post: int | None = None,
) -> DilemmaCase:
    """Draft a case (praktijkvoorbeeld) for one's organisation; other partners read it only once
    published. With `post`, the case is written from a closed dilemma of the drafter's room —
    anonymised: the drafter's rewrite, no author."""
    if post is None:
        case = _case_new(ctx, title=title, text=text, lesson=lesson, themes=themes)
        audit_log(ctx=ctx, action=AuditAction.CREATE, object_type="kennis.casus", object_id=str(case.pk))
        return case
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.DISCLOSE) as record:
        source = _case_source(ctx, record, post)
        case = _case_new(ctx, title=title, text=text, lesson=lesson, themes=themes, source=source)
        record.disclosed(object_id=str(post), subject_id=str(source.author_id), detail={"casus": case.pk})
        return case


@transaction.atomic
def case_update(
    *, ctx: ProcessingContext, pk: int, title: str, text: str, lesson: str = "", themes: Sequence[str] = ()
) -> DilemmaCase:
    """Change a draft case (an editor of its organisation); a published case is not changed."""
    case = DilemmaCase.objects.select_for_update().filter(pk=pk).first()
    if case is None:
        raise ValidationError({"pk": f"geen casus {pk}"})
    require(
        policy_for(DilemmaCase).can_change(ctx, case),
        "Alleen redacteuren van de eigenaar wijzigen een concept-casus.",
    )
    found_themes = _themes(themes)
    case.title, case.text, case.lesson = title.strip(), text.strip(), lesson.strip()
    # the source is not changed here (and checking it would read the dilemma outside an audit)
    case.full_clean(exclude=["source"])
    case.save()
    case.themes.set(found_themes)
    audit_log(ctx=ctx, action=AuditAction.UPDATE, object_type="kennis.casus", object_id=str(pk))
    return case


@transaction.atomic
def case_draft_publish(*, ctx: ProcessingContext, pk: int) -> DilemmaCase:
    """Publish a draft case for all partners: dated today and entered in the search index."""
    case = DilemmaCase.objects.select_for_update().filter(pk=pk).first()
    if case is None:
        raise ValidationError({"pk": f"geen casus {pk}"})
    if case.status == CaseStatus.PUBLISHED:
        raise ValidationError({"status": "deze casus is al gepubliceerd"})
    require(
        policy_for(DilemmaCase).can_change(ctx, case),
        "Alleen redacteuren van de eigenaar publiceren een concept-casus.",
    )
    case.status = CaseStatus.PUBLISHED
    case.published_on = timezone.localdate()
    case.save(update_fields=["status", "published_on"])
    search_index_update(kind=CASE, obj=case)
    audit_log(
        ctx=ctx,
        action=AuditAction.UPDATE,
        object_type="kennis.casus",
        object_id=str(pk),
        detail={"status": CaseStatus.PUBLISHED},
    )
    return case


@transaction.atomic
def case_publish(
    *, ctx: ProcessingContext, post: int, title: str, text: str, lesson: str = "", themes: Sequence[str] = ()
) -> DilemmaCase:
    """Publish a closed dilemma as an anonymised case in one step (draft and publish): the member
    writes the case anew (no names, no author); the post itself stays in the room."""
    case = case_draft(ctx=ctx, post=post, title=title, text=text, lesson=lesson, themes=themes)
    return case_draft_publish(ctx=ctx, pk=case.pk)
