"""An indicator's published figures, made once per version of its data and read in slices.

Disclosure control protects an indicator's whole area × period table (so that asking per level
or period cannot undo it); doing that on every read cost seconds to minutes at national scale.
Here the protected table is stored (`PublishedTable`, `PublishedValue`) for the data version it
was made from, and reads take the slice they show (a level, a municipality's wijken and buurten,
a period) with SQL range filters on the area code.

What must hold:
- `PublishedValue` holds no suppressed figure (only its marker), so whatever reads it, nothing
  suppressed leaves it; the shielded view (no suppression) never reads or writes it;
- every write of an indicator's values bumps `Indicator.values_version` in the same transaction:
  `IndicatorValue.save()` (create, update_or_create) through the post_save receiver below, the
  bulk writes (bulk_create, QuerySet.update/delete: no signals) by calling `values_changed`;
- the stored table is used only while its versions equal the indicator's current ones (and, for
  a rate, its count's), else it is made again before it is read: no stale figure is served;
- the whole-table download files (indicators.tables) are written by the same making, from the
  same cells, before the table is stored as current, and are read only through its token.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import tables
from .disclosure import area_period_table, protect
from .models import Indicator, IndicatorValue, PublishedTable, PublishedValue, parent_area

#: the columns a read takes, in the order of `ShownValue` (selectors)
Row = tuple[str, dt.date, dt.date, Decimal | None, str, str, bool]


def values_changed(*, indicator_ids: Iterable[int]) -> None:
    """Mark the stored published figures of these indicators stale (call after a bulk write)."""
    Indicator.objects.filter(pk__in=list(indicator_ids)).update(values_version=F("values_version") + 1)


@receiver(post_save, sender=IndicatorValue, dispatch_uid="indicators-published-values-changed")
def _value_saved(sender: Any, instance: IndicatorValue, raw: bool = False, **_: Any) -> None:
    values_changed(indicator_ids=[instance.indicator_id])


@receiver(post_delete, sender=PublishedTable, dispatch_uid="indicators-published-table-files")
def _table_deleted(sender: Any, instance: PublishedTable, **_: Any) -> None:
    """An indicator removed (its table goes with it): its whole-table files go after the commit."""
    pk, token = instance.indicator_id, instance.token
    transaction.on_commit(lambda: tables.remove(pk, token))


def area_ranges(prefixes: Sequence[str]) -> Q:
    """Area codes starting with one of `prefixes`, as ranges (prefix ≤ code < next prefix): an
    index range in both databases, where LIKE 'GM%' is not one on SQLite."""
    condition = Q()
    for prefix in prefixes:
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        condition |= Q(area_code__gte=prefix, area_code__lt=after)
    return condition


def sliced(qs: QuerySet, *, prefixes: Sequence[str] = (), period_start: dt.date | None = None) -> QuerySet:
    if prefixes:
        qs = qs.filter(area_ranges(prefixes))
    if period_start is not None:
        qs = qs.filter(period_start=period_start)
    return qs.order_by("period_start", "period_end", "area_code")


def figure(value: Decimal, is_count: bool) -> str:
    """The stored figure without the column's trailing zeros: 40.4 rather than 40.4000."""
    return f"{value.normalize():f}" if not is_count else str(int(value))


def published_rows(
    indicator: Indicator, *, prefixes: Sequence[str] = (), period_start: dt.date | None = None
) -> QuerySet:
    """The published cells of `indicator` in the slice as `Row` tuples (a lazy query, to be
    counted or sliced), its table made first if missing or stale. The caller has checked that the
    context may see the indicator (and the count it follows)."""
    current(indicator.pk)
    return sliced(
        PublishedValue.objects.filter(indicator_id=indicator.pk),
        prefixes=prefixes,
        period_start=period_start,
    ).values_list("area_code", "period_start", "period_end", "value", "shown", "suppressed", "is_count")


def data_version(pk: int) -> tuple[str, int | None, str | None]:
    """What indicator `pk`'s published figures depend on, as stored in `PublishedTable.made_from`:
    its values' version and threshold and, for a rate, the count it follows and that count's
    version (the rate is held back where the count is suppressed); that count's pk; and what the
    stored figures were made from (None when there are none), all in one query."""
    own, threshold, follows_id, follows_version, made_from = (
        Indicator.objects.filter(pk=pk)
        .annotate(
            made_from=Subquery(PublishedTable.objects.filter(indicator_id=OuterRef("pk")).values("made_from"))
        )
        .values_list(
            "values_version", "suppression_threshold", "follows_id", "follows__values_version", "made_from"
        )
        .get()
    )
    return f"v{own}/t{threshold}/f{follows_id}:{follows_version}", follows_id, made_from


def current(pk: int) -> None:
    """Make the published table of indicator `pk` (and of the count it follows) if it is stale."""
    version, follows_id, made_from = data_version(pk)
    if follows_id is not None:
        current(follows_id)
    if made_from != version:
        make(pk)


