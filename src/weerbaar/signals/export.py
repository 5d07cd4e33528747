"""A case summary as PDF, in Dutch or German, for a (cross-border) partner.

Data minimisation: no free text of signals or comments, no subjects unless marked shareable, no
enrichment facts. What is left: the case, phenomena, municipalities, stages, interventions and
lessons. This module only draws what `selectors.case_summary` read (and audited);
`services.case_summary_export` puts the export on the timeline.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from weerbaar.core.pdf import latin1

from .selectors import CaseSummary


def case_summary_pdf(summary: CaseSummary, *, author: str, language: str = "nl") -> bytes:
    """The summary drawn as PDF (in the active language), made by the organisation `author`."""
    case = summary.case
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(f"{case.number}"))
    pdf.set_author("Weerbaar")
    pdf.set_creation_date(timezone.now())
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)

    def line(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(_("Samenvatting casus %(number)s") % {"number": case.number}, 16, "B")
    line(
        _("Opgesteld op %(date)s door %(org)s") % {"date": timezone.localdate().isoformat(), "org": author}, 9
    )
    line(_("Vertrouwelijk. Persoonsgegevens zijn beperkt tot wat als deelbaar is gemarkeerd."), 9, "I")
    pdf.ln(3)
    line(_("Casusteam"), 13, "B")
    for member in summary.members:
        line(f"- {member.organisation.name}")
    pdf.ln(2)
    line(_("Signalen"), 13, "B")
    for item in summary.signals:
        s = item.signal
        municipality = s.municipality.name if s.municipality_id else "-"
        line(
            f"{s.number}: {s.get_phenomenon_display()}, {municipality}, {s.get_state_display()} ({s.received_on})"
        )
        for subject in item.shared:
            line(f"   {subject.kind_label}: {subject.name or subject.identifier}", 10)
        if item.not_shared:
            line("   " + _("%(n)s onderwerp(en) niet gedeeld") % {"n": item.not_shared}, 10, "I")
    pdf.ln(2)
    line(_("Interventies"), 13, "B")
    for i in summary.interventions:
        line(
            f"- {i.get_kind_display()}; {i.executing_organisation.name}; {_('grondslag')}: {i.legal_basis}; "
            f"{_('gepland')}: {i.planned_on or '-'}; {_('uitgevoerd')}: {i.executed_on or '-'}"
        )
    evaluation = summary.evaluation
    if evaluation is not None:
        pdf.ln(2)
        line(_("Evaluatie"), 13, "B")
        line(f"{_('Effect')}: {evaluation.effect}")
        line(f"{_('Wat werkte')}: {evaluation.what_worked}")
        line(f"{_('Lessen')}: {evaluation.lessons}")
    return bytes(pdf.output())
