"""Reads of signals and cases: through the policy, and every read of a signal or subject audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.policies import policy_for

from .models import Attachment, Bottleneck, Case, DisclosureRequest, Notification, Signal, Subject
from .services import purpose_for


def _log(user, action, object_type, object_id="", request=None, **kw):
    audit_log(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=object_id,
        processing_activity=purpose_for(user, request),
        request=request,
        **kw,
    )


def signal_list(
    *, user: Any, scope: str = "all", state: str = "", request: Any = None, audit: bool = True
) -> QuerySet[Signal]:
    qs = policy_for(Signal).visible(
        user, Signal.objects.select_related("assigned_organisation", "municipality")
    )
    if scope == "mine":
        qs = qs.filter(reporting_organisation_id=user.organisation_id)
    elif scope == "assigned":
        qs = qs.filter(Q(assigned_organisation_id=user.organisation_id) | Q(assigned_to_id=user.pk))
    if state:
        qs = qs.filter(state=state)
    if audit:
        _log(user, Action.LIST, "signals.signal", request=request, detail={"scope": scope, "state": state})
    return qs.order_by("-created_at")


def signal_get(*, user: Any, pk: int, request: Any = None) -> Signal:
    """The signal if `user` may see it; else 404 (and a refusal in the log when it exists)."""
    signal = policy_for(Signal).visible(user).filter(pk=pk).select_related("case").first()
    if signal is None:
        if Signal.objects.filter(pk=pk).exists():
            _log(user, Action.VIEW, "signals.signal", str(pk), request, result=Result.REFUSED)
        raise Http404("Signaal niet gevonden.")
    subjects = list(policy_for(Subject).visible(user, signal.subjects.all()))
    _log(
        user,
        Action.VIEW,
        "signals.signal",
        signal.number,
        request,
        data_subject_id=subjects[0].key if len(subjects) == 1 else "",
        detail={"onderwerpen": [s.key for s in subjects]},
    )
    signal.visible_subjects = subjects
    return signal


def subject_list(*, user: Any, signal: Signal) -> list[Subject]:
    return list(policy_for(Subject).visible(user, signal.subjects.all()))


def subject_get(*, user: Any, pk: int, request: Any = None) -> Subject:
    """The subject if `user` may see it, with its signal; else 404 (and a refusal in the log when
    it exists)."""
    subject = policy_for(Subject).visible(user).filter(pk=pk).select_related("signal").first()
    if subject is None:
        if Subject.objects.filter(pk=pk).exists():
            _log(user, Action.VIEW, "signals.subject", str(pk), request, result=Result.REFUSED)
        raise Http404("Onderwerp niet gevonden.")
    _log(
        user,
        Action.VIEW,
        "signals.subject",
        str(pk),
        request,
        data_subject_id=subject.key,
        detail={"signaal": subject.signal.number},
    )
    return subject


def case_get(*, user: Any, pk: int, request: Any = None) -> Case:
    case = policy_for(Case).visible(user).filter(pk=pk).first()
    if case is None:
        raise Http404("Casus niet gevonden.")
    _log(user, Action.VIEW, "signals.case", case.number, request)
    return case


def attachment_get(*, user: Any, pk: int, request: Any = None) -> Attachment:
    attachment = policy_for(Attachment).visible(user).filter(pk=pk).select_related("signal").first()
    if attachment is None:
        raise Http404("Bijlage niet gevonden.")
    _log(
        user,
        Action.VIEW,
        "signals.attachment",
        str(pk),
        request,
        detail={"signaal": attachment.signal.number},
    )
    return attachment


def disclosure_list(*, user: Any, request: Any = None, limit: int = 200) -> list[DisclosureRequest]:
    """Disclosure requests to or from the user's organisation; they name the matching subjects'
    keys, so the read is logged."""
    items = list(
        policy_for(DisclosureRequest)
        .visible(user)
        .select_related("requesting_organisation", "holder", "legal_basis", "requesting_signal")[:limit]
    )
    _log(
        user,
        Action.LIST,
        "signals.verstrekkingsverzoek",
        request=request,
        detail={"verzoeken": [i.pk for i in items]},
    )
    return items


def disclosure_get(*, user: Any, pk: int, request: Any = None) -> DisclosureRequest:
    item = policy_for(DisclosureRequest).visible(user).filter(pk=pk).first()
    if item is None:
        raise Http404("Aanvraag niet gevonden.")
    _log(user, Action.VIEW, "signals.verstrekkingsverzoek", str(pk), request)
    return item


@dataclass
class Duplicates:
    #: signals on the same subject or address the user may see
    known: list[Signal] = field(default_factory=list)
    #: signals the user may not see: only the holder organisations, so they can ask
    hidden_holders: list[str] = field(default_factory=list)
    #: the same as {"code": ..., "name": ...}, for a disclosure request
    hidden: list[dict] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return bool(self.known or self.hidden_holders)


def duplicates(
    *,
    user: Any,
    subject_keys: list[str] | None = None,
    address_key: str = "",
    exclude: int | None = None,
    request: Any = None,
) -> Duplicates:
    subject_keys = [k for k in (subject_keys or []) if k]
    q = Q()
    if subject_keys:
        q |= Q(subjects__key__in=subject_keys)
    if address_key:
        q |= Q(address_key=address_key) | Q(subjects__key=f"adres:{address_key}")
    if not q:
        return Duplicates()
    all_ids = set(Signal.objects.filter(q, anonymised_at__isnull=True).values_list("pk", flat=True))
    all_ids.discard(exclude)
    if not all_ids:
        return Duplicates()
    known = list(
        policy_for(Signal).visible(user, Signal.objects.filter(pk__in=all_ids)).order_by("-created_at")
    )
    hidden = all_ids - {s.pk for s in known}
    holder_rows = sorted(
        set(
            Signal.objects.filter(pk__in=hidden).values_list(
                "assigned_organisation__code", "assigned_organisation__name"
            )
        ),
        key=lambda row: row[1],
    )
    holders = [name for _code, name in holder_rows]
    _log(
        user,
        Action.SEARCH,
        "signals.signal",
        request=request,
        detail={"dubbel": [s.number for s in known], "afgeschermd": len(hidden)},
    )
    return Duplicates(known, holders, [{"code": code, "name": name} for code, name in holder_rows])


def notifications_for(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = policy_for(Notification).visible(user).select_related("signal")
    return qs.filter(read_at__isnull=True) if unread_only else qs


def bottleneck_list(*, user: Any) -> QuerySet[Bottleneck]:
    return policy_for(Bottleneck).visible(user).select_related("evaluation__case")
