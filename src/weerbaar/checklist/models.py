"""The checklist's rules as data: versioned rule sets, one published at a time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")
    RETIRED = "vervallen", _("vervallen")


class RuleSet(models.Model):
    """The questions, instruments and rules of one version, as checked data (see engine.py)."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    status = models.CharField(
        _("status"), max_length=15, choices=RuleSetStatus.choices, default=RuleSetStatus.DRAFT
    )
    content = models.JSONField(_("inhoud"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("regelset")
        verbose_name_plural = _("regelsets")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version} ({self.get_status_display()})"
