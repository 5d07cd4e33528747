"""What a notification is: which subscriptions a decision matches, and the message as an
NL GOV CloudEvent (CloudEvents 1.0 with the Dutch government profile) whose `data` follows the
Notificaties API's notification (kanaal, hoofdObject, resource, actie, kenmerken).

The message says *that* something relevant was decided and where to ask. The subject's key and
name are added only when the caller says the subscriber may have them (the grant check lives in
the services, inside an audited block)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import Abonnement, Beschikking

KANAAL = "beschikkingen"
EVENT_TYPE = "nl.weerbaar.beschikkingen.beschikking-vastgesteld"
#: the filters a subscription of this channel may set (Kanaal.filters)
FILTERS = ["gemeente", "gebied", "onderwerpSoort", "beschikkingSoort"]


def matches(abonnement: Abonnement, beschikking: Beschikking, *, in_gebied: bool) -> bool:
    """Whether the decision passes the subscription's filters. `in_gebied`: the decision's location
    lies in the subscription's polygon (asked of the database by the caller, for all at once)."""
    in_area = beschikking.gemeente in (abonnement.gemeenten or []) or in_gebied
    if not in_area:
        return False
    if abonnement.onderwerp_soorten and beschikking.onderwerp_soort not in abonnement.onderwerp_soorten:
        return False
    return not (
        abonnement.beschikking_soorten and beschikking.soort.code not in abonnement.beschikking_soorten
    )


def absolute(path: str) -> str:
    return getattr(settings, "WEERBAAR_BASE_URL", "http://localhost:8000").rstrip("/") + path


def cloudevent(beschikking: Beschikking, *, met_persoonsgegevens: bool) -> dict[str, Any]:
    """The notification as a CloudEvent (structured mode, `application/cloudevents+json`)."""
    url = absolute(reverse("beschikkingen:detail", args=[beschikking.pk]))
    onderwerp: dict[str, Any] = {"soort": beschikking.onderwerp_soort}
    if met_persoonsgegevens:
        onderwerp["sleutel"] = beschikking.onderwerp_sleutel
        onderwerp["naam"] = beschikking.onderwerp_naam
    organisation = beschikking.organisation
    now = timezone.now()
    return {
        "specversion": "1.0",
        "type": EVENT_TYPE,
        "source": f"urn:nld:weerbaar:organisatie:{organisation.code}",
        "id": str(uuid.uuid4()),
        "time": now.isoformat(),
        "subject": f"beschikking:{beschikking.pk}",
        "datacontenttype": "application/json",
        "dataref": url,
        "data": {
            "kanaal": KANAAL,
            "hoofdObject": url,
            "resource": "beschikking",
            "resourceUrl": url,
            "actie": "create",
            "aanmaakdatum": now.isoformat(),
            "kenmerken": {
                "beschikkingSoort": beschikking.soort.code,
                "onderwerpSoort": beschikking.onderwerp_soort,
                "gemeente": beschikking.gemeente,
            },
            "beschikking": {
                "kenmerk": beschikking.kenmerk,
                "soort": beschikking.soort.label_nl,
                "datum": beschikking.datum.isoformat(),
                "ingang": beschikking.ingang.isoformat() if beschikking.ingang else None,
                "einde": beschikking.einde.isoformat() if beschikking.einde else None,
                "uitgevendeOrganisatie": {"code": organisation.code, "naam": organisation.name},
                "grondslagDelen": beschikking.grondslag_delen.code if beschikking.grondslag_delen else None,
            },
            "onderwerp": onderwerp,
            "persoonsgegevens": met_persoonsgegevens,
            "vragen": beschikking.contact,
            "toelichting": (
                "Er is een beschikking vastgesteld die uw abonnement raakt. Dit bericht geeft geen toegang "
                "tot de beschikking; vraag de uitgevende organisatie om meer."
            ),
        },
    }


def email_text(bericht: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of the e-mail for a notification (Dutch: the partners' working language)."""
    data = bericht["data"]
    besluit = data["beschikking"]
    subject = f"Weerbaar: {besluit['soort']} ({besluit['uitgevendeOrganisatie']['naam']})"
    lines = [
        data["toelichting"],
        "",
        f"Soort: {besluit['soort']}",
        f"Kenmerk: {besluit['kenmerk']}",
        f"Datum: {besluit['datum']}",
        f"Gemeente: {data['kenmerken']['gemeente']}",
        f"Onderwerp: {data['onderwerp']['soort']}",
    ]
    if data["persoonsgegevens"]:
        lines.append(f"Betreft: {data['onderwerp'].get('naam') or data['onderwerp'].get('sleutel')}")
    lines += ["", f"Vragen: {data['vragen']}", f"In het platform: {data['hoofdObject']}"]
    return subject, "\n".join(lines)
