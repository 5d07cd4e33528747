"""The role × URL access matrix: every app declares, for each of its URLs, who may use it.

`tests/test_access_matrix.py` turns every case into one test that asks every persona in turn,
and fails when a URL exists without a case, so a new URL cannot slip in without an access decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps

from .access import PARTNER_ROLES, Role

ANONYMOUS = "anoniem"
ALL_PERSONAS = frozenset({ANONYMOUS, *Role.values})
EVERYONE = ALL_PERSONAS
LOGGED_IN = frozenset(Role.values)
PARTNERS = frozenset(PARTNER_ROLES)
#: personas whose organisation holds a grant in the shipped region (see grondslagen.yaml)
SHIELDED = frozenset({Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST, Role.PARTNER})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Case:
    url_name: str
    allowed: frozenset[str]
    kwargs: dict[str, Any] = field(default_factory=dict)
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    #: request headers, e.g. {"Doelbinding": "informatieplein"} for a purpose-bound API read
    headers: dict[str, str] = field(default_factory=dict)
    #: status for an allowed persona
    ok: int = 200
    #: True for /api/ endpoints: refusal is 401/403 problem+json instead of a login redirect
    api: bool = False
    #: False for downloads (CSV, PDF, ...): the accessibility check only visits HTML pages
    html: bool = True
    #: status for an anonymous caller that is refused (pages redirect to the login)
    anonymous_refused: int | None = None

    def expected(self, persona: str) -> int:
        if persona in self.allowed:
            return self.ok
        if persona == ANONYMOUS:
            if self.anonymous_refused is not None:
                return self.anonymous_refused
            return 401 if self.api else 302
        return 403


def matrix_cases() -> list[Case]:
    """The cases of every app's `access_matrix.py` (the access matrix test and the API contract read
    the same list)."""
    cases: list[Case] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("weerbaar."):
            continue
        try:
            module = import_module(f"{config.name}.access_matrix")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.access_matrix":
                raise
            continue
        cases += module.CASES
    return cases
