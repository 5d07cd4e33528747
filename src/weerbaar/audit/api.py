from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, model_validator

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of

from .models import Action, Result
from .selectors import audit_entry_search
from .services import audit_log

router = Router(tags=["logboek"])


class AuditFilter(Schema):
    gebruiker: str = ""
    organisatie: str = ""
    betrokkene: str = ""
    vanaf: date | None = None
    tot: date | None = None
    pageSize: int = Field(50, ge=1, le=500)

    @model_validator(mode="after")
    def _period(self):
        if self.vanaf and self.tot and self.vanaf > self.tot:
            raise ValueError("'tot' ligt voor 'vanaf'")
        return self


class AuditEntryOut(Schema):
    id: int
    tijdstip: datetime
    traceId: str
    gebruiker: str
    organisatie: str
    handeling: str
    objecttype: str
    object: str
    betrokkene: str
    resultaat: str
    verwerkingsactiviteit: str
    grondslag: str


@router.get("/logboek", response=list[AuditEntryOut], summary="Logboek dataverwerkingen (alleen FG)")
def logboek(request: HttpRequest, filters: Query[AuditFilter]):
    if Role.FG not in roles_of(request.user):
        audit_log(
            actor=request.user,
            action=Action.SEARCH,
            result=Result.REFUSED,
            object_type="audit",
            request=request,
        )
        raise PermissionDenied
    entries = audit_entry_search(
        user=request.user,
        actor=filters.gebruiker,
        organisation=filters.organisatie,
        subject=filters.betrokkene,
        date_from=filters.vanaf,
        date_until=filters.tot,
    )[: filters.pageSize]
    audit_log(
        actor=request.user,
        action=Action.SEARCH,
        object_type="audit",
        request=request,
        processing_activity="toezicht-logboek",
    )
    return [
        {
            "id": e.pk,
            "tijdstip": e.timestamp,
            "traceId": e.trace_id,
            "gebruiker": e.actor,
            "organisatie": e.organisation,
            "handeling": e.action,
            "objecttype": e.object_type,
            "object": e.object_id,
            "betrokkene": e.data_subject_id,
            "resultaat": e.result,
            "verwerkingsactiviteit": e.processing_activity,
            "grondslag": e.legal_basis,
        }
        for e in entries
    ]
