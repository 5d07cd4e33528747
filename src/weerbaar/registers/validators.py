"""Django validators for the register identifiers (the rules live in identifiers.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import identifiers


def _check(ok: bool, message, value) -> None:
    if not ok:
        raise ValidationError(message, code="invalid", params={"value": value})


def validate_bag_id(value: str) -> None:
    _check(identifiers.is_bag_id(value), _("%(value)s is geen BAG-identificatie van 16 cijfers."), value)


def validate_pand_id(value: str) -> None:
    _check(
        identifiers.is_bag_id(value, "10"), _("%(value)s is geen pand-identificatie (objecttype 10)."), value
    )


def validate_nummeraanduiding_id(value: str) -> None:
    _check(
        identifiers.is_bag_id(value, "20"),
        _("%(value)s is geen nummeraanduiding-identificatie (objecttype 20)."),
        value,
    )


def validate_adresseerbaar_id(value: str) -> None:
    ok = any(identifiers.is_bag_id(value, t) for t in ("01", "02", "03"))
    _check(ok, _("%(value)s is geen verblijfsobject-, ligplaats- of standplaats-identificatie."), value)


def validate_woonplaats_id(value: str) -> None:
    _check(
        bool(identifiers.WOONPLAATS_ID_RE.match(value or "")), _("%(value)s is geen woonplaatscode."), value
    )


def validate_postcode(value: str) -> None:
    _check(identifiers.is_postcode(value), _("%(value)s is geen geldige postcode (1234AB)."), value)


def validate_kadastrale_aanduiding(value: str) -> None:
    _check(
        identifiers.is_kadastrale_aanduiding(value),
        _("%(value)s is geen kadastrale aanduiding (zoals ZWL00 K 1234 of ZWL00 K 1234 A3)."),
        value,
    )


def validate_kvk_nummer(value: str) -> None:
    _check(
        not value or identifiers.is_kvk_nummer(value), _("%(value)s is geen KvK-nummer van 8 cijfers."), value
    )


def validate_vestigingsnummer(value: str) -> None:
    _check(
        identifiers.is_vestigingsnummer(value), _("%(value)s is geen vestigingsnummer van 12 cijfers."), value
    )


def validate_rsin(value: str) -> None:
    _check(not value or identifiers.is_rsin(value), _("%(value)s is geen RSIN (9 cijfers, elfproef)."), value)
