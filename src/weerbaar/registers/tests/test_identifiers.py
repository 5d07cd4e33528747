"""The identifier rules of the registers (Django-free)."""

import pytest

from weerbaar.registers import identifiers as ids


@pytest.mark.parametrize(
    "value,ok",
    [
        ("0193010000123456", True),
        ("0193100000000001", True),
        ("019301000012345", False),
        ("0193990000123456", False),
        ("01930100001234567", False),
        ("x193010000123456", False),
    ],
)
def test_bag_id_has_16_digits_and_a_known_object_type(value, ok):
    """A BAG id is 4 digits municipality, 2 digits object type, 10 digits sequence."""
    assert ids.is_bag_id(value) is ok


def test_bag_id_object_type_is_checked_when_asked():
    assert ids.is_bag_id("0193010000000001", "01")
    assert not ids.is_bag_id("0193010000000001", "10")
    assert ids.bag_id("193", "20", 7) == "0193200000000007"


@pytest.mark.parametrize(
    "value,ok",
    [
        ("7411AB", True),
        ("1000AA", True),
        ("0411AB", False),
        ("7411 AB", False),
        ("7411ab", False),
        ("7411SA", False),
        ("7411SS", False),
        ("7411SD", False),
    ],
)
def test_postcode_format_and_forbidden_letter_pairs(value, ok):
    assert ids.is_postcode(value) is ok


def test_postcode_normalisation_and_address_key_are_tolerant():
    """Spacing and case do not matter for the look-up key."""
    assert ids.normalise_postcode(" 7411 ab ") == "7411AB"
    assert (
        ids.address_key("7411 ab", 12, "a", " 2 ")
        == ids.address_key("7411AB", "12", "A", "2")
        == "7411AB|12|A|2"
    )


@pytest.mark.parametrize(
    "value,ok",
    [
        ("ZWL00 K 1234", True),
        ("GVH00 C 1277 A3", True),
        ("ZWL00 AB 1", True),
        ("ZWL00 J 12", False),
        ("ZWL00 K 0123", False),
        ("ZW00 K 1", False),
        ("ZWL00 K 123456", False),
        ("ZWL00 K 12 A0", False),
    ],
)
def test_kadastrale_aanduiding(value, ok):
    assert ids.is_kadastrale_aanduiding(value) is ok


def test_kadastrale_aanduiding_normalisation():
    assert ids.normalise_kadastrale_aanduiding("zwl00-k-1234") == "ZWL00 K 1234"
    assert ids.normalise_kadastrale_aanduiding("GVH00C1277A3") == "GVH00 C 1277 A3"


def test_rsin_passes_the_eleven_test():
    """The 11-test: 9a+8b+...+2h-1i divisible by 11; the generator's check digit satisfies it."""
    assert ids.is_rsin("111222333")
    assert not ids.is_rsin("111222334")
    assert not ids.is_rsin("000000000")
    body = "12345678"
    digit = ids.rsin_check_digit(body)
    assert digit is None or ids.is_rsin(f"{body}{digit}")


@pytest.mark.parametrize(
    "a,b",
    [
        ("van der Berg", "Berg, van der"),
        ("Müller", "Muller"),
        ("de Vries", "Vries"),
        ("Dijkstra", "Dykstra"),
    ],
)
def test_name_key_follows_dutch_rules(a, b):
    """Voorvoegsel position, diacritics and ij/y do not change the surname key."""
    assert ids.name_key(a) == ids.name_key(b)
