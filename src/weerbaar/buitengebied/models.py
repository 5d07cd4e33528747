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

from weerbaar.core.access import AccessControlled, AccessLevel
from weerbaar.core.personal_data import personal_data
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


# --- vacant farm buildings (VAB) -----------------------------------------------------------------


@personal_data
class VabLocatie(AccessControlled):
    """A farm location derived from the registers (KvK establishments with an agricultural SBI
    code, their BAG address and whether anyone lives there), refreshed by `services.vab_refresh`.
    Shielded: a stopped farm without residents at a farmer's address says something about a
    person. The risk score is computed when read (`risk.py`), never stored."""

    adres_sleutel = models.CharField(_("adressleutel"), max_length=40, unique=True)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    punt = models.PointField(_("locatie"), srid=RD_NEW, null=True, blank=True)
    gemeente = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    gemeente_code = models.CharField(_("CBS-code gemeente"), max_length=6, blank=True, db_index=True)
    sbi_code = models.CharField(_("SBI-code"), max_length=6, blank=True)
    sbi_omschrijving = models.CharField(_("SBI-omschrijving"), max_length=200, blank=True)
    gebruiksdoel = models.CharField(_("gebruiksdoel (BAG)"), max_length=120, blank=True)
    #: the latest end date when every establishment at the address ended (None: still active)
    datum_einde = models.DateField(_("einddatum inschrijving"), null=True, blank=True)
    bedrijf_gestopt = models.BooleanField(_("agrarisch bedrijf gestopt"), default=False)
    #: None: the registers were not asked (no clearance when refreshed)
    bewoners_aanwezig = models.BooleanField(_("bewoners ingeschreven"), null=True, blank=True)
    #: supplied by a partner (e.g. the grid operator); None: nothing supplied
    energie_afwijkend = models.BooleanField(_("afwijkend energieverbruik"), null=True, blank=True)
    energie_bron = models.CharField(_("bron energiegegevens"), max_length=120, blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    #: demo data; a fictitious 'stopped' mark is kept by a refresh
    fictief = models.BooleanField(default=False)
    access_level = models.CharField(
        _("toegangsniveau"),
        max_length=12,
        choices=AccessLevel.choices,
        default=AccessLevel.AFGESCHERMD,
        db_index=True,
    )

    class Meta:
        verbose_name = _("VAB-locatie")
        verbose_name_plural = _("VAB-locaties")
        ordering = ["gemeente_code", "adres"]

    def __str__(self) -> str:
        return self.adres or self.adres_sleutel


# --- ervencoach visits ---------------------------------------------------------------------------


class BezoekOnderwerp(models.Model):
    """A topic an ervencoach discusses (a reference table, seeded by migration)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    naam_de = models.CharField(_("naam (Duits)"), max_length=100)
    naam_en = models.CharField(_("naam (Engels)"), max_length=100)

    class Meta:
        verbose_name = _("gespreksonderwerp")
        verbose_name_plural = _("gespreksonderwerpen")
        ordering = ["naam"]

    def __str__(self) -> str:
        language = (translation.get_language() or "nl")[:2]
        return {"de": self.naam_de, "en": self.naam_en}.get(language) or self.naam


@personal_data
class ErvencoachBezoek(models.Model):
    """One visit of an ervencoach to a farm location. Only what the visit needs: the coach's name,
    no name or contact details of the farmer (the location is the farm), no free-text notes
    beyond the follow-up agreed. Removed at `bewaren_tot` (`services.bezoek_retention_run`)."""

    locatie = models.ForeignKey(VabLocatie, on_delete=models.CASCADE, related_name="bezoeken")
    bezocht_op = models.DateField(_("datum bezoek"))
    coach_naam = models.CharField(_("ervencoach"), max_length=100)
    onderwerpen = models.ManyToManyField(BezoekOnderwerp, verbose_name=_("besproken onderwerpen"))
    materialen = models.CharField(_("achtergelaten materialen"), max_length=200, blank=True)
    vervolg = models.CharField(_("vervolgafspraak"), max_length=300, blank=True)
    #: the farmer said criminals approached them (an input of the VAB risk picture)
    benaderd = models.BooleanField(_("benaderd door criminelen (volgens de ondernemer)"), default=False)
    #: copied from the location, for the yearly overview per municipality
    gemeente = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    bewaren_tot = models.DateField(_("bewaren tot"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("ervencoachbezoek")
        verbose_name_plural = _("ervencoachbezoeken")
        ordering = ["-bezocht_op", "-id"]


# --- Keurmerk Veilig Buitengebied ------------------------------------------------------------------


class DeelnemerSoort(models.TextChoices):
    GEMEENTE = "gemeente", _("gemeente")
    PARTNER = "partner", _("partner")


class KeurmerkDeelnemer(AccessControlled):
    """A municipality or partner taking part in the Keurmerk Veilig Buitengebied."""

    organisatie = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    soort = models.CharField(_("soort"), max_length=10, choices=DeelnemerSoort.choices)
    sinds = models.DateField(_("deelnemer sinds"))
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("keurmerkdeelnemer")
        verbose_name_plural = _("keurmerkdeelnemers")
        ordering = ["soort", "organisatie__name"]
        constraints = [models.UniqueConstraint(fields=["organisatie"], name="keurmerk_deelnemer_uniek")]


class KeurmerkAfspraak(AccessControlled):
    """An agreement of the Keurmerk (what the participants committed to, from which date)."""

    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    vastgesteld_op = models.DateField(_("vastgesteld op"))
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("keurmerkafspraak")
        verbose_name_plural = _("keurmerkafspraken")
        ordering = ["-vastgesteld_op", "titel"]

    def __str__(self) -> str:
        return self.titel


class ActieStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    LOPEND = "lopend", _("lopend")
    AFGEROND = "afgerond", _("afgerond")
    VERVALLEN = "vervallen", _("vervallen")


class KeurmerkActie(AccessControlled):
    """An action under the Keurmerk, with the organisation that owns it and its status."""

    afspraak = models.ForeignKey(
        KeurmerkAfspraak,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acties",
        verbose_name=_("afspraak"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    eigenaar = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActieStatus.choices, default=ActieStatus.GEPLAND
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    gereed_op = models.DateField(_("streefdatum"), null=True, blank=True)
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("keurmerkactie")
        verbose_name_plural = _("keurmerkacties")
        ordering = ["-jaar", "status", "titel"]

    def __str__(self) -> str:
        return self.titel
