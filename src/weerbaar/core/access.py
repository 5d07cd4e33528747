"""Access levels every stored item carries, and the roles a user can hold."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLevel(models.TextChoices):
    """How far an item may travel: anyone, any logged-in partner, or only with a legal basis."""

    OPENBAAR = "openbaar", _("openbaar")
    INTERN = "intern", _("intern")
    AFGESCHERMD = "afgeschermd", _("afgeschermd")


class Role(models.TextChoices):
    PUBLIEK = "publiek", _("publiek")
    GEMEENTELIJK_ANALIST = "gemeentelijk_analist", _("gemeentelijk analist")
    PROVINCIAAL_ADVISEUR = "provinciaal_adviseur", _("provinciaal adviseur")
    RIEC_ANALIST = "riec_analist", _("RIEC-analist")
    PARTNER = "partner", _("partner")
    FG = "fg", _("functionaris gegevensbescherming")
    BEHEERDER = "beheerder", _("beheerder")


#: Roles that count as a logged-in partner and may see *intern* items.
PARTNER_ROLES = frozenset(
    {
        Role.GEMEENTELIJK_ANALIST,
        Role.PROVINCIAAL_ADVISEUR,
        Role.RIEC_ANALIST,
        Role.PARTNER,
        Role.FG,
        Role.BEHEERDER,
    }
)

#: Roles that may ever see *afgeschermd* items, given a recorded legal basis for their
#: organisation. The administrator and the FG are deliberately absent: managing accounts or
#: supervising the log does not need the personal data itself (separation of duties).
SHIELDED_ROLES = frozenset(
    {Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST, Role.PARTNER}
)

#: Roles that write shared content (factsheets, contact entries) for their own organisation.
EDITOR_ROLES = frozenset(
    {Role.PROVINCIAAL_ADVISEUR, Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST, Role.PARTNER}
)


class AccessControlled(models.Model):
    """Abstract base for every stored item: it carries its access level."""

    access_level = models.CharField(
        _("toegangsniveau"),
        max_length=12,
        choices=AccessLevel.choices,
        default=AccessLevel.INTERN,
        db_index=True,
    )

    class Meta:
        abstract = True
