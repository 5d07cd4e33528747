"""Indicators as data: what a figure means (Indicator) and its values per area and period
(IndicatorValue).

What must hold:
- an indicator's key is stable and unique; its access level is one of the platform's levels
  (openbaar / intern / afgeschermd) and decides who sees its values at all;
- an area code is a CBS code: PV21 (province), GM0141 (municipality), WK014101 (wijk),
  BU01410101 (buurt); the level is derived from the prefix, never stored apart from it;
- a value marked `is_count` is a number of cases: it is subject to disclosure control
  (indicators.disclosure) in every output for someone without clearance for the indicator's
  level; a rate or a score is not suppressed by itself, but one that `follows` a count
  indicator is held back wherever that count is (a rate times the population gives the count);
- one value per (indicator, area, period).
"""

from __future__ import annotations

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled, AccessLevel

#: the units of the platform's own and the shipped CBS indicators, in Dutch as they are stored;
#: pages show them in the reader's language (`Indicator.unit_label`). An imported indicator's
#: unit outside this list is shown as it was given.
UNITS = (
    gettext_noop("aantal"),
    gettext_noop("per 1000 inwoners"),
    gettext_noop("dagen"),
    gettext_noop("index 0-1"),
)

#: CBS area codes: province, municipality, wijk, buurt (prefix and digits)
AREA_CODE = re.compile(r"^(PV\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")


class AreaLevel(models.TextChoices):
    PROVINCIE = "PV", _("provincie")
    GEMEENTE = "GM", _("gemeente")
    WIJK = "WK", _("wijk")
    BUURT = "BU", _("buurt")


def area_level(code: str) -> str:
    """The level of a CBS area code (its prefix); ValueError for anything else."""
    if not AREA_CODE.match(code):
        raise ValueError(f"{code!r} is geen CBS-gebiedscode (PV21, GM0141, WK014101, BU01410101)")
    return code[:2]


def parent_area(code: str) -> str | None:
    """The CBS parent of a wijk (its municipality) or buurt (its wijk); None above that (the
    province of a municipality is not in its code)."""
    if code.startswith("BU"):
        return "WK" + code[2:8]
    if code.startswith("WK"):
        return "GM" + code[2:6]
    return None


def validate_area_code(value: str) -> None:
    if not AREA_CODE.match(value or ""):
        raise ValidationError(
            _("%(value)r is geen CBS-gebiedscode (PV21, GM0141, WK014101, BU01410101)"),
            params={"value": value},
        )


class Refresh(models.TextChoices):
    MAANDELIJKS = "maandelijks", _("maandelijks")
    KWARTAAL = "kwartaal", _("per kwartaal")
    JAARLIJKS = "jaarlijks", _("jaarlijks")
    DOORLOPEND = "doorlopend", _("doorlopend (berekend)")


