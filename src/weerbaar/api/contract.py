"""The API's contract in one place, so no endpoint has to repeat it.

- Every operation documents its refusals as application/problem+json: 400 (invalid or unknown
  input), 401 (a wrong token, or anonymous where a login is needed) and 414 (address too long)
  everywhere; 413 (body too large) where a body is expected; 403 where the
  apps' access matrix (`<app>/access_matrix.py`, proven by `tests/test_access_matrix.py`) refuses a
  persona; 404 on operations with a path parameter or whose matrix case answers 404. An endpoint
  adds another status with `openapi_extra={"responses": {409: {"description": ...}}}`: the
  problem+json content is added here.
- A query parameter the operation does not declare is refused with 400 (`unknownParam`), as the
  Haal Centraal design decisions for Dutch government APIs ask: a typo in a filter must not
  silently widen the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from weerbaar.core.matrix import ALL_PERSONAS, Case, matrix_cases

from .problems import TITLES, problem

PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "pad en query van het verzoek"},
        "invalidParams": {
            "type": "array",
            "description": "elke fout in de invoer, alle tegelijk",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
}

INVALID_PARAM_SCHEMA: dict[str, Any] = {
    "title": "InvalidParam",
    "type": "object",
    "required": ["name", "code", "reason"],
    "properties": {
        "name": {
            "type": "string",
            "description": "de naam van de parameter of het veld, zoals de API die noemt",
        },
        "code": {"type": "string", "description": "bijv. unknownParam, enum, missing, string_too_short"},
        "reason": {"type": "string"},
    },
}

#: refusals every operation can give: invalid input, a wrong token, an address (with its query)
#: longer than WEERBAAR_MAX_URL_LENGTH (core.middleware.RequestLimitsMiddleware, before any view)
ALWAYS = (400, 401, 414)

UNKNOWN_PARAM_REASON = "Parameter is niet verwacht."


def unknown_param(name: str) -> dict[str, str]:
    return {"name": name, "code": "unknownParam", "reason": UNKNOWN_PARAM_REASON}


# --- unknown query parameters ------------------------------------------------------------------


def open_query(view: Callable) -> Callable:
    """Mark an endpoint whose query parameters are data (the checklist's questions): it checks
    them itself, against what it knows, instead of against the declared parameters."""
    view._weerbaar_open_query = True  # type: ignore[attr-defined]
    return view


def declared_query_parameters(operation: Any) -> frozenset[str] | None:
    """The query parameter names a ninja operation declares; None for an `open_query` endpoint."""
    if getattr(operation.view_func, "_weerbaar_open_query", False):
        return None
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            names |= set(model.__ninja_flatten_map__)
    return frozenset(names)


def reject_unknown_query_parameters(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An API-wide "view" decorator (it wraps `Operation.run`, before validation and before the
    endpoint): a request with an undeclared query parameter gets 400 naming every such parameter."""
    operation = getattr(run, "__self__", None)
    allowed = declared_query_parameters(operation) if operation is not None else None
    if allowed is None:
        return run

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            return problem(
                request,
                400,
                f"Onbekende parameter(s): {', '.join(unknown)}.",
                [unknown_param(name) for name in unknown],
            )
        return run(request, *args, **kwargs)

    return checked


# --- the documented refusals -------------------------------------------------------------------


def api_cases() -> list[Case]:
    """The API cases of every app's access matrix."""
    return [c for c in matrix_cases() if c.api and c.url_name.startswith("api:")]


def matrix_statuses(cases: Iterable[Case]) -> dict[tuple[str, str], set[int]]:
    """(url name without namespace, method) -> every status the matrix expects over all personas."""
    statuses: dict[tuple[str, str], set[int]] = {}
    for case in cases:
        key = (case.url_name.split(":", 1)[1], case.method.lower())
        statuses.setdefault(key, set()).update(case.expected(p) for p in ALL_PERSONAS)
    return statuses


def problem_response(status: int, description: str = "") -> dict[str, Any]:
    return {
        "description": description or TITLES.get(status, "Fout"),
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def refusals_of(operation: dict[str, Any], expected: set[int]) -> set[int]:
    """The 4xx statuses one OpenAPI operation can answer."""
    codes = set(ALWAYS)
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        codes.add(404)
    if "requestBody" in operation:
        codes.add(413)  # a body larger than WEERBAAR_MAX_BODY_BYTES, refused by the same middleware
    codes |= {s for s in expected if 400 <= s < 500}
    codes |= {int(s) for s in operation.get("responses", {}) if str(s).isdigit() and int(s) >= 400}
    return codes


def document_problems(schema: dict[str, Any], url_names: dict[str, str]) -> dict[str, Any]:
    """Add the Problem schema and every operation's refusals to an OpenAPI document (in place).

    `url_names` maps each operationId to the operation's URL name, to find its matrix case."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    components["InvalidParam"] = INVALID_PARAM_SCHEMA
    statuses = matrix_statuses(api_cases())
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            expected = statuses.get((url_names.get(operation.get("operationId", ""), ""), method), set())
            responses = operation.setdefault("responses", {})
            for status in sorted(refusals_of(operation, expected)):
                declared = responses.pop(status, None) or responses.pop(str(status), None) or {}
                responses[status] = problem_response(status, declared.get("description", ""))
    return schema
