"""Writes on the checklist's rule sets: draft, publish. The published one serves the wizard."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.policies import policy_for, require

from .engine import validate_ruleset
from .models import RuleSet, RuleSetStatus


def known_references() -> dict[str, set[str]]:
    from weerbaar.catalog.models import Factsheet
    from weerbaar.contacts.models import Contact
    from weerbaar.privacy.models import LegalBasis

    return {
        "factsheets": set(Factsheet.objects.values_list("identifier", flat=True)),
        "contacts": set(Contact.objects.values_list("key", flat=True)),
        "legal_bases": set(LegalBasis.objects.values_list("code", flat=True)),
    }


def _next_version() -> int:
    return (RuleSet.objects.aggregate(m=Max("version"))["m"] or 0) + 1


@transaction.atomic
def ruleset_create_draft(*, actor: Any, content: dict[str, Any], note: str = "") -> RuleSet:
    """Store a new draft version after checking it against the catalog and the contacts."""
    if actor is not None:
        require(policy_for(RuleSet).can_create(actor), "only provincial advisers edit the rules")
    validate_ruleset(content, **known_references())
    ruleset = RuleSet.objects.create(
        version=_next_version(),
        content=content,
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(
        actor=actor, action=Action.CREATE, object_type="checklist-ruleset", object_id=str(ruleset.version)
    )
    return ruleset


@transaction.atomic
def ruleset_publish(*, actor: Any, ruleset: RuleSet) -> RuleSet:
    """Publish a draft; the previously published version is retired."""
    if actor is not None:
        require(policy_for(RuleSet).can_change(actor, ruleset), "only provincial advisers publish")
    ruleset = RuleSet.objects.select_for_update().get(pk=ruleset.pk)
    if ruleset.status != RuleSetStatus.DRAFT:
        raise ValueError(_("Alleen een concept kan worden gepubliceerd."))
    validate_ruleset(ruleset.content, **known_references())
    RuleSet.objects.filter(status=RuleSetStatus.PUBLISHED).update(status=RuleSetStatus.RETIRED)
    ruleset.status = RuleSetStatus.PUBLISHED
    ruleset.published_at = timezone.now()
    ruleset.save(update_fields=["status", "published_at"])
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="checklist-ruleset",
        object_id=str(ruleset.version),
        detail={"status": "published"},
    )
    return ruleset


def ruleset_load_starter(*, content: dict[str, Any]) -> bool:
    """Create and publish the starter rules when there is no rule set yet; True if it did."""
    if RuleSet.objects.exists():
        return False
    ruleset = ruleset_create_draft(actor=None, content=content, note="startregels")
    ruleset_publish(actor=None, ruleset=ruleset)
    return True


@transaction.atomic
def ruleset_rule_save(
    *, actor: Any, ruleset: RuleSet, rule: dict[str, Any], replaces: str | None = None
) -> RuleSet:
    """Add a rule to a draft, or replace the rule with id `replaces`; the whole set is re-checked."""
    if actor is not None:
        require(policy_for(RuleSet).can_change(actor, ruleset), "only provincial advisers edit the rules")
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
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="checklist-ruleset",
        object_id=str(ruleset.version),
        detail={"rule": rule["id"], "replaces": replaces or ""},
    )
    return ruleset
