"""Logboek Dataverwerkingen: an append-only, hash-chained record of every look at personal data.

No foreign keys: the log is in its own database and must outlive the users, organisations and
objects it names, so it stores their identifiers as text.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("inzien")
    LIST = "list", _("lijst")
    SEARCH = "search", _("zoeken")
    EXPORT = "export", _("exporteren")
    CREATE = "create", _("aanmaken")
    UPDATE = "update", _("wijzigen")
    DELETE = "delete", _("verwijderen")
    LOGIN = "login", _("inloggen")
    LOGIN_FAILED = "login_failed", _("mislukte inlog")
    LOCKED_OUT = "locked_out", _("geblokkeerd")
    MFA = "mfa", _("tweede factor")
    TOKEN = "token", _("API-token")
    DISCLOSE = "disclose", _("verstrekken")
    #: a hit / no-hit answer: "is there anything on this subject?"
    EXISTS = "exists", _("treffer / geen treffer")
    #: a count of records on a subject
    COUNT = "count", _("tellen")


class Result(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    REFUSED = "refused", _("geweigerd")
    ERROR = "error", _("fout")


class AuditEntry(models.Model):
    timestamp = models.DateTimeField(_("tijdstip"), db_index=True)
    trace_id = models.CharField(max_length=32, db_index=True)
    span_id = models.CharField(max_length=16)
    actor_id = models.CharField(_("gebruiker-id"), max_length=40, blank=True, db_index=True)
    actor = models.CharField(_("gebruiker"), max_length=150, blank=True, db_index=True)
    organisation = models.CharField(_("organisatie"), max_length=30, blank=True, db_index=True)
    roles = models.CharField(_("rollen"), max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("objecttype"), max_length=100, blank=True)
    object_id = models.CharField(_("object"), max_length=200, blank=True)
    data_subject_id = models.CharField(_("betrokkene"), max_length=200, blank=True, db_index=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=Result.choices)
    processing_activity = models.CharField(_("verwerkingsactiviteit"), max_length=60, blank=True)
    legal_basis = models.CharField(_("grondslag"), max_length=60, blank=True)
    origin = models.CharField(_("herkomst"), max_length=100, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    #: the entry's place in the Merkle tree (0, 1, 2, ... in the order of appending)
    leaf_index = models.BigIntegerField(unique=True)
    #: RFC 6962 leaf hash (hex): SHA-256(0x00 || the entry's canonical bytes, `leaves.leaf_data`)
    leaf_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.timestamp:%Y-%m-%d %H:%M:%S} {self.actor} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries are append-only")


class ChainHead(models.Model):
    """One row holding the hash of the last entry; locking it serialises appends.

    It also remembers the size and time of the last checkpoint, so an append knows without
    another query whether a checkpoint is due. It proves nothing: the signed checkpoints do."""

    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)
    checkpoint_size = models.BigIntegerField(default=0)
    checkpoint_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.count} entries, head {self.last_hash[:12]}"


class SignedCheckpoint(models.Model):
    """A signed claim "the log had `tree_size` entries with this Merkle root" (C2SP checkpoint).

    The `note` (text and Ed25519 signature) is what counts; the other columns repeat it for
    queries. Every checkpoint is also written to the witnesses outside this database (a file,
    the FG's mailbox, a webhook), so removing rows here hides nothing."""

    tree_size = models.BigIntegerField(db_index=True)
    root_hash = models.CharField(max_length=64)
    timestamp = models.DateTimeField()
    key_id = models.CharField(max_length=8)
    note = models.TextField()
    #: the right edge of the tree at this size (hex hashes, `merkle.Frontier`): the next
    #: checkpoint extends it with the leaves appended since, without reading older ones
    frontier = models.JSONField(default=list)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["tree_size", "id"]

    def __str__(self) -> str:
        return f"checkpoint {self.tree_size} {self.root_hash[:12]} {self.timestamp:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("checkpoints are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("checkpoints are append-only")
