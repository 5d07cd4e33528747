"""A park list in through `weerbaar.importing`: CSV or XLSX with the outline as WKT in a column
`geometrie` (RD New, or `SRID=4326;` WKT for WGS84), or a GeoPackage with a polygon layer.

What must hold: every problem names row, field and reason; by default one bad row stores nothing
(all or nothing); with `partial` the good rows are stored and the bad ones reported; a run that
stores nothing leaves the register as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Polygon
from django.utils.text import slugify

from weerbaar.importing import FailurePolicy, FileError, Importer, ImporterRegistry, RowError
from weerbaar.importing.crs import epsg
from weerbaar.importing.readers import Source, gdal
from weerbaar.importing.readers.text import DelimitedReader
from weerbaar.importing.readers.xlsx import XlsxReader

from .models import RD_NEW, FireSafety, Ownership, PermitStatus, Zoning

importers = ImporterRegistry("parken")

REQUIRED = ("code", "naam", "gemeente", "eigendom")
UNITS = {
    "recreatiewoningen": "units_recreatiewoning",
    "chalets": "units_chalet",
    "kampeerplaatsen": "units_kampeerplaats",
    "standplaatsen": "units_standplaats",
}
CHOICES = {
    "bestemming": ("zoning", Zoning, Zoning.RECREATIE),
    "eigendom": ("ownership", Ownership, None),
    "brandveiligheid": ("fire_safety", FireSafety, FireSafety.ONBEKEND),
    "vergunning": ("permit_status", PermitStatus, PermitStatus.ONBEKEND),
}
SHARES = {
    "aandeel_permanent": "permanent_residents_share",
    "eigendomswisseling": "owner_turnover_share",
    "leegstand": "vacancy_share",
}
TRUE = {"ja", "j", "true", "1", "waar", "yes"}
FALSE = {"nee", "n", "false", "0", "onwaar", "no", ""}


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    return "" if value is None else str(value).strip()


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _choice(text: str, choices: Any) -> str | None:
    """The value of a choice given as its value or its Dutch label, any case."""
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in {str(value).lower(), str(label).lower()}:
            return str(value)
    return None


def _outline(geom: GEOSGeometry) -> MultiPolygon:
    """A valid (multi)polygon in RD New, or ValueError saying why not."""
    if geom.srid is None:
        geom.srid = RD_NEW
    if geom.srid != RD_NEW:
        geom.transform(CoordTransform(SpatialReference(geom.srid), SpatialReference(RD_NEW)))
    if isinstance(geom, Polygon):
        geom = MultiPolygon(geom, srid=RD_NEW)
    if not isinstance(geom, MultiPolygon):
        raise ValueError(f"een parkomtrek is een vlak, geen {geom.geom_type}")
    if geom.empty or not geom.valid:
        raise ValueError(f"ongeldig vlak: {geom.valid_reason}")
    x0, y0, x1, y1 = geom.extent
    if not (x0 >= 0 and x1 <= 300_000 and y0 >= 289_000 and y1 <= 630_000):
        raise ValueError("het vlak ligt niet in Nederland (RD New)")
    return geom


@importers.register("parkenlijst")
class ParkListImporter(Importer):
    """One row per park: code, naam, gemeente (CBS code), eigendom, geometrie (WKT; in a
    GeoPackage the layer's geometry), optional bestemming, recreatiewoningen, chalets,
    kampeerplaatsen, standplaatsen, brandveiligheid, vergunning, fictief (ja/nee),
    aandeel_permanent, eigendomswisseling, leegstand (0–1), onderhoud (1–5)."""

    label = "Lijst van vakantieparken (CSV, XLSX of GeoPackage)"
    key_field = "code"

    def __init__(self, *, municipalities: set[str], filename: str, partial: bool = False) -> None:
        self.municipalities, self.filename = municipalities, filename
        self.policy = FailurePolicy.KEEP_VALID_ROWS if partial else FailurePolicy.ALL_OR_NOTHING

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() in {".csv", ".xlsx", ".gpkg"}

    def rows(self, source: Source) -> Any:
        suffix = Path(self.filename).suffix.lower()
        if suffix == ".gpkg":
            return self._features(source)
        reader = XlsxReader if suffix == ".xlsx" else DelimitedReader
        return iter(reader(source, required=(*REQUIRED, "geometrie")))

    def _features(self, source: Source) -> Any:
        if not isinstance(source, Path):
            raise FileError("een GeoPackage wordt als bestand gelezen", code="source")
        data = gdal.read_layer(gdal.vector_source(source))
        missing = [name for name in REQUIRED if name not in data.fields]
        if missing:
            raise FileError(f"ontbrekende kolommen: {', '.join(missing)}", code="columns")
        srid = epsg(data.meta.get("crs"))
        if srid is None:
            raise FileError("onbekend coördinatenstelsel; gebruik RD New (EPSG:28992) of WGS84", code="crs")
        for i in range(len(data.fids)):
            raw = {name: data.columns[j][i] for j, name in enumerate(data.fields)}
            wkb = data.geometries[i]
            raw["_geometrie"] = GEOSGeometry(memoryview(wkb), srid=srid) if wkb is not None else None
            yield i + 1, raw

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        errors: list[tuple[str, str]] = []
        values: dict[str, Any] = {}
        code = slugify(_text(raw, "code"))
        if not code:
            errors.append(("code", "een park heeft een code"))
        values["code"] = code
        values["name"] = _text(raw, "naam")
        if not values["name"]:
            errors.append(("naam", "een park heeft een naam"))
        municipality = _text(raw, "gemeente").upper()
        if municipality not in self.municipalities:
            errors.append(
                ("gemeente", f"{municipality!r} is geen gemeente van de regio (CBS-code, bv. GM0175)")
            )
        values["municipality_code"] = municipality
        for column, (name, choices, default) in CHOICES.items():
            text = _text(raw, column)
            chosen = _choice(text, choices) if text else default
            if chosen is None:
                allowed = ", ".join(str(v) for v in choices.values)
                errors.append((column, f"{text!r} is geen geldige waarde (kies uit {allowed})"))
            values[name] = chosen
        for column, name in UNITS.items():
            text = _text(raw, column) or "0"
            try:
                number = _number(text)
                if number < 0 or number != int(number):
                    raise ValueError
                values[name] = int(number)
            except ValueError:
                errors.append((column, f"{text!r} is geen aantal (geheel getal, 0 of meer)"))
        for column, name in SHARES.items():
            text = _text(raw, column)
            try:
                share = _number(text) if text else None
                if share is not None and not 0 <= share <= 1:
                    raise ValueError
                values[name] = share
            except ValueError:
                errors.append((column, f"{text!r} is geen aandeel tussen 0 en 1"))
        text = _text(raw, "onderhoud")
        try:
            state = int(_number(text)) if text else None
            if state is not None and not 1 <= state <= 5:
                raise ValueError
            values["maintenance_state"] = state
        except ValueError:
            errors.append(("onderhoud", f"{text!r} is geen schaalwaarde 1 (goed) tot 5 (slecht)"))
        flag = _text(raw, "fictief").lower()
        if flag not in TRUE | FALSE:
            errors.append(("fictief", "gebruik ja of nee"))
        values["fictitious"] = flag in TRUE
        try:
            geom = raw.get("_geometrie")
            if geom is None:
                text = _text(raw, "geometrie")
                if not text:
                    raise ValueError("een park heeft een omtrek")
                geom = GEOSGeometry(text)
            values["geometry"] = _outline(geom)
        except (ValueError, GEOSException) as exc:
            errors.append(("geometrie", str(exc) if isinstance(exc, ValueError) else "geen leesbare WKT"))
        if errors:
            raise RowError(errors)
        return values

    def key(self, cleaned: dict[str, Any]) -> str:
        return str(cleaned["code"])

    def duplicate_message(self, value: Any, first_row: int) -> str:
        return f"parkcode {value!r} staat al in rij {first_row}"
