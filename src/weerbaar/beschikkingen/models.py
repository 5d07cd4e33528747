"""Beschikkingen: the decision register, and keeping partners informed of decisions that affect them.

The notification side follows the VNG Notificaties API: a channel (`Kanaal`), subscriptions of an
organisation with filters (`Abonnement`), and one delivery per matching subscription and decision
(`Bezorging`) that a background job sends. A subscription never gives access to the decision itself.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.core.personal_data import personal_data
from weerbaar.core.subjects import kind_label
from weerbaar.organisations.models import RD_NEW


class BeschikkingSoort(models.Model):
    """A kind of decision (13b closure, Bibob refusal, ...): a table, so a partner can add one."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_nl = models.CharField(_("naam (Nederlands)"), max_length=120)
    label_de = models.CharField(_("naam (Duits)"), max_length=120)
    label_en = models.CharField(_("naam (Engels)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    class Meta:
        verbose_name = _("soort beschikking")
        verbose_name_plural = _("soorten beschikkingen")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (Dutch when there is none)."""
        language = (get_language() or "nl")[:2]
        return getattr(self, f"label_{language}", "") or self.label_nl


class Status(models.TextChoices):
    CONCEPT = "concept", _("concept")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    VERLOPEN = "verlopen", _("verlopen")


@personal_data
class Beschikking(AccessControlled):
    """A decision of one partner that may affect others. The subject may be a person, so the
    table holds personal data: every read goes through an audited selector."""

    soort = models.ForeignKey(
        BeschikkingSoort, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort")
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=80)
    #: the legal basis of the decision itself (Opiumwet 13b, Wet Bibob, ...)
    grondslag = models.ForeignKey(
        "privacy.LegalBasis", on_delete=models.PROTECT, related_name="+", verbose_name=_("grondslag besluit")
    )
    #: the legal basis for sharing it with partners (the AVG check); none: the decision is not shared
    grondslag_delen = models.ForeignKey(
        "privacy.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grondslag voor delen"),
    )
    onderwerp_soort = models.CharField(_("soort onderwerp"), max_length=12)
    #: '<kind>:<normalised identifier>' (core.subjects): the same subject has the same key everywhere
    onderwerp_sleutel = models.CharField(_("sleutel onderwerp"), max_length=200, db_index=True)
    onderwerp_naam = models.CharField(_("naam onderwerp"), max_length=200, blank=True)
    gemeente = models.CharField(_("gemeente (CBS-code)"), max_length=10, db_index=True)
    locatie = models.PointField(_("locatie"), srid=RD_NEW, null=True, blank=True)
    datum = models.DateField(_("datum besluit"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgevende organisatie"),
    )
    ingang = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einde = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.VASTGESTELD)
    #: where a partner who received a notification may ask (a desk, an e-mail address, a phone number)
    contact = models.CharField(_("contact voor vragen"), max_length=200)
    gedeeld_op = models.DateTimeField(_("gedeeld op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-datum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kenmerk"], name="beschikking_kenmerk_per_organisatie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} ({self.soort})"

    @property
    def onderwerp_soort_label(self) -> str:
        return kind_label(self.onderwerp_soort)


class Kanaal(models.Model):
    """A channel of the Notificaties API ('beschikkingen'): what a subscription listens to."""

    naam = models.SlugField(_("naam"), max_length=50, unique=True)
    documentatie = models.CharField(_("documentatie"), max_length=300, blank=True)
    #: the attributes a subscription may filter on (Notificaties API: `filters`)
    filters = models.JSONField(_("filters"), default=list, blank=True)

    class Meta:
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalen")

    def __str__(self) -> str:
        return self.naam


class Bezorgwijze(models.TextChoices):
    CALLBACK = "callback", _("callback (webhook)")
    EMAIL = "email", _("e-mail")
    IN_APP = "in_app", _("in het platform")


class Abonnement(models.Model):
    """An organisation's subscription: which decisions it wants to hear of, and how.

    Filters: an area (municipality codes or a polygon; at least one), subject kinds and decision
    kinds (empty: all). It grants no access to the decisions: a notification says that something
    was decided and where to ask."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    kanaal = models.ForeignKey(Kanaal, on_delete=models.PROTECT, related_name="abonnementen")
    naam = models.CharField(_("omschrijving"), max_length=120)
    gemeenten = models.JSONField(_("gemeenten (CBS-codes)"), default=list, blank=True)
    gebied = models.PolygonField(_("gebied"), srid=RD_NEW, null=True, blank=True)
    onderwerp_soorten = models.JSONField(_("soorten onderwerp"), default=list, blank=True)
    beschikking_soorten = models.JSONField(_("soorten beschikking"), default=list, blank=True)
    bezorgwijze = models.CharField(_("bezorgwijze"), max_length=10, choices=Bezorgwijze.choices)
    callback_url = models.URLField(_("callback-URL"), blank=True)
    #: the Authorization header the subscriber wants on every callback (Notificaties API: `auth`)
    callback_auth = models.CharField(_("Authorization-header"), max_length=500, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["organisation_id", "naam"]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.naam}"

    @property
    def adres(self) -> str:
        """Where deliveries go, for pages (the token is never shown)."""
        if self.bezorgwijze == Bezorgwijze.CALLBACK:
            return self.callback_url
        if self.bezorgwijze == Bezorgwijze.EMAIL:
            return self.email
        return self.user.get_username() if self.user_id and self.user else ""


class BezorgStatus(models.TextChoices):
    WACHTEND = "wachtend", _("wachtend")
    BEZORGD = "bezorgd", _("bezorgd")
    #: given up after the last retry: on the dead-letter list until an administrator retries it
    ONBESTELBAAR = "onbestelbaar", _("onbestelbaar")


@personal_data
class Bezorging(models.Model):
    """One notification for one subscription: the CloudEvent as composed (with personal data only
    where the subscriber's grant allowed it), and how its delivery went."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="bezorgingen")
    beschikking = models.ForeignKey(Beschikking, on_delete=models.CASCADE, related_name="bezorgingen")
    bericht = models.JSONField(_("bericht"))
    met_persoonsgegevens = models.BooleanField(_("met persoonsgegevens"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=BezorgStatus.choices, default=BezorgStatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging = models.DateTimeField(_("volgende poging"), null=True, blank=True, db_index=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    bezorgd_op = models.DateTimeField(_("bezorgd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["abonnement", "beschikking"], name="een_bezorging_per_abonnement")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.status}"
