"""The register of processing activities (verwerkingsregister) and the grants built on it.

An audit entry names the processing activity a read served and its legal basis. A grant records
that an organisation, for a role, has a legal basis to see shielded data for one activity.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import Role
from weerbaar.organisations.models import Organisation

from .labels import legal_basis_label


class LegalBasis(models.Model):
    """A legal ground for processing or sharing, e.g. AVG art. 6(1)(e) or Wet Bibob art. 7a."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    article = models.CharField(_("artikel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("grondslag")
        verbose_name_plural = _("grondslagen")
        ordering = ["code"]

    def __str__(self) -> str:
        return legal_basis_label(self)


class ProcessingActivity(models.Model):
    """One purpose of processing in the register (AVG art. 30)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"))
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, related_name="activities")
    data_categories = models.CharField(_("categorieën persoonsgegevens"), max_length=300)
    retention = models.CharField(_("bewaartermijn"), max_length=200)
    controller = models.CharField(_("verwerkingsverantwoordelijke"), max_length=200)

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class GrantQuerySet(models.QuerySet):
    def active(self, moment):
        return self.filter(valid_from__lte=moment).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=moment)
        )


class Grant(models.Model):
    """A recorded legal basis: this organisation, in this role, may see shielded data for this activity."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    processing_activity = models.ForeignKey(
        ProcessingActivity, on_delete=models.PROTECT, related_name="grants"
    )
    valid_from = models.DateTimeField(_("geldig vanaf"))
    valid_until = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    reference = models.CharField(_("kenmerk (convenant, besluit)"), max_length=200, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegekende grondslag")
        verbose_name_plural = _("toegekende grondslagen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role", "processing_activity"], name="unique_grant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.role} / {self.processing_activity}"
