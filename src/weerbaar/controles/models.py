"""Integrale controles: a control planned on an area with its partners, teams and time slots; the
questions each kind of partner asks at an address; the findings recorded there.

A finding may describe people met at an address (free text, "nobody present"): it is personal
data (`@personal_data`), read only inside audited selectors.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.core.i18n import translated
from weerbaar.core.personal_data import personal_data
from weerbaar.core.spatial import RD_NEW


class SoortGebied(models.TextChoices):
    BEDRIJVENTERREIN = "bedrijventerrein", _("bedrijventerrein")
    HAVEN = "haven", _("haven")
    VAKANTIEPARK = "vakantiepark", _("vakantiepark")
    BUITENGEBIED = "buitengebied", _("buitengebied")


class Controle(AccessControlled):
    """One integrated control: where, when, why (the processing activity its visit-list reads are
    audited under) and who takes part (the organiser and the partners)."""

    naam = models.CharField(_("naam"), max_length=200)
    datum = models.DateField(_("datum"))
    soort_gebied = models.CharField(_("soort gebied"), max_length=20, choices=SoortGebied.choices)
    gebied = models.MultiPolygonField(_("gebied"), srid=RD_NEW)
    #: the processing activity (privacy.ProcessingActivity code) the control serves
    doel = models.CharField(_("doel (verwerkingsactiviteit)"), max_length=60)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiserende partij"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: fictitious demo data (load_demo), so it is never mistaken for a real control
    demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controles")
        ordering = ["-datum", "-id"]

    def __str__(self) -> str:
        return self.naam


class Partner(models.Model):
    """An organisation taking part in a control, with its role there."""

    controle = models.ForeignKey(Controle, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["controle", "organisation"], name="controles_partner_uniek")
        ]
        ordering = ["id"]


class Team(models.Model):
    """A team with its time slot (who visits which part of the list when)."""

    controle = models.ForeignKey(Controle, on_delete=models.CASCADE, related_name="teams")
    naam = models.CharField(_("team"), max_length=80)
    begin = models.TimeField(_("van"))
    einde = models.TimeField(_("tot"))
    samenstelling = models.CharField(_("samenstelling"), max_length=200, blank=True)

    class Meta:
        ordering = ["begin", "naam"]


class Vraag(models.Model):
    """A question a kind of partner asks at every address (the checklist table), kept per language
    (`tekst_nl`, `tekst_de`, `tekst_en`) like the themes: a German team reads its questions in
    German. Dutch is required; an empty translation falls back to it."""

    organisatie_soort = models.CharField(_("soort partner"), max_length=20)
    tekst_nl = models.CharField(_("vraag (Nederlands)"), max_length=200)
    tekst_de = models.CharField(_("vraag (Duits)"), max_length=200, blank=True)
    tekst_en = models.CharField(_("vraag (Engels)"), max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organisatie_soort", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie_soort", "tekst_nl"], name="controles_vraag_uniek")
        ]

    def __str__(self) -> str:
        return self.tekst

    @property
    def tekst(self) -> str:
        """The question in the active language (Dutch when it has no translation)."""
        return translated(self, "tekst")


@personal_data
class Bevinding(models.Model):
    """What a team found at one address. `sleutel` is the client's idempotency key: a phone that
    sends the same finding again (a weak connection, a retry) does not make a second row."""

    controle = models.ForeignKey(Controle, on_delete=models.CASCADE, related_name="bevindingen")
    sleutel = models.CharField(max_length=64, unique=True)
    adres_sleutel = models.CharField(max_length=40, db_index=True)
    adres = models.CharField(_("adres"), max_length=200)
    #: question id (str) -> "ja" / "nee" / "" (not asked)
    antwoorden = models.JSONField(default=dict, blank=True)
    niemand_aanwezig = models.BooleanField(_("niemand aanwezig"), default=False)
    opvolging = models.BooleanField(_("opvolging nodig"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: when the phone recorded it (may be long before it arrived)
    vastgelegd_op = models.DateTimeField()
    ontvangen_op = models.DateTimeField(auto_now_add=True)
    #: the signal made of this finding (signals.Signal.number), empty until then
    signaal_nummer = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["vastgelegd_op", "id"]

    @property
    def soort(self) -> str:
        """The finding's kind for the summary."""
        if self.niemand_aanwezig:
            return "niemand_aanwezig"
        if self.opvolging:
            return "opvolging"
        return "geen_bijzonderheden"


class BevindingFoto(models.Model):
    """A photo taken with a finding, re-encoded without EXIF/XMP/ICC (no GPS, camera or time) by
    `weerbaar.core.photos` before storage. `volgnummer` is its place among the finding's photos:
    with the finding's key it makes the upload idempotent (a resend stores nothing new)."""

    bevinding = models.ForeignKey(Bevinding, on_delete=models.CASCADE, related_name="fotos")
    volgnummer = models.PositiveSmallIntegerField()
    bestand = models.FileField(upload_to="controles/fotos/")
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    ontvangen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["bevinding", "volgnummer"], name="controles_foto_uniek")
        ]
