"""The region and the organisations that work in it. All of it is data, loaded by `load_region`."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

RD_NEW = 28992


class Region(models.Model):
    """The area a deployment serves, e.g. a province (CBS code PV23) or an RIEC region."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    credit = models.CharField(_("bronvermelding"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    PROVINCIE = "provincie", _("provincie")
    GEMEENTE = "gemeente", _("gemeente")
    RIEC = "riec", _("RIEC")
    POLITIE = "politie", _("politie")
    OM = "om", _("Openbaar Ministerie")
    BELASTINGDIENST = "belastingdienst", _("Belastingdienst")
    DUITSE_PARTNER = "duitse_partner", _("Duitse partner")
    EXTERNE_BRON = "externe_bron", _("externe bron")
    OVERIG = "overig", _("overig")


class Organisation(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("land"), max_length=2, default="NL")
    cbs_code = models.CharField(_("CBS-code"), max_length=10, blank=True, db_index=True)
    language = models.CharField(_("voorkeurstaal"), max_length=5, default="nl")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class AreaKind(models.TextChoices):
    PROVINCIE = "provincie", _("provincie")
    GEMEENTE = "gemeente", _("gemeente")


class Area(models.Model):
    """An administrative boundary (province, municipality) in RD New."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=AreaKind.choices)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="areas")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="area"
    )
    geometry = models.MultiPolygonField(_("geometrie"), srid=RD_NEW)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
