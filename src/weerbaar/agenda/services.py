"""Writes on the agenda: typed, keyword-only, the acting context explicit, checked and audited.

Editing changes the working copy (the draft); `agenda_publish` freezes the whole draft into the
next version with the author and the reason. Versions are never changed afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from weerbaar.audit.models import Action as AuditAction
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation
from weerbaar.themes.models import Theme
from weerbaar.themes.selectors import theme_tree

from .models import TEXT_FIELDS, Action, ActionComment, ActionStatus, AgendaVersion
from .policies import keeps_the_agenda
from .starter import draft_freeze
from .versions import LANGUAGES, snapshot_diff, snapshot_of

OBJECT_TYPE = "agenda.actie"
EDITABLE = {f"{name}_{lang}" for name in TEXT_FIELDS for lang in LANGUAGES} | {"status", "order"}
#: keys the pages use as words of their own (`/agenda/acties/nieuw`)
RESERVED_KEYS = frozenset({"nieuw"})


def _actor_pk(ctx: ProcessingContext) -> Any:
    return ctx.actor.pk if ctx.actor is not None else None


def _organisations(codes: Sequence[str]) -> list[Organisation]:
    found = {o.code: o for o in Organisation.objects.filter(code__in=list(codes))}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({"owners": f"onbekende organisatie(s): {', '.join(unknown)}"})
    return [found[c] for c in codes]


def _theme(code: str) -> Theme:
    theme = Theme.objects.filter(code=code, parent__isnull=True).first()
    if theme is None:
        raise ValidationError({"theme": f"'{code}' is geen thema van de agenda"})
    return theme


@transaction.atomic
def action_create(
    *, ctx: ProcessingContext, key: str, theme: str, title_nl: str, owners: Sequence[str], **fields: Any
) -> Action:
    """A new action in the draft, by an editor of a partner for actions their organisation owns
    (with others, if they like) or by the province for any; the next version records it."""
    require(policy_for(Action).can_create(ctx), "Alleen redacteuren van partners voegen acties toe.")
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValidationError({name: "dit veld bestaat niet" for name in sorted(unknown)})
    if key in RESERVED_KEYS:
        raise ValidationError({"key": f"'{key}' is geen bruikbare sleutel"})
    found_owners = _organisations(owners)
    if not found_owners:
        raise ValidationError({"owners": "kies ten minste één eigenaar"})
    if not keeps_the_agenda(ctx) and ctx.organisation_id not in {o.pk for o in found_owners}:
        raise ValidationError({"owners": "uw eigen organisatie hoort bij de eigenaars"})
    action = Action(key=key, theme=_theme(theme), title_nl=title_nl, changed_by_id=_actor_pk(ctx), **fields)
    action.full_clean()
    action.save()
    action.owners.set(found_owners)
    audit_log(ctx=ctx, action=AuditAction.CREATE, object_type=OBJECT_TYPE, object_id=key)
    return action


@transaction.atomic
def action_update(
    *,
    ctx: ProcessingContext,
    key: str,
    changes: dict[str, Any],
    owners: Sequence[str] | None = None,
    theme: str | None = None,
) -> Action:
    """Change an action in the draft; the next published version records it."""
    action = Action.objects.select_for_update().filter(key=key).first()
    if action is None:
        raise ValidationError({"key": f"geen actie '{key}'"})
    require(policy_for(Action).can_change(ctx, action), "Deze actie mag u niet wijzigen.")
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError({name: "dit veld bestaat niet" for name in sorted(unknown)})
    for name, value in changes.items():
        setattr(action, name, value)
    if theme is not None:
        action.theme = _theme(theme)
    action.changed_by_id = _actor_pk(ctx)
    action.full_clean()
    action.save()
    if owners is not None:
        action.owners.set(_organisations(owners))
    audit_log(
        ctx=ctx,
        action=AuditAction.UPDATE,
        object_type=OBJECT_TYPE,
        object_id=key,
        detail={"velden": sorted(changes) + (["owners"] if owners is not None else [])},
    )
    return action


@transaction.atomic
def action_remove(*, ctx: ProcessingContext, key: str, reason: str = "") -> None:
    """Take an action out of the draft (it stays in the versions that hold it); the reason, if
    given, goes to the audit log."""
    action = Action.objects.filter(key=key).first()
    if action is None:
        raise ValidationError({"key": f"geen actie '{key}'"})
    require(
        policy_for(Action).can_delete(ctx, action),
        "Alleen de provincie, of de enige eigenaar, haalt een actie uit het concept.",
    )
    action.delete()
    audit_log(
        ctx=ctx,
        action=AuditAction.DELETE,
        object_type=OBJECT_TYPE,
        object_id=key,
        detail={"reden": reason.strip()} if reason.strip() else None,
    )


@transaction.atomic
def agenda_publish(*, ctx: ProcessingContext, reason: str, dvo: bool = False) -> AgendaVersion:
    """Freeze the draft as the next version, with who published it and why. Refused when the
    reason is empty or the draft does not differ from the latest version."""
    require(policy_for(AgendaVersion).can_create(ctx), "Alleen de provincie publiceert de agenda.")
    if not reason.strip():
        raise ValidationError({"reason": "geef de reden van de wijziging"})
    latest = AgendaVersion.objects.order_by("-number").first()
    draft = snapshot_of(Action.objects.select_related("theme").prefetch_related("owners"), theme_tree())
    if latest is not None and snapshot_diff(latest.snapshot, draft).is_empty:
        raise ValidationError({"reason": "het concept verschilt niet van de laatste versie"})
    actor: Any = ctx.actor
    version = draft_freeze(
        author=actor,
        author_name=(actor.get_full_name() or actor.get_username()) if actor is not None else "",
        organisation_id=ctx.organisation_id,
        reason=reason.strip(),
        dvo=dvo,
    )
    audit_log(
        ctx=ctx,
        action=AuditAction.CREATE,
        object_type="agenda.versie",
        object_id=str(version.number),
        detail={"reden": version.reason, "dvo": dvo},
    )
    return version


@transaction.atomic
def comment_add(*, ctx: ProcessingContext, key: str, text: str) -> ActionComment:
    """A partner's remark on an action, noted with the version it was made on."""
    require(policy_for(ActionComment).can_create(ctx), "Alleen partners plaatsen opmerkingen.")
    if not policy_for(Action).visible(ctx).filter(key=key).exists():
        raise ValidationError({"key": f"geen actie '{key}'"})
    latest = AgendaVersion.objects.order_by("-number").values_list("number", flat=True).first()
    comment = ActionComment(
        action_key=key,
        version_number=latest,
        author_id=_actor_pk(ctx),
        organisation_id=ctx.organisation_id or 0,  # can_create requires an organisation
        text=text.strip(),
    )
    comment.full_clean()
    comment.save()
    audit_log(ctx=ctx, action=AuditAction.CREATE, object_type="agenda.opmerking", object_id=str(comment.pk))
    return comment


__all__ = [
    "ActionStatus",
    "action_create",
    "action_remove",
    "action_update",
    "agenda_publish",
    "comment_add",
]
