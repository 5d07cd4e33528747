"""Property-based proof of the disclosure control: generated tables and hierarchies, and an
independent exact check (Gaussian elimination over the rationals, not the SVD the module uses)
that no combination of published figures gives a suppressed cell back."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from weerbaar.indicators.disclosure import Table, area_period_table, area_table, hierarchical, protect
from weerbaar.indicators.disclosure.table import Key

THRESHOLD = 5
#: many small counts, as in real municipality × month tables
counts = st.one_of(st.integers(0, 6), st.integers(0, 60))


def _echelon(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form over the rationals: (pivot column, row) pairs."""
    reduced: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        row = _reduce(row, reduced)
        pivot = next((i for i, a in enumerate(row) if a != 0), None)
        if pivot is None:
            continue
        row = [a / row[pivot] for a in row]
        reduced = [(p, [a - r[pivot] * b for a, b in zip(r, row, strict=True)]) for p, r in reduced]
        reduced.append((pivot, row))
    return reduced


def _reduce(row: list[Fraction], reduced: list[tuple[int, list[Fraction]]]) -> list[Fraction]:
    for pivot, base in reduced:
        if row[pivot] != 0:
            factor = row[pivot]
            row = [a - factor * b for a, b in zip(row, base, strict=True)]
    return row


def derivable(table: Table, published: set[Key]) -> set[Key]:
    """Every cell whose unit vector lies in the span of the relations and the published cells:
    its value is a linear combination of published figures (totals, differences, any mix)."""
    keys = sorted(table.values, key=repr)
    index = {k: i for i, k in enumerate(keys)}
    rows: list[list[Fraction]] = []
    for relation in table.relations:
        row = [Fraction(0)] * len(keys)
        row[index[relation.total]] += 1
        for part in relation.parts:
            row[index[part]] -= 1
        if relation.rest is not None:
            row[index[relation.rest]] -= 1
        rows.append(row)
    for key in published:
        row = [Fraction(0)] * len(keys)
        row[index[key]] = Fraction(1)
        rows.append(row)
    reduced = _echelon(rows)
    found = set()
    for key in keys:
        if key in published:
            continue
        unit = [Fraction(0)] * len(keys)
        unit[index[key]] = Fraction(1)
        if not any(_reduce(unit, reduced)):
            found.add(key)
    return found


def leaks(table: Table, *, secondary: bool = True) -> set[Key]:
    result = protect(table, threshold=THRESHOLD, secondary=secondary)
    return {k for k in derivable(table, set(result.published)) if table.values[k] < THRESHOLD}


@st.composite
def two_way_tables(draw: st.DrawFn) -> Table:
    """Rows × columns with row, column and grand totals (a municipality × phenomenon table)."""
    rows = [f"r{i}" for i in range(draw(st.integers(2, 4)))]
    cols = [f"c{i}" for i in range(draw(st.integers(2, 4)))]
    base = {(r, c): draw(counts) for r in rows for c in cols}
    return hierarchical(base, [{"R": rows}, {"C": cols}])


@st.composite
def area_period_tables(draw: st.DrawFn) -> Table:
    """Province → municipalities → wijken, × a year and its months: parent areas minus their
    other children, and a year minus its other months."""
    municipalities = {}
    for m in range(draw(st.integers(2, 3))):
        municipalities[f"GM{m}"] = [f"WK{m}{w}" for w in range(draw(st.integers(1, 3)))]
    months = [f"M{i}" for i in range(draw(st.integers(2, 3)))]
    leaves = [w for ws in municipalities.values() for w in ws]
    base = {(w, p): draw(counts) for w in leaves for p in months}
    areas: dict[Key, list[Key]] = {"PV": list(municipalities), **municipalities}
    return hierarchical(base, [areas, {"Y": months}])


@st.composite
def cumulative_periods(draw: st.DrawFn) -> Table:
    """Months and the year-to-date figures after each month (the difference of two periods)."""
    months = [draw(counts) for _ in range(draw(st.integers(2, 6)))]
    values: dict[Key, int] = {}
    table = Table(values=values)
    running = 0
    for i, n in enumerate(months):
        values[("maand", i)] = n
        running += n
        values[("tot", i)] = running
        if i:
            table.relations.append(_relation(("tot", i), [("tot", i - 1), ("maand", i)]))
    table.relations.append(_relation(("tot", 0), [("maand", 0)]))
    return table


