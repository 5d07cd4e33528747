"""Reads in the rural area: each takes the processing context and returns only what it may see.

The public aggregate of dumpings (counts per municipality and year, with the province and
all-years totals) passes the dashboard's disclosure control (`weerbaar.indicators.disclosure`):
a count below 5 is shown as "< 5", and further cells are suppressed ("×") so that no small count
follows from the totals. The raw counts never leave this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.indicators.disclosure import hierarchical, protect
from weerbaar.organisations.models import Area

from ..models import Drugsafvaldumping, VondstSoort

THRESHOLD = 5
TOTAL = "totaal"
REGION = "regio"


def dumping_list(*, ctx: ProcessingContext, limit: int = 200) -> list[Drugsafvaldumping]:
    return list(
        policy_for(Drugsafvaldumping).visible(ctx).select_related("soort", "gemeente", "organisation")[:limit]
    )


def dumping_get(*, ctx: ProcessingContext, pk: int) -> Drugsafvaldumping | None:
    return (
        policy_for(Drugsafvaldumping)
        .visible(ctx)
        .select_related("soort", "gemeente", "organisation")
        .prefetch_related("fotos", "historie")
        .filter(pk=pk)
        .first()
    )


def vondstsoorten() -> list[VondstSoort]:
    return list(VondstSoort.objects.all())


@dataclass(frozen=True)
class AggregaatRij:
    code: str
    naam: str
    #: per year as shown in public ("12", "< 5" or "×"), then the all-years total
    cellen: list[str]
    totaal: str


@dataclass(frozen=True)
class DumpingAggregaat:
    jaren: list[int]
    rijen: list[AggregaatRij]
    regio: AggregaatRij
    drempel: int


def _municipalities() -> list[tuple[int, str, str]]:
    return list(
        Area.objects.filter(kind="gemeente", organisation__isnull=False)
        .order_by("name")
        .values_list("organisation_id", "code", "name")
    )


def protected_table(
    counts: dict[tuple[int, int], int], municipalities: list[tuple[int, str, str]], years: list[int]
) -> DumpingAggregaat:
    """Counts per (organisation id, year) as published: every municipality of the region a row
    (zero when absent), the province and all-years totals, after primary and secondary
    suppression. The raw counts stay here."""
    code_of = {org: code for org, code, _ in municipalities}
    base = {(code_of[org], year): n for (org, year), n in counts.items() if org in code_of}
    if not years:
        return DumpingAggregaat([], [], AggregaatRij(REGION, "", [], "0"), THRESHOLD)
    for _, code, _ in municipalities:  # a municipality without reports is a zero, and protected
        for year in years:
            base.setdefault((code, year), 0)
    table = hierarchical(base, [{REGION: [c for _, c, _ in municipalities]}, {TOTAL: years}])
    protected = protect(table, threshold=THRESHOLD)

    def row(code: str, name: str) -> AggregaatRij:
        return AggregaatRij(
            code, name, [protected.shown((code, y)) for y in years], protected.shown((code, TOTAL))
        )

    return DumpingAggregaat(
        years, [row(code, name) for _, code, name in municipalities], row(REGION, ""), THRESHOLD
    )


def dumpingen_per_gemeente(*, ctx: ProcessingContext, jaar: int | None = None) -> DumpingAggregaat:
    """Counts of all reported dumpings (whatever their access level: a protected count names no
    report) per municipality of the region and year (or one year), after primary and secondary
    suppression."""
    municipalities = _municipalities()
    qs = Drugsafvaldumping.objects.filter(gemeente_id__in=[m[0] for m in municipalities])
    if jaar is not None:
        qs = qs.filter(gevonden_op__year=jaar)
    counted = (
        qs.annotate(jaar=ExtractYear("gevonden_op"))
        .values("gemeente_id", "jaar")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(row["gemeente_id"], row["jaar"]): row["n"] for row in counted}
    years = [jaar] if jaar is not None else sorted({year for _, year in counts})
    return protected_table(counts, municipalities, years)
