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

from weerbaar.core.pdf import PdfDocument

from .selectors import PubliekeSamenvatting, Samenvatting

#: the languages of the report (the issue asks for Dutch and German)
TALEN = ("nl", "de")


def _soort_labels() -> dict[str, str]:
    return {
        "opvolging": _("opvolging nodig"),
        "niemand_aanwezig": _("niemand aanwezig"),
        "geen_bijzonderheden": _("geen bijzonderheden"),
    }


def _kop(rapport: PdfDocument, controle: Any, author: str, title: str) -> None:
    rapport.line(f"{title}: {controle.naam}", 16, "B")
    rapport.line(f"{controle.datum.isoformat()}, {controle.get_soort_gebied_display()}", 10)
    rapport.line(
        _("Opgesteld op %(date)s door %(org)s") % {"date": timezone.localdate().isoformat(), "org": author}, 9
    )


def samenvatting_pdf(s: Samenvatting, *, author: str) -> bytes:
    """The partners' summary (in the active language): exact figures and the signal numbers."""
    rapport = PdfDocument(s.controle.naam)
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
    rapport = PdfDocument(p.controle.naam)
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
