"""Contact persons per organisation and theme: roles with functional mailboxes.

An entry is a role, but it reaches a person (a phone number, the colleague who keeps it), so the
table counts as personal data: every read goes through `contacts.selectors` (audited).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.i18n import translated
from weerbaar.core.personal_data import personal_data
from weerbaar.organisations.models import Organisation


class ContactRegion(models.TextChoices):
    PROVINCIE = "provincie", _("hele provincie")
    TWENTE = "twente", _("Twente")
    IJSSELLAND = "ijsselland", _("IJsselland")


@personal_data
class Contact(models.Model):
    key = models.SlugField(_("sleutel"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("organisatie")
    )
    role_nl = models.CharField(_("rol (Nederlands)"), max_length=200)
    role_de = models.CharField(_("rol (Duits)"), max_length=200, blank=True)
    role_en = models.CharField(_("rol (Engels)"), max_length=200, blank=True)
    themes = models.ManyToManyField(
        "themes.Theme", related_name="contacts", blank=True, verbose_name=_("thema's")
    )
    region = models.CharField(
        _("regio"), max_length=20, choices=ContactRegion.choices, default=ContactRegion.PROVINCIE
    )
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    availability_nl = models.CharField(_("bereikbaarheid (Nederlands)"), max_length=200, blank=True)
    availability_de = models.CharField(_("bereikbaarheid (Duits)"), max_length=200, blank=True)
    availability_en = models.CharField(_("bereikbaarheid (Engels)"), max_length=200, blank=True)
    deputy = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_for",
        verbose_name=_("vervanger"),
    )
    languages = models.JSONField(_("talen"), default=list, blank=True)
    fictitious = models.BooleanField(_("fictief (demo)"), default=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_entries",
        verbose_name=_("persoon die de vermelding bijhoudt"),
    )
    reviewed_on = models.DateField(_("laatst bevestigd op"))
    modified_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["organisation__name", "role_nl"]

    def __str__(self) -> str:
        return f"{self.role} ({self.organisation})"

    @property
    def role(self) -> str:
        return translated(self, "role")

    @property
    def is_stale(self) -> bool:
        """Not confirmed in the last twelve months."""
        return (timezone.localdate() - self.reviewed_on).days > 365

    @property
    def availability(self) -> str:
        return translated(self, "availability")
