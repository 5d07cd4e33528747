"""The yearly DVO version of the agenda as PDF, in Dutch or German (drawn as signals draws its
case summary, with fpdf2's core fonts). Draws only what the selector read."""

from __future__ import annotations

from django.utils.translation import gettext as _
from fpdf import FPDF

from weerbaar.core.pdf import latin1

from .models import ActionStatus, AgendaVersion
from .versions import action_text, theme_name


def dvo_pdf(version: AgendaVersion, *, language: str, organisation_names: dict[str, str]) -> bytes:
    """Version `version` of the agenda as PDF in the active language (`language` picks the texts)."""
    snapshot = version.snapshot
    pdf = FPDF(format="A4")
    title = _("Samenwerkingsagenda aanpak ondermijning in Overijssel")
    pdf.set_title(latin1(f"{title} v{version.number}"))
    pdf.set_author("Weerbaar")
    pdf.set_lang(language)
    pdf.add_page()

    def line(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(title, 16, "B")
    line(
        _("Versie %(number)s van %(date)s, vastgesteld door %(author)s")
        % {"number": version.number, "date": version.published_on.isoformat(), "author": version.author_name},
        9,
    )
    line(_("Reden van de wijziging: %(reason)s") % {"reason": version.reason}, 9, "I")
    statuses = dict(ActionStatus.choices)
    for theme in snapshot.get("themes", []):
        actions = [a for a in snapshot.get("actions", []) if a["theme"] == theme["code"]]
        pdf.ln(3)
        line(theme_name(snapshot, theme["code"], language), 13, "B")
        if not actions:
            line(_("Geen acties."), 10, "I")
        for action in actions:
            pdf.ln(1)
            line(action_text(action, "title", language), 11, "B")
            owners = ", ".join(organisation_names.get(c, c) for c in action["owners"])
            line(
                f"{_('Status')}: {statuses.get(action['status'], action['status'])}; {_('Eigenaars')}: {owners}",
                9,
            )
            for name, label in (
                ("goal", _("Doel")),
                ("results", _("Resultaten")),
                ("policy_question", _("Beleidsvraag")),
            ):
                text = action_text(action, name, language)
                if text:
                    line(f"{label}: {text}", 10)
    return bytes(pdf.output())
