"""Writes on the knowledge network: typed, keyword-only, the acting context explicit, checked,
audited, and the search index kept up to date in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action as AuditAction
from weerbaar.audit.recording import Action, audited
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.search.services import search_index_update
from weerbaar.themes.models import Theme

from .models import DilemmaCase, DilemmaPost, DilemmaRoom, DilemmaStatus, ItemKind, KnowledgeItem
from .policies import member_of
from .search import CASE, DILEMMA, ITEM
from .selectors import OBJECT_TYPE


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
        **{k: v for k, v in texts.items() if k in {"title_de", "title_en", "summary_de", "summary_en"}},
    )
    item.full_clean()
    item.save()
    item.themes.set(_themes(themes))
    search_index_update(kind=ITEM, obj=item)
    audit_log(ctx=ctx, action=AuditAction.CREATE, object_type="kennis.item", object_id=str(item.pk))
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
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        post = DilemmaPost.objects.select_related("room").filter(pk=pk, parent__isnull=True).first()
        if post is None or not policy_for(DilemmaPost).can_change(ctx, post):
            record.refused(object_id=str(pk))
            require(False, "Alleen leden van de kamer sluiten een dilemma.")
        assert post is not None
        post.status = DilemmaStatus.CLOSED
        post.save(update_fields=["status"])
        record.disclosed(object_id=str(pk), subject_id=str(post.author_id), detail={"status": "gesloten"})
        return post


@transaction.atomic
def case_publish(
    *, ctx: ProcessingContext, post: int, title: str, text: str, lesson: str = "", themes: Sequence[str] = ()
) -> DilemmaCase:
    """Publish a closed dilemma as an anonymised case for all partners. The member writes the
    case anew (no names, no author); the post itself stays in the room."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.DISCLOSE) as record:
        source = DilemmaPost.objects.select_related("room").filter(pk=post, parent__isnull=True).first()
        if source is None or not member_of(ctx, source.room):
            record.refused(object_id=str(post))
            require(False, "Alleen leden van de kamer publiceren een casus.")
        assert source is not None
        if source.status != DilemmaStatus.CLOSED:
            raise ValidationError({"post": "alleen een gesloten dilemma wordt een casus"})
        if DilemmaCase.objects.filter(source=source).exists():
            raise ValidationError({"post": "dit dilemma is al als casus gepubliceerd"})
        case = DilemmaCase(
            title=title.strip(),
            text=text.strip(),
            lesson=lesson.strip(),
            source=source,
            published_on=timezone.localdate(),
            access_level=AccessLevel.INTERN,
        )
        case.full_clean()
        case.save()
        case.themes.set(_themes(themes))
        search_index_update(kind=CASE, obj=case)
        record.disclosed(object_id=str(post), subject_id=str(source.author_id), detail={"casus": case.pk})
        return case
