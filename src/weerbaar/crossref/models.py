"""Partner datasets, their versions and entities, linkage runs, candidate pairs, judgements
and the keyed hit / no-hit index.

A dataset belongs to the organisation that delivered it (its holder); every upload is a new
version with its import report; entities are stored as FollowTheMoney entity JSON. Entities,
pairs, judgements and the keyed index are about persons: `@personal_data`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.core.personal_data import personal_data


def new_secret() -> str:
    return secrets.token_hex(32)


class PartnerDataset(AccessControlled):
    """A partner's dataset: held by one organisation, read only by it (others may ask hit / no-hit)."""

    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("houder")
    )
    legal_basis = models.ForeignKey(
        "privacy.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grondslag"),
    )
    retention_until = models.DateField(_("bewaren tot"), null=True, blank=True)
    factsheet_slug = models.SlugField(_("factsheet"), max_length=200, blank=True)
    contact = models.CharField(_("contact voor een verzoek"), max_length=200, blank=True)
    #: the column mapping of the last delivery, run again on the next ({column: target})
    mapping = models.JSONField(_("kolomkoppeling"), default=dict, blank=True)
    #: the key of the keyed index (HMAC-SHA256): never shown, never leaves the platform
    hit_secret = models.CharField(max_length=64, default=new_secret, editable=False)
    fictitious = models.BooleanField(_("fictief"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnerbestand")
        verbose_name_plural = _("partnerbestanden")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The prefix of its entity ids: stable for the dataset, across versions."""
        return f"pd{self.pk}"


class DatasetVersion(models.Model):
    """One delivery of a dataset (a re-upload is a new version) with its import report."""

    dataset = models.ForeignKey(PartnerDataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    source = models.CharField(_("bestand"), max_length=255)
    mapping = models.JSONField(_("kolomkoppeling"), default=dict)
    #: the import run (`importing.RunRecord.as_dict()`): status, counts, problems per row and field
    run = models.JSONField(default=dict)
    entity_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["dataset", "-number"]
        constraints = [models.UniqueConstraint(fields=["dataset", "number"], name="crossref_version_unique")]

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"

    @property
    def status(self) -> str:
        return str(self.run.get("status", ""))

    @property
    def status_label(self) -> str:
        """The import's outcome in words (`importing.RunStatus`: ok, partial, failed)."""
        labels = {
            "ok": _("geslaagd"),
            "partial": _("deels: afgekeurde regels weggelaten"),
            "failed": _("afgekeurd"),
        }
        return str(labels.get(self.status, self.status))


@personal_data
class DatasetEntity(models.Model):
    """A FollowTheMoney entity of one version (`data` as followthemoney writes it)."""

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="entities")
    entity_id = models.CharField(max_length=120)
    schema = models.CharField(max_length=40)
    row = models.PositiveIntegerField(default=0)
    data = models.JSONField()

    class Meta:
        ordering = ["version", "row", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "entity_id"], name="crossref_entity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.schema} {self.entity_id}"


class LinkageRun(models.Model):
    """A batch linkage of one version against another dataset's version or the registers."""

    class Against(models.TextChoices):
        DATASET = "dataset", _("partnerbestand")
        REGISTERS = "registers", _("registers")

    left = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="runs_left")
    right = models.ForeignKey(
        DatasetVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    against = models.CharField(max_length=12, choices=Against.choices, default=Against.DATASET)
    matcher = models.CharField(max_length=60, blank=True)
    matcher_version = models.CharField(max_length=20, blank=True)

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        DONE = "done", _("klaar")
        REFUSED = "refused", _("geweigerd")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    job_id = models.PositiveIntegerField(null=True, blank=True)
    pair_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.left} × {self.right or self.against}"


@personal_data
class CandidatePair(models.Model):
    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="pairs")
    left_id = models.CharField(max_length=120)
    right_id = models.CharField(max_length=120)
    left_label = models.CharField(max_length=300, blank=True)
    right_label = models.CharField(max_length=300, blank=True)
    probability = models.FloatField()
    #: [{"property", "level", "weight"}]: what each comparison contributed (bits)
    explanation = models.JSONField(default=list)

    class Meta:
        # most uncertain first: an analyst's time goes where the matcher is least sure
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id}"


class Verdict(models.TextChoices):
    SAME = "same", _("dezelfde")
    NOT_SAME = "not_same", _("niet dezelfde")
    UNSURE = "unsure", _("onzeker")


@personal_data
class Judgement(models.Model):
    """An analyst's verdict on two entity ids; kept across runs (ids are stable), the last one counts."""

    left_id = models.CharField(max_length=120, db_index=True)
    right_id = models.CharField(max_length=120, db_index=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    judged_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["left_id", "right_id"], name="crossref_judgement_pair")
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id}: {self.verdict}"


@personal_data
class HitKey(models.Model):
    """One keyed hash (HMAC-SHA256 with the dataset's secret) of a normalised key of an entity."""

    dataset = models.ForeignKey(PartnerDataset, on_delete=models.CASCADE, related_name="hit_keys")
    kind = models.CharField(max_length=12)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["dataset", "kind", "digest"], name="crossref_hitkey_lookup")]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:8]}"


#: the kinds of hit / no-hit question (hitindex.KINDS) as shown
KIND_LABELS = {"kvk": _("KvK-nummer"), "adres": _("adres"), "persoon": _("persoon")}


class IndexOrigin(models.TextChoices):
    PLATFORM = "platform", _("door het platform gemaakt uit een levering")
    HOUDER = "houder", _("door de houder gemaakt en gepubliceerd")


class HitIndex(models.Model):
    """Where a dataset's hit / no-hit index came from, its counts, and the file below MEDIA_ROOT
    with its persons' Bloom filters (read only inside an audited question). The exact keys are
    `HitKey` rows."""

    dataset = models.OneToOneField(PartnerDataset, on_delete=models.CASCADE, related_name="hit_index")
    origin = models.CharField(_("gemaakt"), max_length=10, choices=IndexOrigin.choices)
    made_at = models.DateTimeField(_("gemaakt op"))
    published_at = models.DateTimeField(_("gepubliceerd op"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    counts = models.JSONField(_("aantallen"), default=dict)
    bloom_file = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("trefferindex")
        verbose_name_plural = _("trefferindexen")

    def __str__(self) -> str:
        return f"{self.dataset}: {self.get_origin_display()}"


class HitQuestion(models.Model):
    """The holder's side of the audit of a hit / no-hit question: who asked what kind of question
    of its dataset, when, and the answer (the asker's side is the audit log, linked by trace id).
    No value of the question is kept."""

    class Way(models.TextChoices):
        EXACT = "exact", _("gelijke sleutel")
        BLOOM = "bloom", _("gelijkende naam en geboortedatum")
        NONE = "geen", _("geen treffer")

    dataset = models.ForeignKey(PartnerDataset, on_delete=models.CASCADE, related_name="questions")
    asked_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True, db_index=True)
    organisation = models.CharField(_("vragende organisatie"), max_length=200)
    kind = models.CharField(_("soort"), max_length=12)
    hit = models.BooleanField(_("treffer"))
    way = models.CharField(_("gevonden via"), max_length=8, choices=Way.choices)
    trace_id = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("vraag aan een partnerbestand")
        verbose_name_plural = _("vragen aan partnerbestanden")
        ordering = ["-asked_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.dataset}: {self.kind}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))
