"""Stale factsheets are flagged to their owner: one e-mail per maintaining organisation."""

from __future__ import annotations

from collections import defaultdict

from django.core.mail import send_mail
from django.utils import timezone

from .models import Factsheet
from .selectors import STALE_AFTER


def stale_by_maintainer() -> dict[str, list[Factsheet]]:
    cutoff = timezone.localdate() - STALE_AFTER
    grouped: dict[str, list[Factsheet]] = defaultdict(list)
    stale = Factsheet.objects.filter(reviewed_on__lt=cutoff).select_related("maintainer", "contact")
    for factsheet in stale.order_by("maintainer__code", "reviewed_on"):
        grouped[factsheet.maintainer.code].append(factsheet)
    return dict(grouped)


def stale_notify(*, base_url: str, dry_run: bool = False) -> list[tuple[str, list[str], int]]:
    """Mail each maintaining organisation's contacts the list of its stale factsheets.

    Returns (organisation code, recipients, number of factsheets) per organisation.
    """
    sent = []
    for code, factsheets in stale_by_maintainer().items():
        recipients = sorted(
            {
                f.contact.email
                for f in factsheets
                if f.contact and f.contact.organisation_id == f.maintainer_id
            }
        )
        lines = [
            f"- {f.title_nl} (laatst beoordeeld {f.reviewed_on:%d-%m-%Y}): {base_url.rstrip('/')}/factsheets/{f.identifier}"
            for f in factsheets
        ]
        if recipients and not dry_run:
            send_mail(
                subject=f"Weerbaar: {len(factsheets)} factsheet(s) niet actueel",
                message="Deze factsheets zijn meer dan 12 maanden niet beoordeeld. Bevestig of werk ze bij:\n\n"
                + "\n".join(lines),
                from_email=None,
                recipient_list=recipients,
            )
        sent.append((code, recipients, len(factsheets)))
    return sent


def stale_contacts_notify(*, base_url: str, dry_run: bool = False) -> list[str]:
    """Ask every contact entry not confirmed for 12 months to confirm itself; returns the keys."""
    from weerbaar.contacts.models import Contact

    cutoff = timezone.localdate() - STALE_AFTER
    stale = list(Contact.objects.filter(reviewed_on__lt=cutoff).order_by("key"))
    for contact in stale:
        if dry_run:
            continue
        send_mail(
            subject="Weerbaar: kloppen uw contactgegevens nog?",
            message=(
                f"Uw vermelding '{contact.role_nl}' is sinds {contact.reviewed_on:%d-%m-%Y} niet bevestigd. "
                f"Bevestig of werk haar bij: {base_url.rstrip('/')}/contactpersonen/{contact.key}"
            ),
            from_email=None,
            recipient_list=[
                contact.person.email if contact.person and contact.person.email else contact.email
            ],
        )
    return [c.key for c in stale]
