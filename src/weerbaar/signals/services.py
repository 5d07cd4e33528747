"""Writes on signals and cases. Keyword-only, the actor explicit, a policy check before anything,
one transaction, an append-only timeline entry and an audit entry; side effects on commit."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import clearance_for, roles_of
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Area, Organisation

from . import keys, numbers, workflow
from .models import (
    Attachment,
    Bottleneck,
    Case,
    CaseTeamMember,
    Comment,
    DisclosureRequest,
    Evaluation,
    Intervention,
    Signal,
    SignalShare,
    Subject,
    TimelineEvent,
)
from .notifications import notify_transition
from .policies import is_worker, scopes_of
from .workflow import State

#: the processing activities a signal read or write serves, most specific first
ACTIVITIES = ("informatieplein", "signaalverrijking", "gebiedsanalyse")


def purpose_for(user: Any, request: Any = None) -> str:
    """The declared purpose when there is one, else the user's grant that fits signals."""
    if request is not None:
        from weerbaar.privacy.purpose import declared_purpose

        declared = declared_purpose(request)
        if declared:
            return declared
    activities = clearance_for(user).activities
    return next((a for a in ACTIVITIES if a in activities), "")


def _audit(actor, action, obj, request=None, **kw):
    return audit_log(
        actor=actor,
        action=action,
        object_type=f"signals.{type(obj).__name__.lower()}",
        object_id=getattr(obj, "number", None) or str(obj.pk),
        processing_activity=purpose_for(actor, request),
        request=request,
        **kw,
    )


def timeline_add(signal: Signal, kind: str, actor: Any = None, text: str = "", **kw) -> TimelineEvent:
    org = getattr(actor, "organisation", None)
    return TimelineEvent.objects.create(
        signal=signal,
        kind=kind,
        actor=actor.get_username() if actor is not None else "",
        organisation=org.code if org else "",
        text=text,
        **kw,
    )


def _locate(signal: Signal) -> None:
    """Fill the point from the BAG address when none was drawn, and the municipality from the point."""
    if signal.point is None and signal.address_key:
        from weerbaar.registers.models import AdresseerbaarObject

        found = AdresseerbaarObject.objects.filter(adres_sleutel=signal.address_key).first()
        if found is None:
            pc_nr = "|".join(signal.address_key.split("|")[:2])
            found = AdresseerbaarObject.objects.filter(postcode_huisnummer=pc_nr).first()
        if found is not None:
            signal.point = found.geometrie
    if signal.point is None and signal.area is not None:
        signal.point = signal.area.point_on_surface
    if signal.point is None and signal.parcel:
        from weerbaar.registers.models import KadastraalObject

        parcel = KadastraalObject.objects.filter(kadastrale_aanduiding=signal.parcel).first()
        if parcel is not None:
            signal.point = parcel.plaatscoordinaat or (
                parcel.geometrie.point_on_surface if parcel.geometrie else None
            )
    if signal.point is not None and signal.municipality_id is None:
        area = Area.objects.filter(kind="gemeente", geometry__contains=signal.point).first()
        if area is not None:
            signal.municipality_id = area.organisation_id


def _geometry(value: Any):
    if value in (None, ""):
        return None
    geom = (
        value
        if isinstance(value, GEOSGeometry)
        else GEOSGeometry(value if isinstance(value, str) else str(value))
    )
    if geom.srid is None:
        geom.srid = 28992
    if geom.srid != 28992:
        geom.transform(28992)
    return geom


SIGNAL_FIELDS = (
    "title",
    "phenomenon",
    "received_on",
    "description",
    "source_reliability",
    "information_reliability",
    "address",
    "parcel",
    "point",
    "area",
    "access_level",
)


