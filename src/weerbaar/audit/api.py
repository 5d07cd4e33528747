from datetime import date, datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, model_validator

from weerbaar.core.context import context_for_request

from .selectors import AuditQuery, audit_entry_search

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
    query = AuditQuery(
        actor=filters.gebruiker,
        organisation=filters.organisatie,
        subject=filters.betrokkene,
        date_from=filters.vanaf,
        date_until=filters.tot,
    )
    entries = audit_entry_search(ctx=context_for_request(request), query=query)[: filters.pageSize]
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
