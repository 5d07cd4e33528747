"""The municipality's report as PDF, in Dutch or German, for the DVO and the partners: the profile
page's comparison drawn as a table. It draws the same `Comparison` rows the page, the CSV and the
chart take, so none of them publishes a figure the others do not: a suppressed value stays "< 5"
or "×", figures are written in the report's language as on the page (40,4)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weerbaar.core.context import ProcessingContext
from weerbaar.core.pdf import PdfDocument

from . import comparison, geography
from .charts import localised
from .quarters import Quarter

#: the languages of the report (the issue asks for Dutch and German)
LANGUAGES = ("nl", "de")


def _figure(shown: str) -> str:
    return localised(shown) if shown else "-"


def _quarter_line(document: PdfDocument, quarter: Quarter | None) -> None:
    if quarter is not None:
        document.line(
            _(
                "Kwartaalrapport over het %(quarter)s: de cijfers van de perioden die uiterlijk op %(end)s eindigden."
            )
            % {"quarter": quarter.label, "end": date_format(quarter.end, "SHORT_DATE_FORMAT")},
            9,
        )


def profile_report_pdf(profile: dict[str, Any], *, quarter: Quarter | None = None) -> bytes:
    """The profile (`comparison.profile`) as PDF in the active language; with `quarter`, the
    quarterly report (the profile read up to the quarter's end)."""
    municipality = profile["municipality"]
    title = _("Ondermijning in cijfers: %(name)s") % {"name": municipality.name}
    document = PdfDocument(title)
    document.line(title, 16, "B")
    document.line(
        _("Gemeenterapport voor het DVO, opgesteld op %(date)s uit de indicatoren van Weerbaar.")
        % {"date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
        9,
    )
    _quarter_line(document, quarter)
    facts = {}
    if profile["size_label"]:
        facts[_("Grootteklasse")] = profile["size_label"]
    if profile["density_label"]:
        facts[_("Dichtheid")] = profile["density_label"]
    facts[_("Vergelijkbare gemeenten")] = ", ".join(m.name for m in profile["similar"]) or "-"
    document.heading(_("De gemeente"))
    document.rows(facts)
    document.heading(_("Indicatoren vergeleken"))
    if not profile["comparisons"]:
        document.line(_("Geen waarden voor deze gemeente."))
        return document.output()
    document.table(
        [
            _("Indicator"),
            _("Periode"),
            municipality.name,
            _("Vergelijkbare gemeenten (mediaan)"),
            _("Provincie"),
        ],
        [
            [
                f"{c.name} ({c.indicator.unit_label()})",
                c.period,
                _figure(c.own),
                _figure(c.similar),
                _figure(c.province) + (f" ({_('mediaan van de gemeenten')})" if c.province_is_median else ""),
            ]
            for c in profile["comparisons"]
        ],
        widths=(64, 32, 26, 38, 30),
    )
    document.line(
        _(
            "Aantallen onder de drempel staan als '< 5'; een waarde waaruit zo'n aantal terug te "
            "rekenen is als '×'. Medianen zijn berekend over de gepubliceerde waarden."
        ),
        8,
        "I",
    )
    # the indicators name their source in Dutch ("Bron: CBS / Politie ..."): the report says "Bron"
    # in its own language
    sources = sorted(
        {c.indicator.source.removeprefix("Bron:").strip() for c in profile["comparisons"]} - {""}
    )
    for source in sources:
        document.line(_("Bron: %(source)s") % {"source": source}, 8)
    return document.output()


def province_report_pdf(
    province: str, sections: list[dict[str, Any]], *, quarter: Quarter | None = None
) -> bytes:
    """The province's report (`comparison.province_sections`) as PDF in the active language:
    per indicator the municipalities' published figures of its latest period (up to the end of
    `quarter` for the quarterly report)."""
    title = _("Ondermijning in cijfers: %(name)s") % {"name": province or _("de provincie")}
    document = PdfDocument(title)
    document.line(title, 16, "B")
    document.line(
        _("Provinciaal rapport voor het DVO, opgesteld op %(date)s uit de indicatoren van Weerbaar.")
        % {"date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
        9,
    )
    _quarter_line(document, quarter)
    if not sections:
        document.line(_("Nog geen indicatoren met waarden."))
        return document.output()
    for section in sections:
        indicator = section["indicator"]
        document.heading(f"{section['name']} ({indicator.unit_label()}), {section['period']}")
        if section["province"]:
            document.line(_("Provincie: %(value)s") % {"value": section["province"]})
        document.table(
            [_("Gemeente"), section["name"]],
            [[row.name, row.shown or "-"] for row in section["rows"]],
            widths=(90, 100),
        )
        if indicator.source:
            document.line(
                _("Bron: %(source)s") % {"source": indicator.source.removeprefix("Bron:").strip()}, 8
            )
    document.line(
        _(
            "Aantallen onder de drempel staan als '< 5'; een waarde waaruit zo'n aantal terug te "
            "rekenen is als '×'. Medianen zijn berekend over de gepubliceerde waarden."
        ),
        8,
        "I",
    )
    return document.output()


def municipality_report(
    *, ctx: ProcessingContext, code: str, language: str, quarter: Quarter | None = None
) -> bytes | None:
    """The municipality's report in `language` as `ctx` may read it (None: no such municipality);
    with `quarter`, only the periods that ended by the quarter's end. The page's PDF link and the
    stored quarterly reports both come from here."""
    with translation.override(language):
        profile = comparison.profile(ctx, code, until=quarter.end if quarter else None)
        return profile_report_pdf(profile, quarter=quarter) if profile is not None else None


def province_report(*, ctx: ProcessingContext, language: str, quarter: Quarter | None = None) -> bytes:
    """The province's report in `language` as `ctx` may read it; `quarter` as above."""
    with translation.override(language):
        area = geography.province(ctx=ctx)
        sections = comparison.province_sections(ctx, until=quarter.end if quarter else None)
        return province_report_pdf(area[1] if area else "", sections, quarter=quarter)