@transaction.atomic
def signal_create(
    *,
    actor: Any,
    data: dict[str, Any],
    subjects: list[dict[str, Any]] | None = None,
    assigned_organisation: Organisation | None = None,
    request: Any = None,
) -> Signal:
    require(policy_for(Signal).can_create(actor), "geen recht om signalen te registreren")
    fields = {k: v for k, v in data.items() if k in SIGNAL_FIELDS and v not in (None, "")}
    fields["point"] = _geometry(fields.get("point"))
    fields["area"] = _geometry(fields.get("area"))
    if fields.get("parcel"):
        from weerbaar.registers.identifiers import normalise_kadastrale_aanduiding

        fields["parcel"] = normalise_kadastrale_aanduiding(fields["parcel"])
    signal = Signal(
        **fields,
        number=numbers.placeholder(),
        reporting_organisation=actor.organisation,
        reported_by=actor,
        assigned_organisation=assigned_organisation or actor.organisation,
    )
    signal.address_key = keys.address_key(signal.address)
    errors = {}
    if signal.address and not signal.address_key:
        errors["address"] = ["Geen geldige postcode en huisnummer, bijvoorbeeld 7411 AB 12."]
    try:
        signal.full_clean(exclude=["number", "address_key"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    _locate(signal)
    signal.stage_deadline = workflow.stage_deadline(State.ONTVANGEN, timezone.now())
    signal.save()
    numbers.assign(signal, numbers.SIGNAL)
    timeline_add(signal, TimelineEvent.Kind.CREATED, actor, to_state=signal.state)
    for subject in subjects or []:
        _subject_create(signal, actor, **subject)
    _audit(actor, Action.CREATE, signal, request, detail={"onderwerpen": len(subjects or [])})
    if signal.assigned_organisation_id != actor.organisation_id:
        notify_transition(signal, actor)
    return signal


def _subject_create(signal: Signal, actor: Any, **data: Any) -> Subject:
    allowed = {"kind", "identifier", "name", "birth_date", "role", "shareable"}
    data = {k: v for k, v in data.items() if k in allowed and v is not None}
    subject = Subject(signal=signal, access_level=signal.access_level, **data)
    subject.key = keys.subject_key(subject.kind, subject.identifier, subject.name, subject.birth_date)
    subject.full_clean(exclude=["signal"])
    subject.save()
    timeline_add(signal, TimelineEvent.Kind.SUBJECT, actor, text=subject.get_kind_display())
    return subject


@transaction.atomic
def subject_add(*, actor: Any, signal: Signal, request: Any = None, **data: Any) -> Subject:
    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    subject = _subject_create(signal, actor, **data)
    _audit(
        actor, Action.CREATE, subject, request, data_subject_id=subject.key, detail={"signaal": signal.number}
    )
    return subject


@transaction.atomic
def subject_set_shareable(*, actor: Any, subject: Subject, shareable: bool, request: Any = None) -> Subject:
    require(policy_for(Signal).can_change(actor, subject.signal), "geen toegang tot dit signaal")
    subject.shareable = shareable
    subject.save(update_fields=["shareable"])
    timeline_add(subject.signal, TimelineEvent.Kind.SUBJECT, actor, text=f"deelbaar={shareable}")
    _audit(
        actor, Action.UPDATE, subject, request, data_subject_id=subject.key, detail={"deelbaar": shareable}
    )
    return subject


@transaction.atomic
def comment_add(*, actor: Any, signal: Signal, text: str, request: Any = None) -> Comment:
    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ["Schrijf een opmerking."]})
    comment = Comment.objects.create(signal=signal, author=actor, organisation=actor.organisation, text=text)
    timeline_add(signal, TimelineEvent.Kind.COMMENT, actor)
    _audit(actor, Action.CREATE, comment, request, detail={"signaal": signal.number})
    return comment


