"""Reads of signals and cases: through the policies, with the processing context, and every read
of personal data audited inside the selector (`weerbaar.audit.recording.audited`). They return
evaluated lists and dataclasses, never lazy querysets of personal data."""

from .case import (
    CaseRead,
    CaseSummary,
    bottleneck_get,
    bottleneck_list,
    case_evaluation,
    case_get,
    case_interventions,
    case_overview,
    case_summary,
    intervention_get,
)
from .disclosure import disclosure_get, disclosure_key_labels, disclosure_list
from .enrichment import EnrichmentView, facts_for, last_enrichment, stale
from .signal import (
    Duplicates,
    SignalDetail,
    attachment_get,
    duplicates,
    notifications_for,
    signal_detail,
    signal_get,
    signal_history,
    signal_list,
    subject_get,
    unread_notifications,
)
from .statistics import LeadTime, SignalCount, signal_counts, signal_counts_in_areas, signal_lead_times
from .tasks import Task, Work, case_list, may_report_signal, signal_tasks

__all__ = [
    "CaseRead",
    "CaseSummary",
    "Duplicates",
    "EnrichmentView",
    "LeadTime",
    "SignalCount",
    "SignalDetail",
    "Task",
    "Work",
    "attachment_get",
    "bottleneck_get",
    "bottleneck_list",
    "case_evaluation",
    "case_get",
    "case_interventions",
    "case_list",
    "case_overview",
    "case_summary",
    "disclosure_get",
    "disclosure_key_labels",
    "disclosure_list",
    "duplicates",
    "facts_for",
    "intervention_get",
    "last_enrichment",
    "may_report_signal",
    "notifications_for",
    "signal_counts",
    "signal_counts_in_areas",
    "signal_detail",
    "signal_get",
    "signal_history",
    "signal_lead_times",
    "signal_list",
    "signal_tasks",
    "stale",
    "subject_get",
    "unread_notifications",
]
