"""The summary report of a control as PDF, in Dutch or German (issue 15: "a summary report in nl and
de"), for the partners and in its public-safe version.

This module only draws what `selectors.samenvatting` / `samenvatting_publiek` read (and audited):
figures, findings per kind and per partner, signals made. The public-safe version draws the
strings of the indicators' disclosure control ("< 5", "×") and never addresses, names or signal
numbers. Drawn the way the signals' case summary is (fpdf2, core fonts).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from .selectors import PubliekeSamenvatting, Samenvatting

#: the languages of the report (the issue asks for Dutch and German)
TALEN = ("nl", "de")


def _latin1(text: Any) -> str:
    """The PDF core fonts are Latin-1; anything else is replaced, never dropped silently."""
    value = str(text).replace("\u2014", "-").replace("\u2013", "-").replace("\u2019", "'")
    return value.encode("latin-1", "replace").decode("latin-1")


def _soort_labels() -> dict[str, str]:
    return {
        "opvolging": _("opvolging nodig"),
        "niemand_aanwezig": _("niemand aanwezig"),
        "geen_bijzonderheden": _("geen bijzonderheden"),
    }


class _Rapport:
    """One A4 document with headings and label/value rows."""

    def __init__(self, title: str) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(_latin1(title))
        self.pdf.set_author("Weerbaar")
        self.pdf.set_creation_date(timezone.now())
        self.pdf.add_page()

    def line(self, text: str, size: int = 11, style: str = "") -> None:
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.multi_cell(0, 6, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.pdf.ln(3)
        self.line(text, 13, "B")

    def rows(self, rows: dict[str, Any]) -> None:
        if not rows:
            self.line("-")
        for label, value in rows.items():
            self.line(f"{label}: {value}")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _kop(rapport: _Rapport, controle: Any, author: str, title: str) -> None:
    rapport.line(f"{title}: {controle.naam}", 16, "B")
    rapport.line(f"{controle.datum.isoformat()}, {controle.get_soort_gebied_display()}", 10)
    rapport.line(
        _("Opgesteld op %(date)s door %(org)s") % {"date": timezone.localdate().isoformat(), "org": author}, 9
    )


def samenvatting_pdf(s: Samenvatting, *, author: str) -> bytes:
    """The partners' summary (in the active language): exact figures and the signal numbers."""
    rapport = _Rapport(s.controle.naam)
    _kop(rapport, s.controle, author, _("Samenvatting"))
    rapport.line(_("Vertrouwelijk: alleen voor de partners van deze controle."), 9, "I")
    rapport.heading(_("Cijfers"))
    rapport.rows(
        {
            _("Adressen in de bezoeklijst"): s.adressen,
            _("Bezochte adressen"): s.bezocht,
            _("Bevindingen"): s.bevindingen,
            _("Signalen gemaakt"): s.signalen,
        }
    )
    labels = _soort_labels()
    rapport.heading(_("Bevindingen per soort"))
    rapport.rows({labels[k]: v for k, v in s.per_soort.items()})
    rapport.heading(_("Bevindingen per partner"))
    rapport.rows(s.per_partner)
    if s.signaalnummers:
        rapport.heading(_("Signalen"))
        rapport.line(", ".join(s.signaalnummers))
    return rapport.output()


def samenvatting_publiek_pdf(p: PubliekeSamenvatting, *, author: str) -> bytes:
    """The public-safe summary (in the active language): only the disclosure-controlled strings."""
    rapport = _Rapport(p.controle.naam)
    _kop(rapport, p.controle, author, _("Publieksversie"))
    rapport.line(
        _(
            "Aantallen onder de 5 staan als '< 5'; een cel waaruit zo'n aantal terug te rekenen is "
            "als '×'. Geen adressen, namen of signaalnummers."
        ),
        9,
        "I",
    )
    rapport.heading(_("Cijfers"))
    rapport.rows(
        {
            _("Adressen in de bezoeklijst"): p.cijfers["adressen"],
            _("Bezochte adressen"): p.cijfers["bezocht"],
            _("Bevindingen"): p.cijfers["bevindingen"],
            _("Signalen gemaakt"): p.cijfers["signalen"],
        }
    )
    labels = _soort_labels()
    rapport.heading(_("Bevindingen per soort"))
    rapport.rows({labels[k]: v for k, v in p.per_soort.items()})
    rapport.heading(_("Bevindingen per partner"))
    rapport.rows(p.per_partner)
    return rapport.output()
