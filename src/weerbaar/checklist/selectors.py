"""Reads of the checklist: which rule set a context gets, and the advice resolved for display
(factsheets and contact entries through the catalog's and the directory's own selectors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from weerbaar.catalog.selectors import factsheet_list
from weerbaar.contacts.selectors import contacts_by_key
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import is_partner, policy_for
from weerbaar.privacy.models import LegalBasis

from .engine import Advice, evaluate
from .models import RuleSet, RuleSetStatus
from .starter import starter_rules


def text(value: dict[str, str] | None) -> str:
    """A rule-set text in the active language, falling back to Dutch."""
    if not value:
        return ""
    return value.get((get_language() or "nl")[:2]) or value.get("nl", "")


def ruleset_list(*, ctx: ProcessingContext) -> QuerySet[RuleSet]:
    return policy_for(RuleSet).visible(ctx, RuleSet.objects.select_related("created_by"))


def ruleset_current(*, ctx: ProcessingContext, version: int | None = None) -> RuleSet | None:
    """The published rule set, or (for rule editors previewing) a given version."""
    rulesets = ruleset_list(ctx=ctx)
    if version is not None:
        return rulesets.filter(version=version).first()
    published = rulesets.filter(status=RuleSetStatus.PUBLISHED).first()
    if published is None and is_partner(ctx):
        return starter_ruleset()
    return published


def starter_ruleset() -> RuleSet:
    """The shipped rules, unsaved: the checklist works before anyone has published a version."""
    return RuleSet(version=0, status=RuleSetStatus.PUBLISHED, content=starter_rules(), note="startregels")


@dataclass
class ResolvedAdvice:
    ruleset: RuleSet
    advice: Advice
    questions: list[dict[str, Any]]
    factsheets: list[Any] = field(default_factory=list)
    instruments: list[dict[str, str]] = field(default_factory=list)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    contacts: list[Any] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


def advice_for(*, ctx: ProcessingContext, ruleset: RuleSet, answers: dict[str, list[str]]) -> ResolvedAdvice:
    content = ruleset.content
    advice = evaluate(content, answers)
    visible = {f.identifier: f for f in factsheet_list(ctx=ctx).filter(identifier__in=advice.factsheets)}
    instruments = {i["code"]: i for i in content.get("instruments") or []}
    bases = {b.code: b for b in LegalBasis.objects.filter(code__in=advice.legal_bases)}
    questions = []
    for question in content["questions"]:
        labels = {o["id"]: text(o["text"]) for o in question["options"]}
        chosen = advice.answers.get(question["id"], [])
        questions.append({"text": text(question["text"]), "answers": [labels[a] for a in chosen]})
    return ResolvedAdvice(
        ruleset=ruleset,
        advice=advice,
        questions=questions,
        factsheets=[visible[i] for i in advice.factsheets if i in visible],
        instruments=[
            {"code": code, "name": text(instruments[code]["name"]), "role": text(instruments[code]["role"])}
            for code in advice.instruments
            if code in instruments
        ],
        legal_bases=[bases[c] for c in advice.legal_bases if c in bases],
        contacts=contacts_by_key(ctx=ctx, keys=advice.contacts),
        next_steps=[text(step) for step in advice.next_steps],
    )


def wizard_questions(ruleset: RuleSet, answers: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [
        {
            "id": q["id"],
            "text": text(q["text"]),
            "multiple": bool(q.get("multiple")),
            "options": [
                {"id": o["id"], "text": text(o["text"]), "checked": o["id"] in answers.get(q["id"], [])}
                for o in q["options"]
            ],
        }
        for q in ruleset.content["questions"]
    ]
