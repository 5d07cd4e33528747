"""Vakantieparken: the register of holiday parks, the province's vitality assessments, the stored
inputs of the attention score and the expertise centre's trajectories.

Owners and residents are not stored here: they are read from the registers through
`weerbaar.registers.selectors` when a profile is shown (counts for analysts, names only with
shielded clearance, audited there). What is stored are aggregates with no person in them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled

RD_NEW = 28992
MUNICIPALITY_CODE = RegexValidator(r"^GM\d{4}$", _("een CBS-gemeentecode heeft de vorm GM0193"))
SHARE = [MinValueValidator(0), MaxValueValidator(1)]


class Zoning(models.TextChoices):
    RECREATIE = "recreatie", _("recreatie")
    RECREATIE_PERMANENT = "recreatie_permanent", _("recreatie met persoonsgebonden woonrecht")
    WONEN = "wonen", _("wonen")
    GEMENGD = "gemengd", _("gemengd")
    ONBEKEND = "onbekend", _("onbekend")


class Ownership(models.TextChoices):
    EXPLOITANT = "exploitant", _("één exploitant")
    UITGEPOND = "uitgepond", _("uitgepond met VvE")
    GEMENGD = "gemengd", _("gemengd")
    ERFPACHT = "erfpacht", _("erfpacht")


class FireSafety(models.TextChoices):
    OP_ORDE = "op_orde", _("op orde")
    AANDACHTSPUNTEN = "aandachtspunten", _("aandachtspunten")
    ONVOLDOENDE = "onvoldoende", _("onvoldoende")
    ONBEKEND = "onbekend", _("onbekend")


class PermitStatus(models.TextChoices):
    VERGUND = "vergund", _("vergund")
    AFWIJKINGEN = "afwijkingen", _("afwijkingen van de vergunning")
    HANDHAVING = "handhaving", _("in handhaving")
    ONBEKEND = "onbekend", _("onbekend")


class Typology(models.TextChoices):
    VITAAL = "vitaal", _("vitaal")
    KANSRIJK = "kansrijk", _("kansrijk")
    KWETSBAAR = "kwetsbaar", _("kwetsbaar")
    NIET_VITAAL = "niet_vitaal", _("niet-vitaal")


class Park(AccessControlled):
    """One holiday park: where it lies, what is on it and who owns it (the structure, not the names).

    The public sees outline and name only (access level *openbaar* on the park is about that: the
    figures are shown to partners, see `policies.py`)."""

    code = models.SlugField(_("parkcode"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    municipality_code = models.CharField(
        _("gemeente"), max_length=6, validators=[MUNICIPALITY_CODE], db_index=True
    )
    geometry = models.MultiPolygonField(_("geometrie"), srid=RD_NEW)
    zoning = models.CharField(
        _("bestemming"), max_length=20, choices=Zoning.choices, default=Zoning.RECREATIE
    )
    units_recreatiewoning = models.PositiveIntegerField(_("recreatiewoningen"), default=0)
    units_chalet = models.PositiveIntegerField(_("chalets"), default=0)
    units_kampeerplaats = models.PositiveIntegerField(_("kampeerplaatsen"), default=0)
    units_standplaats = models.PositiveIntegerField(_("standplaatsen"), default=0)
    ownership = models.CharField(_("eigendomsstructuur"), max_length=12, choices=Ownership.choices)
    fire_safety = models.CharField(
        _("brandveiligheid"), max_length=16, choices=FireSafety.choices, default=FireSafety.ONBEKEND
    )
    permit_status = models.CharField(
        _("vergunningstatus"), max_length=12, choices=PermitStatus.choices, default=PermitStatus.ONBEKEND
    )
    fictitious = models.BooleanField(_("fictief"), default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # --- the inputs of the attention score (aggregates; None = not known) -----------------------
    permanent_residents_share = models.FloatField(
        _("aandeel permanente bewoners"), null=True, blank=True, validators=SHARE
    )
    owner_turnover_share = models.FloatField(
        _("eigendomswisselingen per jaar (aandeel)"), null=True, blank=True, validators=SHARE
    )
    companies_registered = models.PositiveIntegerField(
        _("ondernemingen op parkadressen"), null=True, blank=True
    )
    signals_two_years = models.PositiveIntegerField(_("signalen in 2 jaar"), null=True, blank=True)
    vacancy_share = models.FloatField(_("aandeel leegstand"), null=True, blank=True, validators=SHARE)
    maintenance_state = models.PositiveSmallIntegerField(
        _("onderhoudsstaat (1 goed – 5 slecht)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    inputs_measured_on = models.DateField(_("invoer bepaald op"), null=True, blank=True)
    # --- the score, recomputed in bulk from the inputs (services.scores_recompute) -------------
    attention_score = models.FloatField(_("aandachtsscore"), null=True, blank=True)
    score_coverage = models.FloatField(_("dekking van de score"), null=True, blank=True)
    score_version = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("vakantiepark")
        verbose_name_plural = _("vakantieparken")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def units_total(self) -> int:
        return (
            self.units_recreatiewoning + self.units_chalet + self.units_kampeerplaats + self.units_standplaats
        )


class VitalityAssessment(models.Model):
    """The province's assessment: quality × future outlook (1–10 each) places a park in a quadrant,
    and the quadrant gives the typology (`vitality.typology_of`)."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="assessments")
    quality = models.DecimalField(
        _("kwaliteit"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    outlook = models.DecimalField(
        _("toekomstperspectief"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    typology = models.CharField(_("typologie"), max_length=12, choices=Typology.choices)
    assessed_on = models.DateField(_("datum beoordeling"))
    assessor = models.CharField(_("beoordelaar"), max_length=200)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("vitaliteitsbeoordeling")
        verbose_name_plural = _("vitaliteitsbeoordelingen")
        ordering = ["-assessed_on", "-id"]


class Step(models.TextChoices):
    INTAKE = "intake", _("intake")
    ANALYSE = "analyse", _("analyse")
    PLAN = "plan", _("plan van aanpak")
    UITVOERING = "uitvoering", _("uitvoering")
    MONITORING = "monitoring", _("monitoring")
    AFGEROND = "afgerond", _("afgerond")


class Outcome(models.TextChoices):
    NOG_OPEN = "", _("nog open")
    UPGRADE = "upgrade", _("kwaliteitsverbetering")
    WONEN = "wonen", _("transformatie naar wonen")
    NATUUR = "natuur", _("transformatie naar natuur")
    SLUITING = "sluiting", _("sluiting")
    ANDERS = "anders", _("anders")


class Trajectory(AccessControlled):
    """The expertise centre's trajectory with one park: the step it is in (see `workflow.py` for
    the allowed transitions), who takes part, the next date and, at the end, the outcome."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="trajectories")
    municipality_code = models.CharField(_("gemeente"), max_length=6, validators=[MUNICIPALITY_CODE])
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    step = models.CharField(_("stap"), max_length=12, choices=Step.choices, default=Step.INTAKE)
    step_since = models.DateField(_("in deze stap sinds"))
    next_date = models.DateField(_("volgende datum"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True, default="")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["next_date", "id"]


class TrajectoryEvent(models.Model):
    """Append-only history of a trajectory: each step change and each decision, with who and when."""

    class Kind(models.TextChoices):
        STAP = "stap", _("stap")
        BESLUIT = "besluit", _("besluit")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    from_step = models.CharField(max_length=12, blank=True, choices=Step.choices)
    to_step = models.CharField(max_length=12, blank=True, choices=Step.choices)
    text = models.TextField(_("besluit of toelichting"), blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
