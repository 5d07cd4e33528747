"""The processing context: who processes personal data, for which purpose, on which legal basis,
from where, and in which trace.

One context is built per request (`weerbaar.privacy.context.request_context`), per management
command (`command_context`) and per background job (`job_context`), and passed explicitly as `ctx`
to every selector, service and policy. The audit layer (`weerbaar.audit.recording`) writes its
entries from it, so an entry always carries the same actor, purpose and legal basis as the
permission check that allowed the read.

This module is the foundation's lowest layer: it knows no app. Users and organisations appear
through the small protocols below, which `accounts.User` and `organisations.Organisation` fulfil.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

from . import tracing
from .access import AccessLevel


class Origin(StrEnum):
    """Where the processing came in (Logboek Dataverwerkingen: the channel of the processing)."""

    PAGE = "page"
    API = "api"
    OGC = "ogc"
    EXPORT = "export"
    COMMAND = "command"
    JOB = "job"


class OrganisationLike(Protocol):
    pk: Any
    code: str
    kind: str


@runtime_checkable
class Actor(Protocol):
    """What the platform needs to know of a logged-in user (accounts.User fulfils it)."""

    pk: Any
    is_active: bool
    organisation_id: int | None

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def role_codes(self) -> frozenset[str]: ...

    @property
    def organisation(self) -> Any: ...

    def get_username(self) -> str: ...


@dataclass(frozen=True)
class Clearance:
    """The access levels a context may see, the processing activities it holds a grant for, and why."""

    levels: frozenset[str]
    #: processing-activity codes the organisation and roles hold a grant for
    activities: frozenset[str] = field(default_factory=frozenset)
    reason: str = ""

    @property
    def shielded(self) -> bool:
        return AccessLevel.AFGESCHERMD in self.levels


PUBLIC = Clearance(levels=frozenset({AccessLevel.OPENBAAR}), reason="not logged in")
#: the platform itself (an operator's command, a retention run): every level, no activity of its own
SYSTEM = Clearance(levels=frozenset(AccessLevel.values), reason="platform")

_NO_BASES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, eq=False)
class ProcessingContext:
    """Who processes, why, on which basis, from where. Immutable: derive with `with_*`."""

    actor: Actor | None
    clearance: Clearance
    origin: Origin
    roles: frozenset[str] = frozenset()
    organisation_code: str = ""
    #: the declared purpose (doelbinding): a processing-activity code the context holds a grant for
    purpose: str = ""
    #: the legal-basis code of each processing activity in the register
    legal_bases: Mapping[str, str] = field(default_factory=lambda: _NO_BASES)
    trace_id: str = ""
    span_id: str = ""
    #: the client address, the command's name or the job's id
    source: str = ""
    #: True for the platform itself (imports and retention run by an operator on the server)
    system: bool = False
    #: the second factor was verified (or a partner token counts as one)
    second_factor: bool = False
    #: CBS codes of the municipalities whose shielded data this context may read (its own, and
    #: those of the signals and cases its organisation works on); None: the whole region
    area_scope: frozenset[str] | None = None

    # --- who ------------------------------------------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return self.actor is not None

    @property
    def actor_id(self) -> str:
        return str(self.actor.pk) if self.actor is not None else ""

    @property
    def username(self) -> str:
        return self.actor.get_username() if self.actor is not None else ""

    @property
    def organisation_id(self) -> int | None:
        return self.actor.organisation_id if self.actor is not None else None

    @property
    def organisation(self) -> Any:
        return self.actor.organisation if self.actor is not None else None

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    # --- why ------------------------------------------------------------------------------------
    def in_area(self, municipality: str) -> bool:
        """May this context read shielded data in the municipality with this CBS code?"""
        return self.area_scope is None or municipality in self.area_scope

    def legal_basis_for(self, activity: str) -> str:
        return self.legal_bases.get(activity, "")

    @property
    def legal_basis(self) -> str:
        return self.legal_basis_for(self.purpose)

    def purpose_among(self, activities: Iterable[str] = ()) -> str:
        """The purpose a read serves: the declared one, else the first of `activities` (the
        capability's own processing activities, in order of preference) the context holds."""
        if self.purpose:
            return self.purpose
        return next((a for a in activities if a in self.clearance.activities), "")

    # --- derived contexts -----------------------------------------------------------------------
    def with_origin(self, origin: Origin) -> ProcessingContext:
        """The same processing through another channel, e.g. a page's CSV export."""
        return dataclasses.replace(self, origin=origin)

    def with_purpose(self, purpose: str) -> ProcessingContext:
        """The same context bound to a purpose it holds a grant for; ValueError otherwise."""
        if purpose and purpose not in self.clearance.activities and not self.system:
            raise ValueError(f"no grant for processing activity {purpose!r}")
        return dataclasses.replace(self, purpose=purpose)

    def __repr__(self) -> str:
        who = self.username or ("platform" if self.system else "anonymous")
        return (
            f"<ProcessingContext {who} {self.origin} purpose={self.purpose or '-'} trace={self.trace_id[:8]}>"
        )


def anonymous_context(
    *, origin: Origin = Origin.PAGE, trace_id: str = "", source: str = ""
) -> ProcessingContext:
    """A visitor who is not logged in: open data only."""
    return ProcessingContext(
        actor=None,
        clearance=PUBLIC,
        origin=origin,
        trace_id=trace_id or tracing.trace_id(),
        span_id=tracing.span_id(),
        source=source,
    )


def system_context(
    *, origin: Origin = Origin.COMMAND, source: str = "", trace_id: str = ""
) -> ProcessingContext:
    """The platform itself, for work an operator runs on the server (imports, retention, demo data)."""
    return ProcessingContext(
        actor=None,
        clearance=SYSTEM,
        origin=origin,
        source=source,
        trace_id=trace_id or tracing.trace_id(),
        span_id=tracing.span_id(),
        system=True,
    )


#: (actor, request) -> context, registered by weerbaar.privacy: only for callers that have not
#: moved to passing a context yet (see docs/development.md)
_legacy: list[Any] = []


def set_legacy_context_factory(factory: Any) -> None:
    _legacy[:] = [factory]


def context_for_request(request: Any) -> ProcessingContext:
    """The request's processing context, for the few foundation pieces below the privacy app
    that need one (the admin base class); everything above calls privacy.context directly."""
    return legacy_context(None, request)


def legacy_context(actor: Any, request: Any) -> ProcessingContext:
    """A context for code that still passes a user and a request instead of a context."""
    if not _legacy:
        raise RuntimeError("no context factory registered (is weerbaar.privacy installed?)")
    ctx: ProcessingContext = _legacy[0](actor, request)
    return ctx