class Indicator(AccessControlled):
    """One indicator: definition, unit, source, owner, refresh, theme and its suppression threshold."""

    key = models.SlugField(_("sleutel"), max_length=80, unique=True)
    name_nl = models.CharField(_("naam (nl)"), max_length=200)
    name_de = models.CharField(_("naam (de)"), max_length=200, blank=True)
    name_en = models.CharField(_("naam (en)"), max_length=200, blank=True)
    definition = models.TextField(_("definitie"))
    definition_de = models.TextField(_("definitie (de)"), blank=True)
    definition_en = models.TextField(_("definitie (en)"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=40)
    source = models.CharField(_("bron"), max_length=200)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    refresh = models.CharField(_("actualisatie"), max_length=12, choices=Refresh.choices)
    theme = models.CharField(_("thema"), max_length=60, blank=True)
    #: the phenomenon of undermining the figure is about (drugs, mensenhandel, ...), blank for
    #: figures about crime or signals in general; a filter of the dashboard
    phenomenon = models.CharField(_("fenomeen"), max_length=60, blank=True)
    #: counts below this are published as "< threshold" (primary suppression)
    suppression_threshold = models.PositiveSmallIntegerField(_("drempel onderdrukking"), default=5)
    #: identifier of the catalog factsheet that describes the source, where one exists; a
    #: loose link on purpose: the catalog is read through its selectors, not its tables
    factsheet = models.CharField(_("factsheet"), max_length=120, blank=True)
    #: a rate or score computed from this count indicator: held back wherever the count is
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("volgt onderdrukking van"),
    )
    #: computed by the platform (indicators.registry) rather than imported
    computed = models.BooleanField(default=False)
    #: bumped by every write of this indicator's values (indicators.published.values_changed):
    #: the published figures stored for an older version are stale and are made again
    values_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["theme", "key"]

    def __str__(self) -> str:
        return self.name_nl

    def name(self, language: str) -> str:
        return self._in_language("name", language) or self.name_nl

    def definition_in(self, language: str) -> str:
        """The definition in `language`, the Dutch one where it has none."""
        return self._in_language("definition", language) or self.definition

    def _in_language(self, field: str, language: str) -> str:
        return getattr(self, f"{field}_{language[:2]}", "")

    def unit_label(self) -> str:
        """The unit in the active language, where it is one of `UNITS`."""
        return gettext(self.unit) if self.unit else ""


class IndicatorValue(models.Model):
    """A value of an indicator for one area and one period (start and end inclusive)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area_code = models.CharField(
        _("gebiedscode"), max_length=10, validators=[validate_area_code], db_index=True
    )
    period_start = models.DateField(_("begin periode"))
    period_end = models.DateField(_("einde periode"))
    value = models.DecimalField(_("waarde"), max_digits=16, decimal_places=4)
    is_count = models.BooleanField(_("aantal"), default=True)

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        ordering = ["indicator", "period_start", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period_start", "period_end"],
                name="indicators_value_unique_area_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="indicators_value_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start", "area_code"], name="indicators_value_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_code} {self.period_start}: {self.value}"


class PublishedTable(models.Model):
    """That an indicator's published figures (`PublishedValue`) are stored, and what they were made
    from (`made_from`): its `values_version`, its threshold and, for a rate that follows a count,
    that count and its version (indicators.published.data_version). A different current value
    means a write or an edit came after: the figures are made again before they are read."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, primary_key=True, related_name="+")
    made_from = models.CharField(max_length=80)
    made_at = models.DateTimeField(auto_now=True)
    # names this making's whole-table files (indicators.tables): new each time the table is made,
    # so a file is never taken for that of other data (a restored database, a rolled-back test)
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.made_from}"


class PublishedValue(models.Model):
    """One cell of an indicator's values as published to everyone without shielded clearance:
    after primary and secondary suppression (indicators.disclosure) of the whole area × period
    table. A suppressed cell has no value, only its shown marker ("< 5" or "×"): the figure it
    hides is not stored here, so this table can never give it back."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    area_code = models.CharField(max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    shown = models.CharField(max_length=24)
    suppressed = models.CharField(max_length=10, blank=True)
    is_count = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period_start", "period_end"],
                name="indicators_published_unique_area_period",
            ),
        ]
        # a level's or a municipality's cells are a range of area codes (GM..GN), one period a
        # range of the second index: both are read without scanning the indicator's other cells
        indexes = [
            models.Index(fields=["indicator", "period_start", "area_code"], name="indicators_pub_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_code} {self.period_start}: {self.shown}"


class AreaName(models.Model):
    """The CBS name and parent of a wijk (parent: its municipality) or buurt (parent: its wijk):
    public reference data for the tables of wijken and buurten. Municipalities and the province
    are the region's own areas (weerbaar.organisations)."""

    code = models.CharField(_("gebiedscode"), max_length=10, unique=True, validators=[validate_area_code])
    name = models.CharField(_("naam"), max_length=200)
    parent_code = models.CharField(_("ligt in"), max_length=10, validators=[validate_area_code])

    class Meta:
        verbose_name = _("wijk of buurt")
        verbose_name_plural = _("wijken en buurten")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ResilienceDomain(models.TextChoices):
    """The domains of a municipal weerbaarheidsscan (RIEC/CCV model), each scored 1 to 5."""

    BEWUSTWORDING = "bewustwording", _("Bewustwording")
    INFORMATIEPOSITIE = "informatiepositie", _("Informatiepositie")
    INSTRUMENTARIUM = "instrumentarium", _("Bestuurlijk instrumentarium (incl. Bibob)")
    INTEGRITEIT = "integriteit", _("Integriteit")
    SAMENWERKING = "samenwerking", _("Organisatie en samenwerking")
    VERGUNNINGEN = "vergunningen", _("Vergunningverlening en handhaving")
    WEERBARE_OVERHEID = "ambtenaren", _("Weerbare ambtenaren en bestuurders")


