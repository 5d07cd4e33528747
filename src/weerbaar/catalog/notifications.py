"""Stale factsheets are flagged to their owner: one e-mail per maintaining organisation."""

from __future__ import annotations

from django.core.mail import send_mail

from weerbaar.core.context import ProcessingContext

from .selectors import factsheets_stale_by_maintainer


def stale_notify(
    *, ctx: ProcessingContext, base_url: str, dry_run: bool = False
) -> list[tuple[str, list[str], int]]:
    """Mail each maintaining organisation's contacts the list of its stale factsheets.

    Returns (organisation code, recipients, number of factsheets) per organisation.
    """
    sent = []
    for code, factsheets in factsheets_stale_by_maintainer(ctx=ctx).items():
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
