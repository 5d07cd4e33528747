"""Signals of undermining and the cases they grow into.

A signal is shielded (afgeschermd) by default. Who may see it follows from the organisations
involved: the reporting organisation, the assigned organisation, the informatieplein (RIEC) once
the signal was brought in, and the case team. The timeline is append-only.

Personal data (`@personal_data`, read only through the audited selectors and services): a signal
(its free text, location and reporter), its subjects, comments, attachments, timeline (reasons
and who acted), the stored enrichment facts, and the disclosure requests (the matched subjects'
keys and the stated purpose). A case, its interventions, evaluation and bottlenecks describe the
organisations' work and name no data subject; notifications name a signal's number and state.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled, AccessLevel
from weerbaar.core.personal_data import personal_data
from weerbaar.core.subjects import SubjectRef, kind_label, kinds_in_order, subject_kinds
from weerbaar.organisations.models import RD_NEW, Organisation

from .workflow import State


class Phenomenon(models.TextChoices):
    DRUGS = "drugs", _("drugsproductie en -handel")
    DRUGSAFVAL = "drugsafval", _("dumping van drugsafval")
    WITWASSEN = "witwassen", _("witwassen en vastgoed")
    ARBEIDSUITBUITING = "arbeidsuitbuiting", _("arbeidsuitbuiting en mensenhandel")
    VAKANTIEPARK = "vakantiepark", _("illegale of permanente bewoning van vakantieparken")
    VAB = "vab", _("misbruik van vrijkomende agrarische bebouwing")
    HAVENS = "havens", _("havens en logistiek")
    INTIMIDATIE = "intimidatie", _("intimidatie van ambtenaren en bestuurders")
    FRAUDE = "fraude", _("fraude met vergunningen of subsidies")
    GRENSOVERSCHRIJDEND = "grensoverschrijdend", _("grensoverschrijdende criminaliteit")


class SourceReliability(models.TextChoices):
    """The 4x4-style grading of the source (A–F) and the information (1–6)."""

    A = "A", _("A — volledig betrouwbaar")
    B = "B", _("B — meestal betrouwbaar")
    C = "C", _("C — redelijk betrouwbaar")
    D = "D", _("D — meestal niet betrouwbaar")
    E = "E", _("E — onbetrouwbaar")
    F = "F", _("F — betrouwbaarheid onbekend")


class InformationReliability(models.TextChoices):
    ONE = "1", _("1 — bevestigd door andere bronnen")
    TWO = "2", _("2 — waarschijnlijk waar")
    THREE = "3", _("3 — mogelijk waar")
    FOUR = "4", _("4 — twijfelachtig")
    FIVE = "5", _("5 — onwaarschijnlijk")
    SIX = "6", _("6 — waarheid onbekend")


class Case(AccessControlled):
    """A casus: the integrated case the informatieplein makes of one or more signals."""

    number = models.CharField(_("casusnummer"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_cases", verbose_name=_("regie")
    )
    team = models.ManyToManyField(
        Organisation, through="CaseTeamMember", related_name="cases", verbose_name=_("casusteam")
    )

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.access_level == AccessLevel.INTERN:
            self.access_level = AccessLevel.AFGESCHERMD  # shielded by default
        super().save(*args, **kwargs)


class CaseTeamMember(models.Model):
    """One organisation in a case team, with the legal basis on which it shares."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.ForeignKey(
        "privacy.LegalBasis", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lid casusteam")
        verbose_name_plural = _("leden casusteam")
        constraints = [models.UniqueConstraint(fields=["case", "organisation"], name="signals_team_unique")]


