"""Buitengebied: drug-waste dumpings, ervencoach visits on farm locations.

A dumping report names no person: where, what, how much, the police report number, the clean-up
cost and who paid. Its photos are stored only after every EXIF tag (GPS included) was removed
(`photos.py`). The public sees counts per municipality and year, after disclosure control.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.organisations.models import RD_NEW

from .workflow import DumpingStatus


class VondstSoort(models.Model):
    """What was found (a reference table, seeded by migration 0002; beheer may add kinds)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    naam_de = models.CharField(_("naam (Duits)"), max_length=100)
    naam_en = models.CharField(_("naam (Engels)"), max_length=100)

    class Meta:
        verbose_name = _("soort vondst")
        verbose_name_plural = _("soorten vondst")
        ordering = ["naam"]

    def __str__(self) -> str:
        language = (translation.get_language() or "nl")[:2]
        return {"de": self.naam_de, "en": self.naam_en}.get(language) or self.naam


class Eenheid(models.TextChoices):
    LITER = "liter", _("liter")
    KILOGRAM = "kg", _("kilogram")
    STUKS = "stuks", _("stuks (vaten, jerrycans, zakken)")


class Betaler(models.TextChoices):
    GRONDEIGENAAR = "grondeigenaar", _("grondeigenaar")
    GEMEENTE = "gemeente", _("gemeente")
    PROVINCIE = "provincie", _("provincie")


class Drugsafvaldumping(AccessControlled):
    """One reported dumping of drug waste, with its clean-up and the province's reimbursement."""

    gevonden_op = models.DateField(_("datum aangetroffen"))
    punt = models.PointField(_("locatie"), srid=RD_NEW)
    gemeente = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    soort = models.ForeignKey(VondstSoort, on_delete=models.PROTECT, verbose_name=_("wat is gevonden"))
    hoeveelheid = models.DecimalField(_("hoeveelheid"), max_digits=9, decimal_places=1)
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices)
    proces_verbaalnummer = models.CharField(_("proces-verbaalnummer"), max_length=40, blank=True)
    opruimkosten = models.DecimalField(
        _("opruimkosten (euro)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    betaald_door = models.CharField(_("betaald door"), max_length=14, choices=Betaler.choices, blank=True)
    vergoeding = models.DecimalField(
        _("vergoeding provincie aan grondeigenaar (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=DumpingStatus.choices, default=DumpingStatus.GEMELD
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("melder")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: the signal made from this report (signals are read through their own selectors: no FK)
    signaal_id = models.PositiveIntegerField(null=True, blank=True)
    signaal_nummer = models.CharField(_("signaal"), max_length=20, blank=True)
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("drugsafvaldumping")
        verbose_name_plural = _("drugsafvaldumpingen")
        ordering = ["-gevonden_op", "-id"]

    def __str__(self) -> str:
        return f"{self.soort} {self.gevonden_op:%d-%m-%Y}"


class DumpingFoto(models.Model):
    """A photo of a dumping, re-encoded without EXIF (no GPS, camera or time tags) before storage."""

    dumping = models.ForeignKey(Drugsafvaldumping, on_delete=models.CASCADE, related_name="fotos")
    bestand = models.FileField(upload_to="buitengebied/fotos/")
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")


class DumpingStatusWijziging(models.Model):
    """The append-only history of a dumping's status."""

    dumping = models.ForeignKey(Drugsafvaldumping, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(max_length=24, choices=DumpingStatus.choices)
    naar = models.CharField(max_length=24, choices=DumpingStatus.choices)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["op", "id"]
