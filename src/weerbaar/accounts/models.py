"""Users act for one organisation and hold roles; tokens let scripts use the API."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from weerbaar.core.access import Role
from weerbaar.organisations.models import Organisation


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisatie"),
    )
    is_demo = models.BooleanField(
        _("demo-account"),
        default=False,
        help_text=_("Kan alleen inloggen als WEERBAAR_DEMO aan staat."),
    )
    #: the stable subject (`sub`) of this person at the single sign-on provider; an OIDC login
    #: finds its account by this and the issuer, never by e-mail address
    oidc_subject = models.CharField(
        _("subject bij de identiteitsprovider"), max_length=255, unique=True, null=True, blank=True
    )
    oidc_issuer = models.CharField(_("identiteitsprovider"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_codes

    def is_verified(self) -> bool:
        """No second factor outside a request; django-otp's middleware or a token replaces this."""
        return False


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("rol van gebruiker")
        verbose_name_plural = _("rollen van gebruikers")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class LoginAttempt(models.Model):
    """Every password or second-factor attempt, for throttling (BIO 9.4)."""

    class Step(models.TextChoices):
        PASSWORD = "password", _("wachtwoord")
        SECOND_FACTOR = "second_factor", _("tweede factor")

    username = models.CharField(max_length=150, db_index=True)
    step = models.CharField(max_length=20, choices=Step.choices, default=Step.PASSWORD)
    success = models.BooleanField()
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} {self.step} {'ok' if self.success else 'failed'} {self.timestamp:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once at issue."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("omschrijving"), max_length=100, blank=True)
    allows_shielded = models.BooleanField(
        _("geldt als tweede factor"),
        default=False,
        help_text=_(
            "Voor systeemkoppelingen van partners: het token telt als tweede factor, zodat afgeschermde "
            "gegevens binnen de grondslag van de organisatie bereikbaar zijn. Alleen op de server uit te geven."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"


class Proposal(models.Model):
    """Four eyes (BIO separation of duties): a change of access that one person proposes and
    another decides. Granting a role, a grant or a shielded token is never done by one person
    alone, and nobody proposes or decides a change of their own access."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op besluit")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    #: a kind registered in accounts.services.proposals.proposal_kinds (role, shielded token, grant)
    kind = models.CharField(_("soort"), max_length=40)
    #: the account whose access changes (None for an organisation's grant)
    subject = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals_about"
    )
    #: what exactly: {"role": ...} or {"label": ...} or {"organisation": ..., "role": ..., "activity": ...}
    payload = models.JSONField(_("inhoud"), default=dict)
    reason = models.TextField(_("reden"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="proposals_made")
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals_decided"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), blank=True)

    class Meta:
        verbose_name = _("voorstel (vier ogen)")
        verbose_name_plural = _("voorstellen (vier ogen)")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.get_status_display()}"


class IdentityProviderDevice(Device):
    """The second factor an identity provider checked: an OIDC login whose `acr` is a level the
    platform counts as a second factor (substantial, high) marks its session verified through
    this device, as a TOTP step does through its own. It never accepts a code itself."""

    issuer = models.CharField(_("identiteitsprovider"), max_length=255)

    class Meta:
        verbose_name = _("tweede factor bij de identiteitsprovider")
        verbose_name_plural = _("tweede factoren bij de identiteitsprovider")
        constraints = [models.UniqueConstraint(fields=["user", "issuer"], name="one_idp_device_per_issuer")]

    def verify_token(self, token) -> bool:
        return False
