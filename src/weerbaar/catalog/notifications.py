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