class ResilienceScan(AccessControlled):
    """One weerbaarheidsscan of one municipality on one date; its scores per domain are
    `ResilienceScore` rows. Shielded by default: a single scan shows where one municipality is
    weak, which is intern to it, the RIEC and the province."""

    access_level = models.CharField(
        _("toegangsniveau"),
        max_length=12,
        choices=AccessLevel.choices,
        default=AccessLevel.AFGESCHERMD,
        db_index=True,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    area_code = models.CharField(_("gebiedscode"), max_length=10, validators=[validate_area_code])
    date = models.DateField(_("datum"))
    #: demo scans are fictitious and say so on every page that shows them
    fictitious = models.BooleanField(_("fictief"), default=False)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("weerbaarheidsscan")
        verbose_name_plural = _("weerbaarheidsscans")
        ordering = ["area_code", "date"]
        constraints = [
            models.UniqueConstraint(fields=["area_code", "date"], name="indicators_scan_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.date}"


class ResilienceScore(models.Model):
    scan = models.ForeignKey(ResilienceScan, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(_("domein"), max_length=20, choices=ResilienceDomain.choices)
    score = models.DecimalField(_("score"), max_digits=3, decimal_places=1)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["scan", "domain"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "domain"], name="indicators_score_unique_domain"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1) & models.Q(score__lte=5),
                name="indicators_score_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scan_id} {self.domain}: {self.score}"


class QuarterlyReportRun(models.Model):
    """The making of one quarter's reports: claimed by the worker's periodic task (one job per
    quarter, however many workers run), `completed_at` set by the job in the transaction that
    stores the reports."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(_("kwartaal"))
    queued_at = models.DateTimeField(_("in de wachtrij gezet"))
    completed_at = models.DateTimeField(_("voltooid"), null=True, blank=True)

    class Meta:
        verbose_name = _("kwartaalrapportage")
        verbose_name_plural = _("kwartaalrapportages")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="indicators_run_unique_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.quarter}"


class QuarterlyReport(AccessControlled):
    """A stored quarterly report (PDF) of a municipality or the province in one language, as it
    was made after the quarter: the archive the DVO reads back. Made with the public context, so
    its figures are the published ones and the report itself is openbaar."""

    access_level = models.CharField(
        _("toegangsniveau"),
        max_length=12,
        choices=AccessLevel.choices,
        default=AccessLevel.OPENBAAR,
        db_index=True,
    )
    run = models.ForeignKey(QuarterlyReportRun, on_delete=models.CASCADE, related_name="reports")
    area_code = models.CharField(_("gebiedscode"), max_length=10, validators=[validate_area_code])
    language = models.CharField(_("taal"), max_length=2)
    pdf = models.BinaryField(_("PDF"))
    made_at = models.DateTimeField(_("gemaakt op"))

    class Meta:
        verbose_name = _("kwartaalrapport")
        verbose_name_plural = _("kwartaalrapporten")
        ordering = ["run", "area_code", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "area_code", "language"], name="indicators_report_unique_area_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} {self.area_code} {self.language}"
