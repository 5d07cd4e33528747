"""Normalised keys of subjects and addresses, so the same subject is found across signals.

How an identifier becomes a key is the subject kind's business (`weerbaar.core.subjects`): the
registers app declares person, company, address and parcel, signals the vehicle.
"""

from __future__ import annotations

import datetime as dt

from weerbaar.core.subjects import subject_kinds

ADDRESS = "adres"
PARCEL = "perceel"


def address_key(text: str) -> str:
    """'7411 ab 12-2' -> '7411AB|12||2'; '' when it is not a Dutch postcode + huisnummer."""
    kind = subject_kinds[ADDRESS]
    return kind.normalise(text) if kind.valid(text or "") else ""


def parcel_key(text: str) -> str:
    """A kadastrale aanduiding as the registers write it ('zwl00-k-1234' -> 'ZWL00 K 1234')."""
    return subject_kinds[PARCEL].normalise(text)


def subject_key(kind: str, identifier: str, name: str = "", birth_date: dt.date | None = None) -> str:
    """'<kind>:<normalised identifier>'; KeyError for a kind no app registered."""
    return subject_kinds[kind].key((identifier or "").strip(), name=name, birth_date=birth_date)
