"""The layer registry: layers are data. Each layer has versions; the features of the serving version
are stored in one table (geometry in RD New, properties as JSON). A re-import writes a new version
and switches `Layer.current_version` in one transaction, so a failed import never touches what serves."""

from typing import Any

from django.contrib.gis.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled, AccessLevel

RD_NEW = 28992


class Theme(models.TextChoices):
    BESTUUR = "bestuur", _("Bestuurlijke grenzen")
    NATUUR = "natuur", _("Natuur en buitengebied")
    ECONOMIE = "economie", _("Economie en werklocaties")
    LUCHTRUIM = "luchtruim", _("Luchtruim")
    ADRESSEN = "adressen", _("Adressen en gebouwen")
    KADASTER = "kadaster", _("Kadaster")
    BEDRIJVEN = "bedrijven", _("Bedrijven")


class SourceKind(models.TextChoices):
    STORED = "stored", _("geïmporteerde objecten")
    REGISTER = "register", _("basisregistratie")


class Layer(AccessControlled):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=200)
    title_de = models.CharField(_("titel (Duits)"), max_length=200, blank=True)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    source_kind = models.CharField(
        _("soort bron"), max_length=10, choices=SourceKind.choices, default="stored"
    )
    #: for register layers: the provider code in weerbaar.geo.providers (e.g. "brk-percelen")
    provider = models.CharField(_("aanbieder"), max_length=60, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    credit = models.CharField(_("bronvermelding"), max_length=300, blank=True)
    credit_de = models.CharField(_("bronvermelding (Duits)"), max_length=300, blank=True)
    credit_en = models.CharField(_("bronvermelding (Engels)"), max_length=300, blank=True)
    licence = models.CharField(_("licentie"), max_length=100, blank=True)
    #: attribute -> access level; attributes not named take the layer's level
    attribute_access = models.JSONField(_("toegang per attribuut"), default=dict, blank=True)
    #: {"fill": "#rrggbb", "stroke": "#rrggbb", "width": 1, "label": "naam"}
    style = models.JSONField(_("stijl"), default=dict, blank=True)
    legend = models.JSONField(_("legenda"), default=list, blank=True)
    #: object information as data: title template and fields with labels per language
    #: (`weerbaar.geo.featureinfo`)
    info = models.JSONField(_("objectinformatie"), default=dict, blank=True)
    min_zoom = models.PositiveSmallIntegerField(_("minimaal zoomniveau"), default=0)
    max_zoom = models.PositiveSmallIntegerField(_("maximaal zoomniveau"), default=22)
    freshness = models.CharField(_("actualiteit"), max_length=100, blank=True)
    outdated = models.BooleanField(_("verouderd voorbeeld"), default=False)
    factsheet = models.CharField(_("factsheet"), max_length=100, blank=True)
    visible_by_default = models.BooleanField(_("standaard zichtbaar"), default=False)
    basemap = models.BooleanField(_("deel van de terugvalondergrond"), default=False)
    order = models.PositiveIntegerField(_("volgorde"), default=100)
    #: True when an administrator (or the shipped registry) set `access_level`; otherwise an
    #: import that finds personal-data columns raises the level to afgeschermd
    access_level_explicit = models.BooleanField(_("toegangsniveau bewust gekozen"), default=False)
    current_version = models.ForeignKey(
        "LayerVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kaartlaag")
        verbose_name_plural = _("kaartlagen")
        ordering = ["theme", "order", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        language = (translation.get_language() or "nl")[:2]
        return getattr(self, f"title_{language}", "") or self.title_nl

    @property
    def credit_text(self) -> str:
        """The source credit in the active language (Dutch where the layer gives no other)."""
        language = (translation.get_language() or "nl")[:2]
        return getattr(self, f"credit_{language}", "") or self.credit

    @property
    def legend_items(self) -> list[dict[str, Any]]:
        """The legend with its labels in the active language (`weerbaar.geo.texts`)."""
        from .texts import legend_in

        return legend_in(self.legend, (translation.get_language() or "nl")[:2])

    def info_config(self, language: str | None = None) -> dict[str, Any]:
        """The object information for the viewer in `language` (default: the active one)."""
        from .featureinfo import info_config

        language = (language or translation.get_language() or "nl")[:2]
        with translation.override(language):
            title = self.title
        return info_config(self.info or {}, layer_title=title, language=language)

    @property
    def published(self) -> bool:
        """Served to anyone at all: a register layer always, a stored one once an import succeeded."""
        return self.source_kind == SourceKind.REGISTER or self.current_version_id is not None

    @property
    def shielded(self) -> bool:
        return self.access_level == AccessLevel.AFGESCHERMD

    def attribute_level(self, name: str) -> str:
        return self.attribute_access.get(name, self.access_level)


class LayerVersion(models.Model):
    class Status(models.TextChoices):
        LOADING = "loading", _("bezig")
        READY = "ready", _("gereed")
        FAILED = "failed", _("mislukt")

    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.LOADING)
    source_file = models.CharField(_("bestand"), max_length=500, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    geometry_type = models.CharField(_("geometrietype"), max_length=30, blank=True)
    feature_count = models.PositiveIntegerField(_("aantal objecten"), default=0)
    properties = models.JSONField(_("attributen"), default=list, blank=True)
    #: (minx, miny, maxx, maxy) in RD New
    extent = models.JSONField(_("omvang"), null=True, blank=True)
    report = models.JSONField(_("importverslag"), default=dict, blank=True)
    actor = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laagversie")
        verbose_name_plural = _("laagversies")
        unique_together = [("layer", "number")]
        ordering = ["layer", "-number"]

    def __str__(self) -> str:
        return f"{self.layer.code} v{self.number}"


class Feature(models.Model):
    version = models.ForeignKey(LayerVersion, on_delete=models.CASCADE, related_name="features")
    fid = models.CharField(max_length=100)
    geometry = models.GeometryField(srid=RD_NEW, spatial_index=True)
    properties = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("object")
        verbose_name_plural = _("objecten")
        indexes = [models.Index(fields=["version", "fid"])]

    def __str__(self) -> str:
        return self.fid
