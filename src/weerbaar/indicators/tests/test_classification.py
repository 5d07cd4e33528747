"""Quantile classes of the choropleth: breaks, counts per class, and suppressed cells kept out."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..classification import classify, quantile_breaks


def d(*values: float) -> list[Decimal]:
    return [Decimal(str(v)) for v in values]


def test_quantile_breaks_of_ten_values_in_five_classes_are_every_second_value():
    """n = 10, 5 classes: the upper bounds are the 2nd, 4th, 6th, 8th and 10th value."""
    assert quantile_breaks(d(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), 5) == d(2, 4, 6, 8, 10)


def test_quantile_breaks_collapse_when_values_repeat():
    """Equal breaks become one class: five 7s cannot be split into five classes."""
    assert quantile_breaks(d(7, 7, 7, 7, 7), 5) == d(7)
    assert quantile_breaks(d(1, 1, 1, 1, 9), 5) == d(1, 9)


def test_counts_per_class_of_the_25_municipalities_add_up_and_match_the_bounds():
    """25 values in 5 quantile classes: 5 in each, the first class closed, the others open below."""
    values = [Decimal(v) for v in range(1, 26)]
    classes = classify(values, 5)
    assert [b.count for b in classes.bands] == [5, 5, 5, 5, 5]
    assert [(b.lower, b.upper) for b in classes.bands][:2] == [(1, 5), (5, 10)]
    assert classes.bands[0].label == "1 – 5" and classes.bands[1].label == "> 5 – 10"
    assert classes.band_of(Decimal(5)).index == 0 and classes.band_of(Decimal(6)).index == 1


def test_a_suppressed_cell_has_no_class_and_moves_no_break():
    """Suppressed values (None) are counted apart; the breaks equal those without them."""
    published = d(12, 40, 33, 18, 25, 50, 61, 9)
    with_suppressed = classify([*published, None, None], 4)
    assert with_suppressed.suppressed == 2
    assert [b.upper for b in with_suppressed.bands] == quantile_breaks(published, 4)
    assert sum(b.count for b in with_suppressed.bands) == len(published)
    assert with_suppressed.band_of(None) is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), st.integers(0, 10_000)), max_size=60), st.integers(1, 7))
def test_every_published_value_lies_in_exactly_the_class_that_counts_it(raw, classes):
    """For any values: counts add up to the published values, each value within its class's bounds."""
    values = [Decimal(v) if v is not None else None for v in raw]
    result = classify(values, classes)
    published = [v for v in values if v is not None]
    assert sum(b.count for b in result.bands) == len(published)
    assert result.suppressed == len(values) - len(published)
    assert len(result.bands) <= classes
    for value in published:
        band = result.band_of(value)
        assert band is not None
        assert band.lower <= value <= band.upper
        assert band.index == 0 or value > band.lower
    for band in result.bands:
        assert band.count == sum(1 for v in published if result.band_of(v) == band)
