"""Normalised keys of subjects and addresses, so the same subject is found across signals."""

from __future__ import annotations

import re

from weerbaar.registers import identifiers
from weerbaar.registers.lookup import parse_address, parse_name


def address_key(text: str) -> str:
    """'7411 ab 12-2' -> '7411AB|12||2'; '' when it is not a Dutch postcode + huisnummer."""
    parsed = parse_address(text or "")
    return parsed.candidate_keys()[0] if parsed else ""


def kenteken(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def subject_key(kind: str, identifier: str, name: str = "", birth_date=None) -> str:
    identifier = (identifier or "").strip()
    if kind == "onderneming":
        value = re.sub(r"\D", "", identifier)
    elif kind == "adres":
        value = address_key(identifier) or identifier.upper()
    elif kind == "perceel":
        value = identifiers.normalise_kadastrale_aanduiding(identifier)
    elif kind == "voertuig":
        value = kenteken(identifier)
    else:
        query = parse_name(name or identifier)
        value = f"{query.key}|{query.initials[:1]}|{birth_date or ''}"
    return f"{kind}:{value}"