@personal_data
class Signal(AccessControlled):
    number = models.CharField(_("signaalnummer"), max_length=20, unique=True)
    title = models.CharField(_("korte omschrijving"), max_length=200)
    phenomenon = models.CharField(_("fenomeen"), max_length=30, choices=Phenomenon.choices)
    received_on = models.DateField(_("datum signaal"), default=timezone.localdate)
    reporting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reported_signals", verbose_name=_("melder")
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("melder (persoon)"),
    )
    description = models.TextField(_("toelichting"), blank=True)
    source_reliability = models.CharField(
        _("betrouwbaarheid bron"), max_length=1, choices=SourceReliability.choices, default="F"
    )
    information_reliability = models.CharField(
        _("betrouwbaarheid informatie"), max_length=1, choices=InformationReliability.choices, default="6"
    )
    # location: an address, a parcel, or a point/area drawn on the map (RD New)
    address = models.CharField(_("adres (postcode en huisnummer)"), max_length=40, blank=True)
    address_key = models.CharField(max_length=40, blank=True, db_index=True)
    parcel = models.CharField(_("kadastrale aanduiding"), max_length=30, blank=True)
    point = models.PointField(_("punt"), srid=RD_NEW, null=True, blank=True)
    area = models.PolygonField(_("gebied"), srid=RD_NEW, null=True, blank=True)
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    state = models.CharField(_("status"), max_length=30, choices=State.choices, default=State.ONTVANGEN)
    state_changed_at = models.DateTimeField(default=timezone.now)
    stage_deadline = models.DateTimeField(_("termijn huidige fase"), null=True, blank=True)
    assigned_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assigned_signals",
        verbose_name=_("toegewezen aan organisatie"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegewezen aan persoon"),
    )
    ingebracht = models.BooleanField(default=False)
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals")
    closed_at = models.DateTimeField(null=True, blank=True)
    no_followup_reason = models.TextField(_("reden geen vervolg"), blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    #: set by the selectors that read a signal: the subjects the reading context may see
    visible_subjects: list[Subject]

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.access_level == AccessLevel.INTERN:
            self.access_level = AccessLevel.AFGESCHERMD  # shielded by default
        super().save(*args, **kwargs)

    @property
    def overdue(self) -> bool:
        return bool(self.stage_deadline and self.stage_deadline < timezone.now())


@personal_data
class Subject(AccessControlled):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="subjects")
    #: a kind registered in `weerbaar.core.subjects.subject_kinds` (persoon, onderneming, adres,
    #: perceel, voertuig, ...): the app that owns the data declares it, not this model
    kind = models.CharField(_("soort"), max_length=12)
    #: the register identifier: KvK-nummer, '7411AB 12', kadastrale aanduiding, kenteken, or a name
    identifier = models.CharField(_("kenmerk"), max_length=120)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    role = models.CharField(_("rol in het signaal"), max_length=100, blank=True)
    #: normalised kind:identifier, for duplicate detection across signals
    key = models.CharField(max_length=160, db_index=True)
    shareable = models.BooleanField(
        _("deelbaar met grenspartners"),
        default=False,
        help_text=_("Alleen gemarkeerde onderwerpen komen in een samenvatting voor een grenspartner."),
    )

    class Meta:
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.name or self.identifier}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    def clean(self) -> None:
        if self.kind not in subject_kinds:
            raise ValidationError(
                {
                    "kind": _("Kies een soort: %(kinds)s.")
                    % {"kinds": ", ".join(k.name for k in kinds_in_order())}
                }
            )

    def ref(self) -> SubjectRef:
        """The subject as the subject kinds see it."""
        return SubjectRef(self.kind, self.identifier, self.name, self.birth_date, label=str(self))

    def save(self, *args, **kwargs):
        if self._state.adding and self.access_level == AccessLevel.INTERN:
            self.access_level = AccessLevel.AFGESCHERMD
        super().save(*args, **kwargs)


@personal_data
class Attachment(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="signals/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")


