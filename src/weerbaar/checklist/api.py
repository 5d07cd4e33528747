"""The checklist's advice under /api/v1/checklist/advies, to attach to a signal or a case."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from weerbaar.api.contract import open_query, unknown_param
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


def _answers(content: dict, query) -> dict[str, list[str]]:
    """The answers in the query string; a parameter that is no question of the published rule set,
    or a value that is no option of its question, is a 400 naming it (never silently ignored)."""
    options = {q["id"]: {o["id"] for o in q["options"]} for q in content["questions"]}
    invalid: dict[str, list[ValidationError]] = {}
    for name in query:
        if name not in options:
            p = unknown_param(name)
            invalid[name] = [ValidationError(p["reason"], code=p["code"])]
            continue
        wrong = [v for v in query.getlist(name) if v not in options[name]]
        if wrong:
            allowed = ", ".join(sorted(options[name]))
            invalid[name] = [ValidationError(f"kies een van: {allowed}", code="enum")]
    if invalid:
        raise ValidationError(invalid)
    return {q: query.getlist(q) for q in options}


@router.get(
    "/checklist/advies",
    response=AdviesOut,
    summary="Advies: wanneer betrek ik de provincie?",
    description=(
        "De antwoorden als queryparameters met de naam van de vraag en de optie als waarde "
        "(bijv. `locatie=vakantiepark`), zoals de gepubliceerde regelset ze kent; een onbekende "
        "vraag of optie geeft 400."
    ),
    openapi_extra={"responses": {404: {"description": "Er is (nog) geen gepubliceerde regelset."}}},
)
@open_query
def checklist_advies(request: HttpRequest):
    ctx = request_context(request)
    require_partner(ctx)
    ruleset = ruleset_current(ctx=ctx)
    if ruleset is None:
        raise Http404("Geen gepubliceerde regels")
    advice = evaluate(ruleset.content, _answers(ruleset.content, request.GET))
    return {
        "regelsetVersie": ruleset.version,
        "antwoorden": advice.answers,
        "regels": advice.matched_rules,
        "factsheets": advice.factsheets,
        "instrumenten": advice.instruments,
        "grondslagen": advice.legal_bases,
        "contactpersonen": advice.contacts,
    }
