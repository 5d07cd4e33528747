"""Factsheets: the catalog of information sources, modelled on DCAT-AP-DONL.

A factsheet describes a source, not its contents. Its `access_level` is the access level of the
*data*; the factsheet itself is visible to every logged-in partner even when the data is
afgeschermd (discoverable before disclosed). Every save keeps a version.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.core.i18n import translated
from weerbaar.organisations.models import Organisation
from weerbaar.themes.models import Theme  # moved to the themes app; still importable from here

__all__ = ["Distribution", "DistributionKind", "Factsheet", "FactsheetVersion", "Frequency", "Theme"]


class Frequency(models.TextChoices):
    """EU frequency vocabulary (publications.europa.eu/resource/authority/frequency)."""

    CONT = "CONT", _("continu")
    DAILY = "DAILY", _("dagelijks")
    WEEKLY = "WEEKLY", _("wekelijks")
    MONTHLY = "MONTHLY", _("maandelijks")
    QUARTERLY = "QUARTERLY", _("per kwartaal")
    ANNUAL = "ANNUAL", _("jaarlijks")
    TRIENNIAL = "TRIENNIAL", _("driejaarlijks")
    IRREG = "IRREG", _("onregelmatig")
    NEVER = "NEVER", _("nooit")
    UNKNOWN = "UNKNOWN", _("onbekend")


class Factsheet(AccessControlled):
    identifier = models.SlugField(_("identificatie"), max_length=100, unique=True)
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=300)
    title_de = models.CharField(_("titel (Duits)"), max_length=300, blank=True)
    title_en = models.CharField(_("titel (Engels)"), max_length=300, blank=True)
    description_nl = models.TextField(_("beschrijving (Nederlands)"))
    description_de = models.TextField(_("beschrijving (Duits)"), blank=True)
    description_en = models.TextField(_("beschrijving (Engels)"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="factsheets_owned",
        verbose_name=_("eigenaar (bronhouder)"),
    )
    publisher = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="factsheets_published",
        null=True,
        blank=True,
        verbose_name=_("verstrekker"),
    )
    maintainer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="factsheets_maintained",
        verbose_name=_("beheerder van de factsheet"),
        help_text=_("Alleen deze organisatie mag de factsheet wijzigen."),
    )
    themes = models.ManyToManyField("themes.Theme", related_name="factsheets", verbose_name=_("thema's"))
    donl_theme = models.CharField(_("thema (Taxonomie Beleidsagenda)"), max_length=60)
    keywords = models.JSONField(_("trefwoorden"), default=list, blank=True)
    personal_data = models.BooleanField(_("bevat persoonsgegevens"), default=False)
    personal_data_categories = models.JSONField(_("categorieën persoonsgegevens"), default=list, blank=True)
    legal_bases = models.ManyToManyField(
        "privacy.LegalBasis", related_name="factsheets", blank=True, verbose_name=_("grondslagen voor delen")
    )
    access_procedure_nl = models.TextField(_("hoe vraag ik toegang (Nederlands)"))
    access_procedure_de = models.TextField(_("hoe vraag ik toegang (Duits)"), blank=True)
    access_procedure_en = models.TextField(_("hoe vraag ik toegang (Engels)"), blank=True)
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="factsheets",
        verbose_name=_("contactpersoon"),
    )
    frequency = models.CharField(_("actualisatiefrequentie"), max_length=12, choices=Frequency.choices)
    spatial = models.CharField(_("geografische dekking"), max_length=30)
    temporal_start = models.DateField(_("periode vanaf"), null=True, blank=True)
    temporal_end = models.DateField(_("periode tot"), null=True, blank=True)
    reviewed_on = models.DateField(_("laatst beoordeeld op"))
    reviewer = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="factsheets_reviewed",
        verbose_name=_("beoordelaar"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    modified_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("factsheet")
        verbose_name_plural = _("factsheets")
        ordering = ["title_nl"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")

    @property
    def access_procedure(self) -> str:
        return translated(self, "access_procedure")


class DistributionKind(models.TextChoices):
    DOWNLOAD = "download", _("download")
    API = "api", _("API")
    VIEWER = "viewer", _("kaartlaag of pagina in Weerbaar")


class Distribution(models.Model):
    factsheet = models.ForeignKey(Factsheet, on_delete=models.CASCADE, related_name="distributions")
    kind = models.CharField(_("soort"), max_length=10, choices=DistributionKind.choices)
    format = models.CharField(_("formaat"), max_length=30)
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=300)
    title_de = models.CharField(_("titel (Duits)"), max_length=300, blank=True)
    title_en = models.CharField(_("titel (Engels)"), max_length=300, blank=True)
    url = models.URLField(_("adres"), blank=True)
    layer = models.SlugField(_("kaartlaag"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("distributie")
        verbose_name_plural = _("distributies")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.format})"

    @property
    def title(self) -> str:
        return translated(self, "title")


class FactsheetVersion(models.Model):
    """An append-only snapshot of a factsheet after each save."""

    factsheet = models.ForeignKey(Factsheet, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    changed_fields = models.JSONField(_("gewijzigde velden"), default=list)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("factsheetversie")
        verbose_name_plural = _("factsheetversies")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["factsheet", "version"], name="unique_factsheet_version")
        ]

    def __str__(self) -> str:
        return f"{self.factsheet_id} v{self.version}"
