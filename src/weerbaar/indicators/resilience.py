"""Reads of the weerbaarheidsscans: a municipality × domain heat map of the scans the context may
see, and the province-wide picture that may be published.

What must hold:
- single scans go through `ResilienceScanPolicy` (afgeschermd by default; below the province and
  the RIEC only one's own organisation's scans);
- the province-wide picture is a mean per domain and year over all scans of that year, and it is
  published only when at least `MIN_SCANS` municipalities were scanned that year (the disclosure
  rule for averages: with fewer, one municipality's scores could be read back from the mean and
  the others); it never names a municipality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .charts import localised
from .models import ResilienceDomain, ResilienceScan, ResilienceScore

#: the fewest municipalities a published province-wide mean may rest on
MIN_SCANS = 5


@dataclass(frozen=True)
class ScanRow:
    area_code: str
    year: int
    date: str
    fictitious: bool
    scores: dict[str, Decimal | None]  # per domain key, None when not scored


@dataclass(frozen=True)
class DomainMean:
    domain: str
    mean: Decimal | None  # None when held back (fewer than MIN_SCANS scans)
    shown: str


@dataclass
class ProvincePicture:
    year: int
    scans: int
    published: bool
    means: list[DomainMean] = field(default_factory=list)
    fictitious: bool = False

    @property
    def weakest(self) -> list[DomainMean]:
        ranked = [m for m in self.means if m.mean is not None]
        return sorted(ranked, key=lambda m: (m.mean, m.domain))[:3]


def domains() -> list[tuple[str, str]]:
    return [(str(key), str(label)) for key, label in ResilienceDomain.choices]


def scan_rows(*, ctx: ProcessingContext, year: int | None = None) -> list[ScanRow]:
    """The scans the context may see (latest per municipality and year), with their scores."""
    scans = policy_for(ResilienceScan).visible(ctx).order_by("area_code", "date").prefetch_related("scores")
    if year is not None:
        scans = scans.filter(date__year=year)
    latest: dict[tuple[str, int], ResilienceScan] = {}
    for scan in scans:
        latest[(scan.area_code, scan.date.year)] = scan
    rows = []
    for (code, scan_year), scan in sorted(latest.items()):
        scores: dict[str, Decimal | None] = dict.fromkeys(ResilienceDomain.values)
        for score in scan.scores.all():
            scores[score.domain] = score.score
        rows.append(ScanRow(code, scan_year, scan.date.isoformat(), scan.fictitious, scores))
    return rows


def scan_years(*, ctx: ProcessingContext) -> list[int]:
    """Years with scans in the region (public: that scans exist is no figure of anyone)."""
    return sorted({d.year for d in ResilienceScan.objects.values_list("date", flat=True)})


def province_picture(*, year: int) -> ProvincePicture:
    """The province-wide means per domain for one year, from all scans (read here, and only
    here, past the scan policy: the mean is the disclosure-controlled aggregate)."""
    scans = {}
    for scan in ResilienceScan.objects.filter(date__year=year).order_by("area_code", "date"):
        scans[scan.area_code] = scan  # the latest scan of each municipality counts once
    scores: dict[str, list[Decimal]] = defaultdict(list)
    for score in ResilienceScore.objects.filter(scan__in=list(scans.values())):
        scores[score.domain].append(score.score)
    published = len(scans) >= MIN_SCANS
    picture = ProvincePicture(
        year=year,
        scans=len(scans),
        published=published,
        fictitious=any(s.fictitious for s in scans.values()),
    )
    for key in ResilienceDomain.values:
        values = scores.get(key, [])
        if published and len(values) >= MIN_SCANS:
            mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            picture.means.append(DomainMean(key, mean, localised(str(mean))))
        else:
            picture.means.append(DomainMean(key, None, f"< {MIN_SCANS}"))
    return picture
