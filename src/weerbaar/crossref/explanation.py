"""A pair's explanation as a reviewer reads it: the matcher's property and level names (stored with
the pair, and given as they are by the API) in the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

PROPERTIES = {
    "first_name": _("voornaam"),
    "surname": _("achternaam"),
    "name": _("naam"),
    "birth_date": _("geboortedatum"),
    "identifier": _("nummer (KvK, RSIN)"),
    "postcode": _("postcode"),
    "number": _("huisnummer"),
    "street": _("straat"),
    "place": _("plaats"),
}

LEVELS = {
    "exact": _("gelijk"),
    "exact or roepnaam": _("gelijk, of de roepnaam"),
    "exact or one of a married name": _("gelijk, of een van een dubbele naam"),
    "jaro-winkler ≥ 0.92": _("bijna gelijk"),
    "jaro-winkler ≥ 0.9": _("bijna gelijk"),
    "jaro-winkler ≥ 0.8": _("lijkt erop"),
    "initial agrees": _("voorletter gelijk"),
    "swapped with surname": _("verwisseld met de achternaam"),
    "swapped with first name": _("verwisseld met de voornaam"),
    "same words": _("dezelfde woorden"),
    "token set ≥ 90": _("woorden grotendeels gelijk"),
    "token set ≥ 75": _("woorden deels gelijk"),
    "swapped day/month or one typo": _("dag en maand verwisseld, of één tikfout"),
    "same year": _("zelfde jaar"),
    "one typo": _("één tikfout"),
    "same number, letter or toevoeging differs": _("zelfde nummer, andere letter of toevoeging"),
    "differs": _("verschilt"),
    "missing": _("ontbreekt"),
}


def readable(explanation: list[dict[str, Any]]) -> list[tuple[str, str, float]]:
    """(property, level, weight in bits) per comparison, named in the active language; a name the
    tables do not know is shown as stored."""
    return [
        (
            str(PROPERTIES.get(c["property"], c["property"])),
            str(LEVELS.get(c["level"], c["level"])),
            c["weight"],
        )
        for c in explanation
    ]
