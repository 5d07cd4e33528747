"""Writes on the checklist's rule sets: draft, publish. The published one serves the wizard.

Every write checks the policy (not for the platform itself: the starter rules), re-checks the
whole set against the factsheets, contact entries and legal bases that exist, and is logged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, Record, audited
from weerbaar.catalog.selectors import factsheet_identifiers
from weerbaar.contacts.selectors import contact_keys
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.privacy.models import LegalBasis

from .engine import validate_ruleset
from .models import RuleSet, RuleSetStatus

OBJECT_TYPE = "checklist-ruleset"


def known_references() -> dict[str, set[str]]:
    """What a rule may refer to: the factsheets, contact entries and legal bases that exist."""
    return {
        "factsheets": factsheet_identifiers(),
        "contacts": set(contact_keys().values()),
        "legal_bases": set(LegalBasis.objects.values_list("code", flat=True)),
    }


def _require(ctx: ProcessingContext, allowed: bool, record: Record, message: str) -> None:
    if not ctx.system and not allowed:
        record.refused(reason=message)
        raise PermissionDenied(message)


def _next_version() -> int:
    return (RuleSet.objects.aggregate(m=Max("version"))["m"] or 0) + 1


@transaction.atomic
def ruleset_create_draft(*, ctx: ProcessingContext, content: dict[str, Any], note: str = "") -> RuleSet:
    """Store a new draft version after checking it against the catalog and the contacts."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.CREATE) as record:
        _require(ctx, policy_for(RuleSet).can_create(ctx), record, "only provincial advisers edit the rules")
        validate_ruleset(content, **known_references())
        ruleset = RuleSet.objects.create(
            version=_next_version(),
            content=content,
            note=note,
            created_by_id=ctx.actor.pk if ctx.actor is not None else None,
        )
        record.disclosed(object_id=str(ruleset.version))
    return ruleset


@transaction.atomic
def ruleset_publish(*, ctx: ProcessingContext, ruleset: RuleSet) -> RuleSet:
    """Publish a draft; the previously published version is retired."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        _require(
            ctx, policy_for(RuleSet).can_change(ctx, ruleset), record, "only provincial advisers publish"
        )
        ruleset = RuleSet.objects.select_for_update().get(pk=ruleset.pk)
        if ruleset.status != RuleSetStatus.DRAFT:
            raise ValueError(_("Alleen een concept kan worden gepubliceerd."))
        validate_ruleset(ruleset.content, **known_references())
        RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).update(status=RuleSetStatus.RETIRED)
        ruleset.status = RuleSetStatus.PUBLISHED
        ruleset.published_at = timezone.now()
        ruleset.save(update_fields=["status", "published_at"])
        record.disclosed(object_id=str(ruleset.version), detail={"status": "published"})
    return ruleset


def ruleset_load_starter(*, ctx: ProcessingContext, content: dict[str, Any]) -> bool:
    """Create and publish the starter rules when there is no rule set yet; True if it did."""
    if RuleSet.objects.exists():
        return False
    ruleset = ruleset_create_draft(ctx=ctx, content=content, note="startregels")
    ruleset_publish(ctx=ctx, ruleset=ruleset)
    return True


@transaction.atomic
def ruleset_rule_save(
    *, ctx: ProcessingContext, ruleset: RuleSet, rule: dict[str, Any], replaces: str | None = None
) -> RuleSet:
    """Add a rule to a draft, or replace the rule with id `replaces`; the whole set is re-checked."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        _require(
            ctx,
            policy_for(RuleSet).can_change(ctx, ruleset),
            record,
            "only provincial advisers edit the rules",
        )
        ruleset = _rule_save(ruleset, rule=rule, replaces=replaces)
        record.disclosed(
            object_id=str(ruleset.version), detail={"rule": rule["id"], "replaces": replaces or ""}
        )
    return ruleset


def _rule_save(ruleset: RuleSet, *, rule: dict[str, Any], replaces: str | None) -> RuleSet:
    ruleset = RuleSet.objects.select_for_update().get(pk=ruleset.pk)
    if ruleset.status != RuleSetStatus.DRAFT:
        raise ValueError(_("Alleen een concept kan worden gewijzigd; stel een nieuwe versie op."))
    content = dict(ruleset.content)
    rules = list(content["rules"])
    if replaces is None:
        rules.append(rule)
    else:
        rules = [rule if existing["id"] == replaces else existing for existing in rules]
    content["rules"] = rules
    validate_ruleset(content, **known_references())
    ruleset.content = content
    ruleset.save(update_fields=["content"])
    return ruleset