@st.composite
def partial_hierarchies(draw: st.DrawFn) -> Table:
    """A parent area whose listed children do not add up (a hidden rest): parent minus listed
    children must not give away a small rest."""
    children = [draw(counts) for _ in range(draw(st.integers(1, 4)))]
    rest = draw(counts)
    values = {f"GM{i}": n for i, n in enumerate(children)}
    values["PV"] = sum(children) + rest
    return area_table(values, parents={code: "PV" for code in values if code != "PV"} | {"PV": None})


@st.composite
def stored_values(draw: st.DrawFn) -> Table:
    """As the API builds them from stored values: a province and municipalities, months, the
    year and (sometimes) year-to-date figures, and sometimes a municipality the source leaves out
    (the province is then more than its listed municipalities)."""
    towns = [f"GM{i:04d}" for i in range(draw(st.integers(2, 3)))]
    months = draw(st.integers(2, 3))
    monthly = {(t, m): draw(counts) for t in [*towns, "GM9999"] for m in range(months)}
    with_ytd = draw(st.booleans())
    listed = towns + (["GM9999"] if draw(st.booleans()) else [])
    values: dict[tuple[str, dt.date, dt.date], int] = {}
    for area in ["PV23", *listed]:
        members = [*towns, "GM9999"] if area == "PV23" else [area]
        per_month = [sum(monthly[(t, m)] for t in members) for m in range(months)]
        for m, n in enumerate(per_month):
            values[(area, dt.date(2023, m + 1, 1), dt.date(2023, m + 1, 28))] = n
        values[(area, dt.date(2023, 1, 1), dt.date(2023, 12, 31))] = sum(per_month)
        if with_ytd:
            for m in range(1, months):
                values[(area, dt.date(2023, 1, 1), dt.date(2023, m + 1, 28))] = sum(per_month[: m + 1])
    return area_period_table(values, parent_of=lambda code: "PV23" if code.startswith("GM") else None)


def _relation(total: Key, parts: list[Key]):  # type: ignore[no-untyped-def]
    from weerbaar.indicators.disclosure import Relation

    return Relation(total, tuple(parts))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(two_way_tables())
def test_no_cell_of_a_two_way_table_is_derivable_from_its_totals(table: Table) -> None:
    assert leaks(table) == set()


@SETTINGS
@given(area_period_tables())
def test_no_cell_is_derivable_from_parent_areas_or_period_totals(table: Table) -> None:
    assert leaks(table) == set()


@SETTINGS
@given(cumulative_periods())
def test_no_month_is_derivable_as_the_difference_of_two_periods(table: Table) -> None:
    assert leaks(table) == set()


@SETTINGS
@given(partial_hierarchies())
def test_a_small_rest_is_not_derivable_from_a_parent_minus_its_listed_children(table: Table) -> None:
    assert leaks(table) == set()


@SETTINGS
@given(two_way_tables())
def test_every_count_below_the_threshold_is_suppressed_and_shown_as_below_it(table: Table) -> None:
    result = protect(table, threshold=THRESHOLD)
    for key, value in table.values.items():
        if value < THRESHOLD:
            assert key not in result.published
            assert result.shown(key) == "< 5"
        elif key in result.published:
            assert result.shown(key) == str(value)


@SETTINGS
@given(stored_values())
def test_no_stored_value_is_derivable_across_areas_periods_and_year_to_date(table: Table) -> None:
    assert leaks(table) == set()


@pytest.mark.parametrize(
    "strategy", [two_way_tables(), area_period_tables(), cumulative_periods(), stored_values()]
)
def test_without_secondary_suppression_the_property_fails(strategy: st.SearchStrategy[Table]) -> None:
    """The property tests can fail: with only primary suppression hypothesis finds a table in
    which a published total minus published cells gives a small count back."""
    table = find(
        strategy,
        lambda t: bool(leaks(t, secondary=False)),
        settings=settings(max_examples=500, deadline=None),
    )
    assert leaks(table, secondary=False)
    assert leaks(table) == set()


def test_the_module_and_the_independent_check_agree_on_a_known_case() -> None:
    """A 2×2 table with one small cell: every other cell and no total must go."""
    table = hierarchical(
        {("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 12, ("b", "y"): 20},
        [{"T": ["a", "b"]}, {"S": ["x", "y"]}],
    )
    result = protect(table, threshold=5)
    assert result.primary == {("a", "x")}
    assert ("T", "S") in result.published
    assert leaks(table) == set()
    assert leaks(table, secondary=False) == {("a", "x")}