@personal_data
class Comment(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("opmerking"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        ordering = ["created_at", "id"]


@personal_data
class TimelineEvent(models.Model):
    """Append-only: what happened to a signal, by whom, when. Never updated or deleted in place."""

    class Kind(models.TextChoices):
        CREATED = "created", _("geregistreerd")
        TRANSITION = "transition", _("statuswijziging")
        COMMENT = "comment", _("opmerking")
        ATTACHMENT = "attachment", _("bijlage")
        SUBJECT = "subject", _("onderwerp")
        ENRICHMENT = "enrichment", _("verrijking")
        ASSIGNMENT = "assignment", _("toewijzing")
        TEAM = "team", _("casusteam")
        INTERVENTION = "intervention", _("interventie")
        EVALUATION = "evaluation", _("evaluatie")
        EXPORT = "export", _("export")
        RETENTION = "retention", _("bewaartermijn")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=30, blank=True)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("timeline events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("timeline events are append-only")

    @property
    def from_label(self) -> str:
        return str(State(self.from_state).label) if self.from_state in State.values else self.from_state

    @property
    def to_label(self) -> str:
        return str(State(self.to_state).label) if self.to_state in State.values else self.to_state


class InterventionType(models.TextChoices):
    SLUITING_13B = "sluiting_13b", _("bestuurlijk: sluiting art. 13b Opiumwet")
    BIBOB = "bibob", _("bestuurlijk: Bibob-weigering of -intrekking")
    DWANGSOM = "dwangsom", _("bestuurlijk: last onder dwangsom")
    HANDHAVING = "handhaving", _("bestuurlijk: handhaving omgevingsplan")
    STRAFRECHTELIJK = "strafrechtelijk", _("strafrechtelijk")
    FISCAAL = "fiscaal", _("fiscaal")
    PRIVAATRECHTELIJK = "privaatrechtelijk", _("privaatrechtelijk")
    PREVENTIEF = "preventief", _("preventief (bijv. bezoek ervencoach)")


class Intervention(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(_("soort interventie"), max_length=30, choices=InterventionType.choices)
    executing_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("uitvoerende partner")
    )
    legal_basis = models.CharField(_("juridische grondslag"), max_length=200)
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    executed_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    result = models.TextField(_("resultaat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Evaluation(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="evaluation")
    effect = models.TextField(_("effect"))
    what_worked = models.TextField(_("wat werkte"))
    bottlenecks = models.TextField(_("knelpunten in de informatiedeling"), blank=True)
    lessons = models.TextField(_("lessen"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")


class Bottleneck(models.Model):
    """A bottleneck from an evaluation, for the agenda of the regional platforms (IVZ, RCIV)."""

    class Platform(models.TextChoices):
        IVZ = "ivz", _("IVZ")
        RCIV = "rciv", _("RCIV")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.SET_NULL, null=True, related_name="items")
    text = models.TextField(_("knelpunt"))
    platform = models.CharField(_("agenda"), max_length=5, choices=Platform.choices, blank=True)
    on_agenda = models.BooleanField(_("geagendeerd"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-created_at"]


@personal_data
class EnrichmentRun(models.Model):
    """What one enrichment found. Facts keep the level they need, so each viewer sees their part."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="enrichments")
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: [{"subject": ..., "category": ..., "label": ..., "value": ..., "source": ..., "freshness": ...,
    #:   "level": "openbaar|intern|afgeschermd", "holder": ..., "request": ...}]
    facts = models.JSONField(default=list)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signal_notifications"
    )
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]


class RetentionLog(models.Model):
    """What the retention command removed, and why. Holds no personal data itself."""

    signal_number = models.CharField(max_length=20)
    state = models.CharField(max_length=30)
    closed_at = models.DateTimeField(null=True)
    anonymised_at = models.DateTimeField(default=timezone.now)
    removed = models.JSONField(default=dict)

    class Meta:
        ordering = ["-anonymised_at"]


@personal_data
class DisclosureRequest(models.Model):
    """A request to the holder of a signal the requester may not see (a *hit*) to share it.

    The holder decides; sharing needs a recorded legal basis and is audited.
    """

    class Status(models.TextChoices):
        REQUESTED = "aangevraagd", _("aangevraagd")
        GRANTED = "verstrekt", _("verstrekt")
        REFUSED = "geweigerd", _("geweigerd")

    requesting_signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="disclosure_requests"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requesting_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("houder")
    )
    #: the subject keys and address key that matched, so the holder finds its signals
    keys = models.JSONField(default=list)
    purpose = models.TextField(_("doel van de aanvraag"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    legal_basis = models.ForeignKey(
        "privacy.LegalBasis", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("toelichting op het besluit"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verstrekkingsverzoek")
        verbose_name_plural = _("verstrekkingsverzoeken")
        ordering = ["-created_at"]


class SignalShare(models.Model):
    """A signal shared with one more organisation, on a recorded legal basis."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.ForeignKey("privacy.LegalBasis", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.SET_NULL, null=True, related_name="shares"
    )

    class Meta:
        verbose_name = _("deling")
        verbose_name_plural = _("delingen")
        constraints = [
            models.UniqueConstraint(fields=["signal", "organisation"], name="signals_share_unique")
        ]
