"""The one way to process personal data: a permission-checked read or write and its audit entries.

Selectors and services that touch personal data do it inside `audited(...)`::

    with audited(ctx, object_type="registers.persoon", purposes=REGISTER_PURPOSES) as record:
        if not ctx.clearance.shielded:
            record.refused(reason=ctx.clearance.reason, detail={"adres": keys})
            return None
        residents = list(policy_for(PersoonAdres).visible(ctx).filter(adres_sleutel__in=keys))
        record.disclosed_each([r.persoon.bron_id for r in residents], detail={"via": "adres"})

An existence check (hit / no hit) or a count is a disclosure too: `record.answered(question=...,
answer=...)` logs the question asked and the answer given. The entries of one block are
appended together when it ends — one transaction, one chain lock — also when the block raises.
A block opened inside another (a page's selector calling another app's selector for each part
it shows) joins it: its entries are appended with the outer block's, so a page of 100 features
with their owners still takes one transaction and one chain lock.

Inside the block the code runs in a processing scope (`weerbaar.core.personal_data`): the test
suite fails any query on a personal-data table outside one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import processing_scope

from .models import Action, Result
from .services import audit_entries, entry_fields

__all__ = ["Action", "Record", "Result", "audited"]

#: the outermost block open in this thread or task: blocks inside it append with it
_outermost: ContextVar[Record | None] = ContextVar("weerbaar_audit_block", default=None)


class Record:
    """The audit entries of one audited read or write, appended when the block ends."""

    def __init__(
        self, ctx: ProcessingContext, *, object_type: str, action: Action, purposes: Sequence[str]
    ) -> None:
        self.ctx = ctx
        self.object_type = object_type
        self.action = action
        #: the processing activity the entries name: the declared one, else the capability's own
        self.purpose = ctx.purpose_among(purposes)
        self._pending: list[dict[str, Any]] = []

    def _add(
        self,
        *,
        action: Action | None = None,
        result: Result = Result.ALLOWED,
        object_id: str = "",
        subject_id: str = "",
        object_type: str | None = None,
        detail: dict[str, Any] | None = None,
        legal_basis: str = "",
    ) -> None:
        fields = entry_fields(
            ctx=self.ctx,
            action=action or self.action,
            result=result,
            object_type=self.object_type if object_type is None else object_type,
            object_id=object_id,
            data_subject_id=subject_id,
            processing_activity=self.purpose,
            detail=detail,
        )
        if legal_basis:  # a disclosure on a basis of its own (a recorded grant to share)
            fields["legal_basis"] = legal_basis
        self._pending.append(fields)

    def disclosed(
        self,
        *,
        subject_id: str = "",
        object_id: str = "",
        detail: dict[str, Any] | None = None,
        action: Action | None = None,
        object_type: str | None = None,
        legal_basis: str = "",
    ) -> None:
        """Something was shown, exported or written: one entry (`legal_basis`: when the disclosure
        rests on a basis of its own rather than the purpose's, e.g. a decision to share)."""
        self._add(
            action=action,
            object_id=object_id,
            subject_id=subject_id,
            object_type=object_type,
            detail=detail,
            legal_basis=legal_basis,
        )

    def disclosed_each(
        self,
        subject_ids: Iterable[str],
        *,
        object_id: str = "",
        detail: dict[str, Any] | None = None,
        action: Action | None = None,
        object_type: str | None = None,
    ) -> None:
        """Data of several data subjects was shown: one entry per subject (the FG finds each)."""
        for subject_id in subject_ids:
            self.disclosed(
                subject_id=subject_id,
                object_id=object_id,
                detail=detail,
                action=action,
                object_type=object_type,
            )

    def refused(self, *, reason: str = "", object_id: str = "", detail: dict[str, Any] | None = None) -> None:
        """The read was not allowed; the refusal is logged with the reason."""
        self._add(
            result=Result.REFUSED,
            object_id=object_id,
            detail={**(detail or {}), "reden": reason or self.ctx.clearance.reason},
        )

    def answered(
        self,
        *,
        question: dict[str, Any],
        answer: bool | int,
        object_id: str = "",
        subject_id: str = "",
    ) -> None:
        """A hit / no-hit answer or a count was given: the question and the answer are logged."""
        action = Action.COUNT if isinstance(answer, int) and not isinstance(answer, bool) else Action.EXISTS
        shown: bool | int = answer
        self._add(
            action=action,
            object_id=object_id,
            subject_id=subject_id,
            detail={"vraag": question, "antwoord": shown},
        )

    @property
    def pending(self) -> int:
        return len(self._pending)

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        audit_entries(pending)

    def join(self, inner: Record) -> None:
        """Take over the entries of a block opened inside this one (appended with this block's)."""
        self._pending.extend(inner._pending)
        inner._pending = []


@contextmanager
def audited(
    ctx: ProcessingContext,
    *,
    object_type: str,
    action: Action = Action.VIEW,
    purposes: Sequence[str] = (),
) -> Iterator[Record]:
    """Process personal data for `ctx`: the block may query personal-data tables, and every
    entry it records is appended to the audit log when it ends (or, inside another block, when
    the outermost block ends)."""
    record = Record(ctx, object_type=object_type, action=action, purposes=purposes)
    outer = _outermost.get()
    token = _outermost.set(record) if outer is None else None
    try:
        with processing_scope(f"{action} {object_type}"):
            yield record
    finally:
        if token is not None:
            _outermost.reset(token)
            record.flush()
        elif outer is not None:
            outer.join(record)