@transaction.atomic
def make(pk: int) -> int:
    """Protect the indicator's whole table and store it as published; returns the cells stored.
    The versions are read before the values: a write in between leaves the table stale, not wrong."""
    # one maker at a time per indicator (PostgreSQL; SQLite serialises writers anyway): a second
    # request that waited finds the table made and stops here
    indicator = Indicator.objects.select_for_update().only("suppression_threshold", "follows_id").get(pk=pk)
    version, follows_id, made_from = data_version(pk)
    if made_from == version:
        return 0
    items = list(
        IndicatorValue.objects.filter(indicator_id=pk)
        .order_by("period_start", "period_end", "area_code")
        .values_list("area_code", "period_start", "period_end", "value", "is_count")
    )
    counts = {(code, start, end): int(value) for code, start, end, value, is_count in items if is_count}
    protected = None
    if counts:
        provinces = sorted({code for code, _s, _e in counts if code.startswith("PV")})

        def parent_of(code: str) -> str | None:
            parent = parent_area(code)
            if parent is None and code.startswith("GM") and len(provinces) == 1:
                return provinces[0]  # one region per platform: its municipalities add up to it
            return parent

        protected = protect(
            area_period_table(counts, parent_of=parent_of), threshold=indicator.suppression_threshold
        )
    held_back: set[tuple[str, dt.date, dt.date]] = set()
    if follows_id is not None:
        # one step only: a count indicator that itself follows another would be a cycle's start
        if Indicator.objects.filter(pk=follows_id, follows__isnull=False).exists():
            raise ValueError(f"indicator {pk} volgt een telling die zelf een andere volgt")
        held_back = set(
            PublishedValue.objects.filter(indicator_id=follows_id)
            .exclude(suppressed="")
            .values_list("area_code", "period_start", "period_end")
        )
    cells: list[PublishedValue] = []
    for code, start, end, value, is_count in items:
        key = (code, start, end)
        cell = PublishedValue(
            indicator_id=pk, area_code=code, period_start=start, period_end=end, is_count=is_count
        )
        if key in held_back and key not in counts:
            cell.value, cell.shown, cell.suppressed = None, "×", "secundair"
        elif protected is None or key not in counts or key in protected.published:
            cell.value, cell.shown, cell.suppressed = value, figure(value, is_count), ""
        else:
            kind = "primair" if key in protected.primary else "secundair"
            cell.value, cell.shown, cell.suppressed = None, protected.shown(key), kind
        cells.append(cell)
    PublishedValue.objects.filter(indicator_id=pk).delete()
    PublishedValue.objects.bulk_create(cells, batch_size=5000)
    # the whole-table downloads of this making, from the same cells (indicators.tables); written
    # before the table is stored as current, so a failed write leaves the previous one in place
    token = uuid.uuid4()
    try:
        tables.write(
            tables.path(pk, tables.PUBLIC, token),
            ((c.area_code, c.period_start, c.period_end, c.shown) for c in cells),
        )
        tables.write(tables.path(pk, tables.SHIELDED, token), _unsuppressed_lines(items))
    except BaseException:
        tables.remove(pk, token)
        raise
    previous = PublishedTable.objects.filter(indicator_id=pk).values_list("token", flat=True).first()
    PublishedTable.objects.update_or_create(indicator_id=pk, defaults={"made_from": version, "token": token})
    if previous is not None:
        tables.remove(pk, previous)
    return len(cells)


def _unsuppressed_lines(rows: Iterable[tuple[str, dt.date, dt.date, Decimal, bool]]) -> Iterator[tables.Line]:
    return ((code, start, end, figure(value, is_count)) for code, start, end, value, is_count in rows)


def table_file(pk: int, *, shielded: bool) -> Path:
    """The whole table of indicator `pk` as CSV lines (indicators.tables): the published figures,
    or with `shielded` the stored values without suppression, of the current published table
    (made first if stale, as the publishing job does after every write); written now if that
    making left no file (tables made before the files were, a removed file). The caller has
    checked that the context may read it."""
    current(pk)
    token = PublishedTable.objects.filter(indicator_id=pk).values_list("token", flat=True).get()
    found = tables.path(pk, tables.SHIELDED if shielded else tables.PUBLIC, token)
    if found.exists():
        return found
    if shielded:
        rows = (
            IndicatorValue.objects.filter(indicator_id=pk)
            .order_by("period_start", "period_end", "area_code")
            .values_list("area_code", "period_start", "period_end", "value", "is_count")
        )
        tables.write(found, _unsuppressed_lines(rows.iterator(chunk_size=5000)))
    else:
        cells = sliced(PublishedValue.objects.filter(indicator_id=pk)).values_list(
            "area_code", "period_start", "period_end", "shown"
        )
        tables.write(found, cells.iterator(chunk_size=5000))
    return found
