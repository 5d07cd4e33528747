"""The identifier rules of the registers (Django-free)."""

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from weerbaar.registers import identifiers as ids
from weerbaar.registers.importers.columns import upper_stripped


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


# The array versions the columnar importers use must give exactly what the scalar rules give.
TRICKY_IDS = [
    "0193010000123456",
    "0193200000123456",
    "0193100000000001",
    "0193990000123456",
    "019301000012345",
    "01930100001234567",
    "0193010000123456\n",
    " 0193010000123456",
    "0193 10000123456",
    "019301000012345\x00",
    "٠١٩٣٠١٠٠٠٠١٢٣٤٥٦",  # Arabic-Indic digits: str.isdigit, but no BAG id
    "x193010000123456",
    "",
    None,
    1930100001234560,
]
TRICKY_POSTCODES = [
    "7411AB",
    "7411 ab",
    " 7411ab ",
    "7411\tAB",
    "7411\u00a0AB",
    "7411ÀB",
    "0411AB",
    "1234SA",
    "1234sd",
    "1234ABC",
    "1234A",
    "7411AB\n",
    "",
    None,
    7411,
]
TRICKY_LETTERS = ["", "a", " b ", "A", "ä", "ß", None, "ab", "\tc"]
TRICKY_TOEVOEGINGEN = ["", "2", "2-a", "bis", "x y", " 1 ", "h\u00a0s", "ß", None, "--", "A-1\t"]
TRICKY_NUMBERS = [12, 1, 0, None, "7", " 7 ", 99999, True]


def _texts(values):
    """A column as the columnar importers hand it over: Arrow strings (no text is null)."""
    return pa.array([v if isinstance(v, str) else None for v in values], pa.string())


@pytest.mark.parametrize("object_type", [None, "01", "10", "20", "99"])
def test_is_bag_id_array_agrees_with_the_scalar_rule(object_type):
    got = ids.is_bag_id_array(_texts(TRICKY_IDS), object_type).tolist()
    expected = [ids.is_bag_id(v if isinstance(v, str) else None, object_type) for v in TRICKY_IDS]  # type: ignore[arg-type]
    assert got == expected
    assert object_type == "99" or (any(got) and not all(got))


def test_postcode_arrays_agree_with_the_scalar_rules():
    texts = [v for v in TRICKY_POSTCODES if isinstance(v, str)]
    normalised, odd = ids.normalise_postcode_array(_texts(texts))
    normalised = normalised.to_pylist()
    for value, got, left_to_scalar in zip(texts, normalised, odd.tolist(), strict=True):
        assert left_to_scalar or got == ids.normalise_postcode(value), value
    # exactly the values outside printable ASCII go to the scalar rule
    assert [v for v, o in zip(texts, odd.tolist(), strict=True) if o] == [
        "7411\tAB",
        "7411\u00a0AB",
        "7411ÀB",
        "7411AB\n",
    ]
    assert normalised[1] == "7411AB"
    candidates = [*normalised, *texts]
    valid = ids.is_postcode_array(_texts(candidates)).tolist()
    assert valid == [ids.is_postcode(v) for v in candidates]
    assert any(valid) and not all(valid)


def test_address_key_array_agrees_with_the_scalar_rule():
    rows = [
        (p, n, letter, toev)
        for p in TRICKY_POSTCODES[:6]
        for n in TRICKY_NUMBERS
        for letter in TRICKY_LETTERS
        for toev in TRICKY_TOEVOEGINGEN
        if n is None or type(n) is int  # an integer column, as GDAL reads huisnummer
    ]
    postcodes, numbers, letters, toevoegingen = (list(c) for c in zip(*rows, strict=True))
    postcode, odd = ids.normalise_postcode_array(_texts(postcodes))
    letter, odd_letter = upper_stripped(pc.fill_null(_texts(letters), ""))
    toevoeging, odd_toevoeging = upper_stripped(pc.fill_null(_texts(toevoegingen), ""))
    got = ids.address_key_array(postcode, pa.array(numbers, pa.int64()), letter, toevoeging).to_pylist()
    left_to_scalar = odd | odd_letter | odd_toevoeging
    compared = 0
    for row, key, scalar in zip(rows, got, left_to_scalar.tolist(), strict=True):
        if not scalar:
            assert key == ids.address_key(*row), row
            compared += 1
    assert compared > 500 and left_to_scalar.any()  # most rows compared, the tricky ones left out
    assert "7411AB|12|A|2A" in got and "7411AB|||" in got
