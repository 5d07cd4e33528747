"""The checklist's advice under /api/v1/checklist/advies, to attach to a signal or a case."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import request_context

from .engine import evaluate
from .selectors import ruleset_current

router = Router(tags=["checklist"])
ROUTER_PREFIX = ""


class AdviesOut(Schema):
    regelsetVersie: int
    antwoorden: dict[str, list[str]]
    regels: list[str]
    factsheets: list[str]
    instrumenten: list[str]
    grondslagen: list[str]
    contactpersonen: list[str]


@router.get("/checklist/advies", response=AdviesOut, summary="Advies: wanneer betrek ik de provincie?")
def checklist_advies(request: HttpRequest):
    """Answers as query parameters named after the questions (e.g. `locatie=vakantiepark`)."""
    ctx = request_context(request)
    require_partner(ctx)
    ruleset = ruleset_current(ctx=ctx)
    if ruleset is None:
        raise Http404("Geen gepubliceerde regels")
    questions = [q["id"] for q in ruleset.content["questions"]]
    advice = evaluate(ruleset.content, {q: request.GET.getlist(q) for q in questions})
    return {
        "regelsetVersie": ruleset.version,
        "antwoorden": advice.answers,
        "regels": advice.matched_rules,
        "factsheets": advice.factsheets,
        "instrumenten": advice.instruments,
        "grondslagen": advice.legal_bases,
        "contactpersonen": advice.contacts,
    }