#: extension -> (content type, magic bytes that must start the file; b"" for plain text)
ALLOWED_ATTACHMENTS = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain", (b"",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _check_upload(upload: UploadedFile) -> str:
    ext = Path(upload.name or "").suffix.lower()
    limit = getattr(settings, "SIGNALS_MAX_ATTACHMENT_BYTES", MAX_ATTACHMENT_BYTES)
    if ext not in ALLOWED_ATTACHMENTS:
        raise ValidationError(
            {"file": ["Dit bestandstype is niet toegestaan (pdf, png, jpg, txt, docx, xlsx)."]}
        )
    if upload.size > limit:
        raise ValidationError({"file": [f"Het bestand is groter dan {limit // (1024 * 1024)} MB."]})
    content_type, magics = ALLOWED_ATTACHMENTS[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if ext == ".txt":
        if b"\x00" in head:
            raise ValidationError({"file": ["De inhoud past niet bij het bestandstype."]})
    elif not any(head.startswith(m) for m in magics):
        raise ValidationError({"file": ["De inhoud past niet bij het bestandstype."]})
    return content_type


@transaction.atomic
def attachment_add(*, actor: Any, signal: Signal, upload: UploadedFile, request: Any = None) -> Attachment:
    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    content_type = _check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = Path(upload.name).name[:200]
    upload.name = f"{uuid.uuid4().hex}{Path(original).suffix.lower()}"  # never the user's file name on disk
    attachment = Attachment.objects.create(
        signal=signal,
        file=upload,
        original_name=original,
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    timeline_add(signal, TimelineEvent.Kind.ATTACHMENT, actor, text=original)
    _audit(actor, Action.CREATE, attachment, request, detail={"signaal": signal.number, "bytes": upload.size})
    return attachment


@transaction.atomic
def signal_assign(
    *, actor: Any, signal: Signal, organisation: Organisation, person: Any = None, request: Any = None
) -> Signal:
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    require(
        bool(scopes_of(actor, signal) & {workflow.HOLDER, workflow.RIEC}),
        "alleen de houder of het RIEC wijst toe",
    )
    if person is not None and person.organisation_id != organisation.pk:
        raise ValidationError({"assigned_to": ["Deze persoon werkt niet bij de gekozen organisatie."]})
    signal.assigned_organisation = organisation
    signal.assigned_to = person
    signal.save(update_fields=["assigned_organisation", "assigned_to"])
    timeline_add(signal, TimelineEvent.Kind.ASSIGNMENT, actor, text=organisation.name)
    _audit(actor, Action.UPDATE, signal, request, detail={"toegewezen": organisation.code})
    notify_transition(signal, actor)
    return signal


class TransitionError(ValidationError):
    pass


def available_transitions(user: Any, signal: Signal) -> list[workflow.Transition]:
    if not is_worker(user) or signal.anonymised_at is not None:
        return []
    roles, scopes = roles_of(user), scopes_of(user, signal)
    return [t for t in workflow.transitions_from(signal.state) if workflow.allowed(t, roles, scopes)]


@transaction.atomic
def signal_transition(
    *, actor: Any, signal: Signal, to: str, reason: str = "", request: Any = None
) -> Signal:
    """Take one step in the workflow: permission, row lock, preconditions, timeline, audit, notify."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    transition = workflow.transition_for(signal.state, to)
    if transition is None:
        raise TransitionError({"to": [f"Van '{signal.state}' naar '{to}' is geen toegestane stap."]})
    if not workflow.allowed(transition, roles_of(actor), scopes_of(actor, signal)):
        _audit(
            actor, Action.UPDATE, signal, request, result="refused", detail={"van": signal.state, "naar": to}
        )
        raise PermissionDenied("uw rol of organisatie mag deze stap niet zetten")
    reason = (reason or "").strip()
    if transition.reason_required and not reason:
        raise TransitionError({"reason": ["Geef een reden op."]})
    if transition.requires == "intervention" and not (signal.case and signal.case.interventions.exists()):
        raise TransitionError({"to": ["Leg eerst ten minste één interventie vast."]})
    if transition.requires == "evaluation" and not (
        signal.case and Evaluation.objects.filter(case=signal.case).exists()
    ):
        raise TransitionError({"to": ["Een casus wordt pas afgesloten na de evaluatie."]})
    if transition.requires == "case" and signal.case_id is None:
        raise TransitionError({"to": ["Dit signaal heeft geen casus."]})
    source = signal.state
    now = timezone.now()
    signal.state = to
    signal.state_changed_at = now
    signal.stage_deadline = workflow.stage_deadline(to, now)
    if to == State.INGEBRACHT:
        signal.ingebracht = True
    if to == State.CASUS and signal.case_id is None:
        signal.case = _case_create(actor, signal)
    if to in workflow.TERMINAL:
        signal.closed_at = now
    else:
        signal.closed_at = None
    if to == State.GEEN_VERVOLG:
        signal.no_followup_reason = reason
    signal.save()
    timeline_add(signal, TimelineEvent.Kind.TRANSITION, actor, text=reason, from_state=source, to_state=to)
    _audit(actor, Action.UPDATE, signal, request, detail={"van": source, "naar": to})
    notify_transition(signal, actor)
    return signal


def _case_create(actor: Any, signal: Signal) -> Case:
    case = Case.objects.create(
        number=numbers.placeholder(),
        title=signal.title,
        created_by=actor,
        lead_organisation=actor.organisation,
        access_level=signal.access_level,
    )
    numbers.assign(case, numbers.CASE)
    for org_id in {actor.organisation_id, signal.reporting_organisation_id, signal.assigned_organisation_id}:
        CaseTeamMember.objects.get_or_create(case=case, organisation_id=org_id)
    return case


def _require_team(actor: Any, case: Case) -> Signal:
    require(is_worker(actor), "geen toegang")
    require(
        CaseTeamMember.objects.filter(case=case, organisation_id=actor.organisation_id).exists(),
        "alleen het casusteam",
    )
    signal = case.signals.order_by("pk").first()
    require(signal is not None and policy_for(Signal).can_change(actor, signal), "geen toegang")
    return signal


@transaction.atomic
def case_team_add(
    *, actor: Any, case: Case, organisation: Organisation, legal_basis: Any = None, request: Any = None
) -> CaseTeamMember:
    signal = _require_team(actor, case)
    require(workflow.RIEC in scopes_of(actor, signal), "het RIEC stelt het casusteam samen")
    member, created = CaseTeamMember.objects.get_or_create(
        case=case, organisation=organisation, defaults={"legal_basis": legal_basis}
    )
    if not created and legal_basis is not None and member.legal_basis_id != legal_basis.pk:
        member.legal_basis = legal_basis
        member.save(update_fields=["legal_basis"])
    timeline_add(signal, TimelineEvent.Kind.TEAM, actor, text=organisation.name)
    _audit(actor, Action.UPDATE, case, request, detail={"team": organisation.code})
    notify_transition(signal, actor, organisations=[organisation.pk])
    return member


INTERVENTION_STATES = {
    State.CASUS,
    State.INTERVENTIEVOORSTEL,
    State.INTERVENTIE_IN_UITVOERING,
    State.EVALUATIE,
}


@transaction.atomic
def intervention_add(*, actor: Any, case: Case, data: dict[str, Any], request: Any = None) -> Intervention:
    signal = _require_team(actor, case)
    if signal.state not in INTERVENTION_STATES:
        raise ValidationError({"kind": ["Interventies horen bij een casus."]})
    fields = {
        k: data.get(k)
        for k in ("kind", "legal_basis", "planned_on", "executed_on", "result")
        if data.get(k) is not None
    }
    executing = data.get("executing_organisation") or actor.organisation
    if not CaseTeamMember.objects.filter(case=case, organisation=executing).exists():
        raise ValidationError({"executing_organisation": ["De uitvoerende partner hoort in het casusteam."]})
    intervention = Intervention(case=case, executing_organisation=executing, created_by=actor, **fields)
    intervention.full_clean()
    intervention.save()
    timeline_add(signal, TimelineEvent.Kind.INTERVENTION, actor, text=intervention.get_kind_display())
    _audit(actor, Action.CREATE, intervention, request, detail={"casus": case.number})
    return intervention


@transaction.atomic
def intervention_update(
    *, actor: Any, intervention: Intervention, data: dict[str, Any], request: Any = None
) -> Intervention:
    signal = _require_team(actor, intervention.case)
    require(
        actor.organisation_id
        in (intervention.executing_organisation_id, intervention.case.lead_organisation_id),
        "alleen de uitvoerende partner of de regiehouder",
    )
    for k in ("executed_on", "result", "planned_on", "legal_basis"):
        if k in data and data[k] is not None:
            setattr(intervention, k, data[k])
    intervention.full_clean()
    intervention.save()
    timeline_add(signal, TimelineEvent.Kind.INTERVENTION, actor, text=intervention.get_kind_display())
    _audit(actor, Action.UPDATE, intervention, request, detail={"casus": intervention.case.number})
    return intervention


@transaction.atomic
def evaluation_save(*, actor: Any, case: Case, data: dict[str, Any], request: Any = None) -> Evaluation:
    signal = _require_team(actor, case)
    if signal.state != State.EVALUATIE:
        raise ValidationError({"effect": ["Evalueren kan in de fase evaluatie."]})
    values = {k: (data.get(k) or "").strip() for k in ("effect", "what_worked", "bottlenecks", "lessons")}
    evaluation = Evaluation.objects.filter(case=case).first() or Evaluation(case=case)
    for k, v in values.items():
        setattr(evaluation, k, v)
    evaluation.author = actor
    evaluation.full_clean()
    evaluation.save()
    Bottleneck.objects.filter(evaluation=evaluation).delete()
    for line in values["bottlenecks"].splitlines():
        if line.strip(" -*\t"):
            Bottleneck.objects.create(evaluation=evaluation, text=line.strip(" -*\t"))
    timeline_add(signal, TimelineEvent.Kind.EVALUATION, actor)
    _audit(actor, Action.UPDATE, evaluation, request, detail={"casus": case.number})
    return evaluation


@transaction.atomic
def bottleneck_put_on_agenda(*, actor: Any, bottleneck: Bottleneck, platform: str) -> Bottleneck:
    require(policy_for(Bottleneck).can_change(actor, bottleneck), "het RIEC agendeert knelpunten")
    if platform not in Bottleneck.Platform.values:
        raise ValidationError({"platform": ["Kies IVZ of RCIV."]})
    bottleneck.platform = platform
    bottleneck.on_agenda = True
    bottleneck.save(update_fields=["platform", "on_agenda"])
    return bottleneck


def _matching_signals(keys: list[str], holder_id: int):
    from django.db.models import Q

    addresses = [k.split(":", 1)[1] for k in keys if k.startswith("adres:")]
    q = Q(subjects__key__in=keys) | Q(address_key__in=addresses)
    return (
        Signal.objects.filter(q, anonymised_at__isnull=True)
        .filter(Q(assigned_organisation_id=holder_id) | Q(reporting_organisation_id=holder_id))
        .distinct()
    )


def signal_keys(signal: Signal) -> list[str]:
    keys = list(signal.subjects.values_list("key", flat=True))
    if signal.address_key:
        keys.append(f"adres:{signal.address_key}")
    return keys


@transaction.atomic
def disclosure_request(
    *, actor: Any, signal: Signal, holder: Organisation, purpose: str, request: Any = None
) -> DisclosureRequest:
    """Ask the holder of a hidden matching signal to share it. The holder learns only which of its
    own subjects matched, the requesting organisation and the stated purpose."""
    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": ["Geef het doel van de aanvraag op."]})
    keys = signal_keys(signal)
    hidden = _matching_signals(keys, holder.pk).exclude(pk__in=policy_for(Signal).visible(actor).values("pk"))
    first = hidden.exclude(pk=signal.pk).first()
    if first is None:
        raise ValidationError(
            {"holder": ["Deze organisatie heeft geen signaal over deze onderwerpen dat u niet kunt zien."]}
        )
    item = DisclosureRequest.objects.create(
        requesting_signal=signal,
        requester=actor,
        requesting_organisation=actor.organisation,
        holder=holder,
        keys=keys,
        purpose=purpose,
    )
    audit_log(
        actor=actor,
        action=Action.DISCLOSE,
        object_type="signals.verstrekkingsverzoek",
        object_id=str(item.pk),
        processing_activity=purpose_for(actor, request),
        request=request,
        detail={"status": "aangevraagd", "houder": holder.code, "signaal": signal.number},
    )
    notify_transition(first, actor, organisations=[holder.pk])
    return item


@transaction.atomic
def disclosure_decide(
    *,
    actor: Any,
    item: DisclosureRequest,
    grant: bool,
    legal_basis: Any = None,
    note: str = "",
    request: Any = None,
) -> DisclosureRequest:
    """The holder grants (with a recorded legal basis: the matching signals are shared with the
    requesting organisation) or refuses (with a note). Audited either way."""
    item = DisclosureRequest.objects.select_for_update().get(pk=item.pk)
    require(policy_for(DisclosureRequest).can_change(actor, item), "alleen de houder besluit")
    if item.status != DisclosureRequest.Status.REQUESTED:
        raise ValidationError({"status": ["Over deze aanvraag is al besloten."]})
    note = (note or "").strip()
    if grant and legal_basis is None:
        raise ValidationError({"legal_basis": ["Verstrekken kan alleen met een vastgelegde grondslag."]})
    if not grant and not note:
        raise ValidationError({"note": ["Geef een toelichting bij een weigering."]})
    shared = []
    if grant:
        for signal in _matching_signals(item.keys, item.holder_id):
            if not policy_for(Signal).can_change(actor, signal):
                continue
            SignalShare.objects.get_or_create(
                signal=signal,
                organisation=item.requesting_organisation,
                defaults={"legal_basis": legal_basis, "granted_by": actor, "request": item},
            )
            timeline_add(
                signal,
                TimelineEvent.Kind.TEAM,
                actor,
                text=f"gedeeld met {item.requesting_organisation.name}",
            )
            shared.append(signal.number)
    item.status = DisclosureRequest.Status.GRANTED if grant else DisclosureRequest.Status.REFUSED
    item.legal_basis = legal_basis if grant else None
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.decision_note = note
    item.save()
    audit_log(
        actor=actor,
        action=Action.DISCLOSE,
        result="allowed" if grant else "refused",
        object_type="signals.verstrekkingsverzoek",
        object_id=str(item.pk),
        processing_activity=purpose_for(actor, request),
        legal_basis=legal_basis.code if grant else "",
        request=request,
        detail={"status": item.status, "aan": item.requesting_organisation.code, "signalen": shared},
    )
    notify_transition(item.requesting_signal, actor, organisations=[item.requesting_organisation_id])
    return item
