"""Building the processing context: once per request, command or job.

The context carries the clearance computed from the grants, the declared purpose (doelbinding)
and the legal basis of every processing activity the actor holds, so the audit entries written
under it need no further look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest

from weerbaar.core import tracing
from weerbaar.core.clearance import roles_of, second_factor_verified
from weerbaar.core.context import (
    Origin,
    ProcessingContext,
    anonymous_context,
    system_context,
)
from weerbaar.core.registry import Registry

from .clearance import clearance_of
from .models import ProcessingActivity
from .purpose import declared_activity

#: name -> (organisation id) -> CBS codes of further municipalities a municipal organisation works
#: in (e.g. signals: the municipalities of the signals and cases it is on the team of); filled by
#: capability apps from their ready()
area_scope_sources: Registry[Callable[[int], Iterable[str]]] = Registry("area scope source")
#: organisation kinds whose shielded reads are limited to their own area (the RIEC, the province
#: and the partners keep the regional scope their grants give)
LOCAL_KINDS = frozenset({"gemeente"})


def area_scope_of(organisation: Any) -> frozenset[str] | None:
    """The municipalities a municipal organisation may read shielded data in; None for regional."""
    if organisation is None or organisation.kind not in LOCAL_KINDS:
        return None
    codes = {organisation.cbs_code} if organisation.cbs_code else set()
    for _name, source in area_scope_sources.items():
        codes.update(source(organisation.pk))
    return frozenset(codes)


_CACHE_ATTR = "_weerbaar_processing_context"
#: the header in which an API or OGC client names the processing activity of a call
PURPOSE_HEADER = "Doelbinding"


def _legal_bases() -> dict[str, str]:
    """The legal basis of every processing activity in the register (a handful of rows)."""
    return dict(ProcessingActivity.objects.values_list("code", "legal_basis__code"))


def context_for_user(
    user: Any,
    *,
    origin: Origin,
    second_factor: bool,
    purpose: str = "",
    source: str = "",
    trace_id: str = "",
) -> ProcessingContext:
    """The context of `user` acting through `origin`; anonymous when not logged in or inactive.

    A purpose the user holds no grant for is dropped (the read then names no purpose and the
    shielded parts that require one are refused), never trusted.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return anonymous_context(origin=origin, trace_id=trace_id, source=source)
    clearance = clearance_of(user, second_factor=second_factor)
    organisation = user.organisation
    return ProcessingContext(
        actor=user,
        clearance=clearance,
        origin=origin,
        roles=roles_of(user),
        organisation_code=organisation.code if organisation is not None else "",
        purpose=purpose if purpose in clearance.activities else "",
        legal_bases=_legal_bases(),
        trace_id=trace_id or tracing.trace_id(),
        span_id=tracing.span_id(),
        source=source,
        second_factor=second_factor,
        area_scope=area_scope_of(organisation) if clearance.shielded else None,
    )


def origin_of(request: HttpRequest) -> Origin:
    if request.path.startswith("/api/"):
        return Origin.API
    if request.path.startswith("/ogc/"):
        return Origin.OGC
    return Origin.PAGE


def request_context(request: HttpRequest, *, origin: Origin | None = None) -> ProcessingContext:
    """The context of this request, built once; rebuilt when the user, their second factor or
    the declared purpose changed during the request (login, TOTP step, purpose declaration)."""
    user = getattr(request, "user", None)
    verified = second_factor_verified(user) if user is not None else False
    purpose = declared_activity(request)
    if not purpose and origin_of(request) in (Origin.API, Origin.OGC):
        # a partner system declares the purpose of each call (doelbinding) in this header
        purpose = request.headers.get(PURPOSE_HEADER, "").strip()
    key = (getattr(user, "pk", None), verified, purpose)
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None or cached[0] != key:
        ctx = context_for_user(
            user,
            origin=origin_of(request),
            second_factor=verified,
            purpose=purpose,
            source=request.META.get("REMOTE_ADDR", ""),
            trace_id=getattr(request, "trace_id", "") or tracing.trace_id(),
        )
        cached = (key, ctx)
        setattr(request, _CACHE_ATTR, cached)
    ctx = cached[1]
    return ctx if origin is None else ctx.with_origin(origin)


def command_context(*, command: str) -> ProcessingContext:
    """An operator's management command: the platform itself, named after the command."""
    return system_context(origin=Origin.COMMAND, source=command)


def job_context(*, user: Any, second_factor: bool, purpose: str, job_id: str) -> ProcessingContext:
    """A background job acts for the user who started it, with the clearance they had then
    (the second factor was verified by the request that enqueued it); without a user it is the
    platform itself."""
    if user is None:
        return system_context(origin=Origin.JOB, source=f"job {job_id}")
    return context_for_user(
        user, origin=Origin.JOB, second_factor=second_factor, purpose=purpose, source=f"job {job_id}"
    )


def legacy_context(actor: Any, request: Any) -> ProcessingContext:
    """For callers that still pass (user, request): the request's context, or the user's own
    when the actor is not the request's user, or the platform for a command without a user."""
    if request is not None:
        ctx = request_context(request)
        if actor is not None and getattr(actor, "pk", None) != getattr(ctx.actor, "pk", None):
            ctx = context_for_user(actor, origin=ctx.origin, second_factor=False, source=ctx.source)
        return ctx
    if actor is None or not getattr(actor, "is_authenticated", False):
        return command_context(command="")
    return context_for_user(actor, origin=Origin.COMMAND, second_factor=second_factor_verified(actor))
