"""Writes on signals and cases. Keyword-only, the processing context explicit (`ctx`; the actor is
`ctx.actor`), a policy check before anything, one transaction, an append-only timeline entry and
the audit entries written inside `weerbaar.audit.recording.audited`; side effects on commit."""

from .cases import (
    INTERVENTION_STATES,
    bottleneck_put_on_agenda,
    case_summary_export,
    case_team_add,
    evaluation_save,
    intervention_add,
    intervention_update,
)
from .disclosures import disclosure_decide, disclosure_request, signal_keys
from .enrichment import enrich
from .intake import attachment_add, comment_add, signal_create, subject_add, subject_set_shareable
from .reminders import notifications_mark_read, overdue_notify, stale_enrichments_notify
from .retention import anonymise, retention_due, retention_run
from .steps import TransitionError, available_transitions, signal_assign, signal_transition

__all__ = [
    "INTERVENTION_STATES",
    "TransitionError",
    "anonymise",
    "attachment_add",
    "available_transitions",
    "bottleneck_put_on_agenda",
    "case_summary_export",
    "case_team_add",
    "comment_add",
    "disclosure_decide",
    "disclosure_request",
    "enrich",
    "evaluation_save",
    "intervention_add",
    "intervention_update",
    "notifications_mark_read",
    "overdue_notify",
    "retention_due",
    "retention_run",
    "signal_assign",
    "signal_create",
    "signal_keys",
    "signal_transition",
    "stale_enrichments_notify",
    "subject_add",
    "subject_set_shareable",
]
