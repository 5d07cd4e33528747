"""Registering a signal and what is added to it: subjects, comments, attachments.

Keyword-only, the processing context explicit (the actor is `ctx.actor`), a policy check before
anything, one transaction, an append-only timeline entry and the audit entries written inside
`audited(...)`; notifications after the commit.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, Record, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.core.subjects import subject_kinds
from weerbaar.organisations.models import Area, Organisation
from weerbaar.registers import selectors as registers

from .. import keys, numbers, workflow
from ..models import Attachment, Comment, Signal, Subject, TimelineEvent
from ..notifications import notify_transition
from ..policies import ACTIVITIES, organisation_of
from ..workflow import State
from .timeline import timeline_add

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
#: what a subject may be given; `name` and `birth_date` only where its kind uses them
SUBJECT_FIELDS = {"kind", "identifier", "name", "birth_date", "role", "shareable"}
NO_ACCESS = "geen toegang tot dit signaal"


def _locate(ctx: ProcessingContext, signal: Signal) -> None:
    """Fill the point from the BAG address when none was drawn, and the municipality from the point."""
    if signal.point is None and signal.address_key:
        signal.point = registers.ligging(ctx=ctx, adres_sleutel=signal.address_key)
    if signal.point is None and signal.area is not None:
        signal.point = signal.area.point_on_surface
    if signal.point is None and signal.parcel:
        signal.point = registers.ligging(ctx=ctx, kadastrale_aanduiding=signal.parcel)
    if signal.point is not None and signal.municipality_id is None:
        area = Area.objects.filter(kind="gemeente", geometry__contains=signal.point).first()
        if area is not None:
            signal.municipality_id = area.organisation_id


def _geometry(value: Any) -> GEOSGeometry | None:
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


@transaction.atomic
def signal_create(
    *,
    ctx: ProcessingContext,
    data: dict[str, Any],
    subjects: list[dict[str, Any]] | None = None,
    assigned_organisation: Organisation | None = None,
) -> Signal:
    """Register a signal (shielded by default) with its subjects, reported by the context's actor
    and organisation; every field's error at once."""
    with audited(ctx, object_type="signals.signal", action=Action.CREATE, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_create(ctx), "geen recht om signalen te registreren")
        fields = {k: v for k, v in data.items() if k in SIGNAL_FIELDS and v not in (None, "")}
        fields["point"] = _geometry(fields.get("point"))
        fields["area"] = _geometry(fields.get("area"))
        if fields.get("parcel"):
            fields["parcel"] = keys.parcel_key(fields["parcel"])
        signal = Signal(
            **fields,
            number=numbers.placeholder(),
            reporting_organisation_id=organisation_of(ctx),
            reported_by_id=ctx.actor.pk if ctx.actor is not None else None,
            assigned_organisation_id=assigned_organisation.pk
            if assigned_organisation
            else organisation_of(ctx),
        )
        signal.address_key = keys.address_key(signal.address)
        errors: dict[str, list[str]] = {}
        if signal.address and not signal.address_key:
            errors["address"] = ["Geen geldige postcode en huisnummer, bijvoorbeeld 7411 AB 12."]
        try:
            signal.full_clean(exclude=["number", "address_key"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)
        _locate(ctx, signal)
        signal.stage_deadline = workflow.stage_deadline(State.ONTVANGEN, timezone.now())
        signal.save()
        numbers.assign(signal, numbers.SIGNAL)
        timeline_add(ctx, signal, TimelineEvent.Kind.CREATED, to_state=signal.state)
        for subject in subjects or []:
            _subject_create(ctx, record, signal, **subject)
        record.disclosed(object_id=signal.number, detail={"onderwerpen": len(subjects or [])})
    if signal.assigned_organisation_id != ctx.organisation_id:
        notify_transition(signal, ctx)
    return signal


def _subject_create(ctx: ProcessingContext, record: Record, signal: Signal, **data: Any) -> Subject:
    """A subject of a registered kind, keyed by its kind; logged with its key as data subject."""
    values = {k: v for k, v in data.items() if k in SUBJECT_FIELDS and v is not None}
    kind = subject_kinds[values["kind"]] if values.get("kind") in subject_kinds else None
    if kind is not None:  # a birth date given for a company would be stored and shown for nothing
        values = {k: v for k, v in values.items() if k not in ("name", "birth_date") or k in kind.fields}
    subject = Subject(signal=signal, access_level=signal.access_level, **values)
    subject.full_clean(exclude=["signal", "key"])
    assert kind is not None  # full_clean refuses a kind no app registered
    subject.key = kind.key(subject.identifier.strip(), name=subject.name, birth_date=subject.birth_date)
    subject.save()
    timeline_add(ctx, signal, TimelineEvent.Kind.SUBJECT, text=subject.kind_label)
    record.disclosed(
        object_type="signals.subject",
        object_id=str(subject.pk),
        subject_id=subject.key,
        detail={"signaal": signal.number},
    )
    return subject


@transaction.atomic
def subject_add(*, ctx: ProcessingContext, signal: Signal, **data: Any) -> Subject:
    with audited(ctx, object_type="signals.subject", action=Action.CREATE, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_change(ctx, signal), NO_ACCESS)
        return _subject_create(ctx, record, signal, **data)


@transaction.atomic
def subject_set_shareable(*, ctx: ProcessingContext, subject: Subject, shareable: bool) -> Subject:
    """Mark a subject (not) shareable with cross-border partners: what a PDF summary may name."""
    with audited(ctx, object_type="signals.subject", action=Action.UPDATE, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_change(ctx, subject.signal), NO_ACCESS)
        subject.shareable = shareable
        subject.save(update_fields=["shareable"])
        timeline_add(ctx, subject.signal, TimelineEvent.Kind.SUBJECT, text=f"deelbaar={shareable}")
        record.disclosed(object_id=str(subject.pk), subject_id=subject.key, detail={"deelbaar": shareable})
        return subject


@transaction.atomic
def comment_add(*, ctx: ProcessingContext, signal: Signal, text: str) -> Comment:
    with audited(ctx, object_type="signals.comment", action=Action.CREATE, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_change(ctx, signal), NO_ACCESS)
        text = (text or "").strip()
        if not text:
            raise ValidationError({"text": [_("Schrijf een opmerking.")]})
        comment = Comment.objects.create(
            signal=signal,
            author_id=ctx.actor.pk if ctx.actor is not None else None,
            organisation_id=organisation_of(ctx),
            text=text,
        )
        timeline_add(ctx, signal, TimelineEvent.Kind.COMMENT)
        record.disclosed(object_id=str(comment.pk), detail={"signaal": signal.number})
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
    if (upload.size or 0) > limit:
        raise ValidationError({"file": [f"Het bestand is groter dan {limit // (1024 * 1024)} MB."]})
    content_type, magics = ALLOWED_ATTACHMENTS[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if ext == ".txt":
        if b"\x00" in head:
            raise ValidationError({"file": [_("De inhoud past niet bij het bestandstype.")]})
    elif not any(head.startswith(m) for m in magics):
        raise ValidationError({"file": [_("De inhoud past niet bij het bestandstype.")]})
    return content_type


@transaction.atomic
def attachment_add(*, ctx: ProcessingContext, signal: Signal, upload: UploadedFile) -> Attachment:
    with audited(ctx, object_type="signals.attachment", action=Action.CREATE, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_change(ctx, signal), NO_ACCESS)
        content_type = _check_upload(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        original = Path(upload.name or "").name[:200]
        upload.name = (
            f"{uuid.uuid4().hex}{Path(original).suffix.lower()}"  # never the user's file name on disk
        )
        attachment = Attachment.objects.create(
            signal=signal,
            file=upload,
            original_name=original,
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by_id=ctx.actor.pk if ctx.actor is not None else None,
        )
        timeline_add(ctx, signal, TimelineEvent.Kind.ATTACHMENT, text=original)
        record.disclosed(
            object_id=str(attachment.pk), detail={"signaal": signal.number, "bytes": upload.size}
        )
        return attachment
