"""BRK: the kadastrale kaart (PDOK GeoPackage, layer perceel) and Haal Centraal BRK Bevragen JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from weerbaar.core.access import AccessLevel
from weerbaar.importing.readers.gdal import (
    FeatureChunk,
    feature_chunks,
    feature_count,
    feature_rows,
    layer_names,
)
from weerbaar.importing.readers.ndjson import first_keys, ndjson_rows

from ... import identifiers
from ...fastinsert import insert_rows
from ...models import KadastraalObject, Mutatie, Persoon, ZakelijkRecht
from ...mutations import upsert
from .. import columns as col
from ..base import BaseImporter, ColumnarImporter, RowError, geometry, point_wkb, register
from ..gml import is_perceel_gml, perceel_gml_rows
from .bag import RD_CRS
from .common import person_values, upsert_persons


def _inner_point(polygon_wkb: bytes) -> bytes:
    point = shapely.from_wkb(polygon_wkb).point_on_surface()
    return point_wkb(point.x, point.y)


@register("brk-perceel")
class PerceelImporter(ColumnarImporter):
    label = "BRK kadastrale kaart, percelen (GeoPackage)"
    model = KadastraalObject
    key_field = "kadastrale_aanduiding"
    access_level = AccessLevel.OPENBAAR
    required = frozenset(
        {"identificatie", "AKRKadastraleGemeenteCode", "sectie", "perceelnummer", "kadastraleGrootteWaarde"}
    )

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() == ".gpkg" and "perceel" in layer_names(path)

    def rows(self, path: Path):
        return feature_rows(path, "perceel", self.required, crs=RD_CRS)

    def chunks(self, path: Path):
        return feature_chunks(path, "perceel", self.required, self.chunk_size, crs=RD_CRS)

    def row_count(self, path: Path) -> int:
        return feature_count(path, "perceel")

    def clean_chunk(self, chunk: FeatureChunk):
        n = len(chunk)
        code = col.text(chunk, "AKRKadastraleGemeenteCode")
        sectie = col.text(chunk, "sectie")
        nummer = chunk.columns["perceelnummer"]
        if pa.types.is_integer(nummer.type):
            suspect = col.mask(pc.is_null(nummer))
        else:  # a perceelnummer that is no integer: clean reports it
            nummer, suspect = pa.nulls(n, pa.int64()), np.ones(n, dtype=bool)
        aanduiding = pc.binary_join_element_wise(
            code, sectie, pc.fill_null(pc.cast(nummer, pa.string()), ""), " "
        )
        grootte, odd = col.integers(chunk, "kadastraleGrootteWaarde")
        suspect |= odd | col.mask(pc.less(grootte, 0))
        suspect |= ~col.matches(identifiers.KADASTRALE_AANDUIDING_RE, aanduiding)
        ok = col.geometry_ok(chunk, ("Polygon",))
        given, xy, odd = col.coordinates(
            chunk, "perceelnummerPlaatscoordinaatX", "perceelnummerPlaatscoordinaatY"
        )
        suspect |= odd
        inner = col.inner_points(np.where(ok & ~given, chunk.shapes, None))
        identificatie = chunk.columns["identificatie"]
        if col.is_text(identificatie):  # the part after the last dot, as clean takes it
            suspect |= col.mask(pc.is_null(identificatie))
            local = pc.extract_regex(pc.fill_null(identificatie, ""), r"(?s)(?P<id>[^.]*)\z").field("id")
        else:
            local = pa.array([str(v).rsplit(".", 1)[-1] for v in chunk.plain("identificatie")], pa.string())
        values = {
            "identificatie": local,
            "soort": col.constant(KadastraalObject.Soort.PERCEEL, n),
            "kadastrale_aanduiding": aanduiding,
            "kadastrale_gemeente_code": code,
            "kadastrale_gemeente_naam": col.text(chunk, "kadastraleGemeenteWaarde"),
            "sectie": sectie,
            "perceelnummer": pc.cast(nummer, pa.int64()),
            "grootte": grootte,
            "geometrie": col.geometry_wkb(chunk),
            "plaatscoordinaat": pc.if_else(pa.array(given), col.points(xy), inner),
        }
        return values, suspect | ~ok

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        code = str(raw.get("AKRKadastraleGemeenteCode") or "")
        sectie = str(raw.get("sectie") or "")
        nummer = raw.get("perceelnummer")
        aanduiding = f"{code} {sectie} {nummer}"
        if not identifiers.is_kadastrale_aanduiding(aanduiding):
            problems.append(("perceelnummer", f"{aanduiding!r} is geen geldige kadastrale aanduiding"))
        geom = geometry(raw.get("geometry"), ("Polygon",), problems, raw.get("__checked__"))
        grootte = raw.get("kadastraleGrootteWaarde")
        if grootte is not None and (not isinstance(grootte, int | float) or grootte < 0):
            problems.append(("kadastraleGrootteWaarde", f"{grootte!r} is geen oppervlakte"))
        if problems:
            raise RowError(problems)
        x, y = raw.get("perceelnummerPlaatscoordinaatX"), raw.get("perceelnummerPlaatscoordinaatY")
        ident = str(raw["identificatie"]).rsplit(".", 1)[-1]
        return {
            "identificatie": ident,
            "soort": KadastraalObject.Soort.PERCEEL,
            "kadastrale_aanduiding": aanduiding,
            "kadastrale_gemeente_code": code,
            "kadastrale_gemeente_naam": str(raw.get("kadastraleGemeenteWaarde") or ""),
            "sectie": sectie,
            "perceelnummer": int(nummer),
            "grootte": None if grootte is None else int(grootte),
            "geometrie": geom,
            "plaatscoordinaat": point_wkb(x, y) if x is not None and y is not None else _inner_point(geom),
        }

    def extra_keys(self, cleaned):
        return [("identificatie", cleaned["identificatie"])]


@register("brk-perceel-gml")
class PerceelGmlImporter(PerceelImporter):
    """The kadastrale kaart as Kadaster GML (Perceel features); same checks and storage as the GeoPackage."""

    label = "BRK kadastrale kaart, percelen (GML)"
    columnar = False  # rows come from the GML reader, not GeoPackage chunks

    def matches(self, path: Path) -> bool:
        return is_perceel_gml(path)

    def rows(self, path: Path):
        return perceel_gml_rows(path)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        nummer, grootte = raw.get("perceelnummer"), raw.get("kadastraleGrootteWaarde")
        problems: list[tuple[str, str]] = []
        if nummer is not None:
            if str(nummer).isdigit():
                raw["perceelnummer"] = int(nummer)
            else:
                problems.append(("perceelnummer", f"{nummer!r} is geen perceelnummer"))
        if grootte is not None:
            try:
                raw["kadastraleGrootteWaarde"] = float(grootte)
            except ValueError:
                problems.append(("kadastraleGrootteWaarde", f"{grootte!r} is geen oppervlakte"))
        if raw.get("identificatie") is None:
            problems.append(("identificatie", "identificatie ontbreekt"))
        if problems:
            raise RowError(problems)
        return super().clean(raw)


@register("brk-haal-centraal")
class HaalCentraalBrkImporter(BaseImporter):
    """kadastraalOnroerendeZaken with zakelijkGerechtigden, one JSON document per line."""

    label = "BRK Haal Centraal Bevragen (NDJSON)"
    also_stores = (Persoon, ZakelijkRecht)
    model = KadastraalObject
    key_field = "kadastrale_aanduiding"
    access_level = AccessLevel.OPENBAAR

    def matches(self, path: Path) -> bool:
        return "kadastraleAanduiding" in first_keys(path)

    def rows(self, path: Path):
        return ndjson_rows(path)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        aanduiding = identifiers.normalise_kadastrale_aanduiding(str(raw.get("kadastraleAanduiding") or ""))
        match = identifiers.KADASTRALE_AANDUIDING_RE.match(aanduiding)
        if not match:
            problems.append(
                ("kadastraleAanduiding", f"{raw.get('kadastraleAanduiding')!r} is geen kadastrale aanduiding")
            )
        rights = []
        for n, recht in enumerate(raw.get("zakelijkGerechtigden") or []):
            persoon = recht.get("persoon") or {}
            aandeel = recht.get("aandeel") or {}
            value = {
                "soort": str(recht.get("type") or ""),
                "aandeel_teller": int(aandeel.get("teller") or 1),
                "aandeel_noemer": int(aandeel.get("noemer") or 1),
            }
            if persoon.get("type") == "natuurlijk_persoon":
                naam = persoon.get("naam") or {}
                value["persoon"] = person_values(
                    str(persoon.get("identificatie") or ""),
                    naam.get("voornamen", ""),
                    naam.get("voorvoegsel", ""),
                    naam.get("geslachtsnaam", ""),
                    (persoon.get("geboorte") or {}).get("datum"),
                    problems,
                    fictief=bool(persoon.get("fictief")),
                    prefix=f"zakelijkGerechtigden[{n}].persoon.",
                )
            else:
                kvk, rsin = str(persoon.get("kvkNummer") or ""), str(persoon.get("rsin") or "")
                if kvk and not identifiers.is_kvk_nummer(kvk):
                    problems.append(
                        (f"zakelijkGerechtigden[{n}].persoon.kvkNummer", f"{kvk!r} is geen KvK-nummer")
                    )
                if rsin and not identifiers.is_rsin(rsin):
                    problems.append(
                        (f"zakelijkGerechtigden[{n}].persoon.rsin", f"{rsin!r} haalt de elfproef niet")
                    )
                value.update(
                    rechtspersoon_naam=str(persoon.get("statutaireNaam") or ""),
                    rechtsvorm=str(persoon.get("rechtsvorm") or ""),
                    kvk_nummer=kvk,
                    rsin=rsin,
                )
            rights.append(value)
        if problems:
            raise RowError(problems)
        code, sectie, nummer, appartement = match.groups()
        coords = (raw.get("plaatscoordinaten") or {}).get("coordinates")
        values = {
            "identificatie": str(raw.get("identificatie") or aanduiding),
            "soort": str(raw.get("type") or KadastraalObject.Soort.PERCEEL),
            "kadastrale_aanduiding": aanduiding,
            "kadastrale_gemeente_code": code,
            "kadastrale_gemeente_naam": str((raw.get("kadastraleGemeente") or {}).get("waarde") or ""),
            "sectie": sectie,
            "perceelnummer": int(nummer),
            "appartementsindex": int(appartement.strip()[1:]) if appartement else None,
            "grootte": (raw.get("kadastraleGrootte") or {}).get("waarde"),
            "grondperceel_identificatie": str(raw.get("hoofdsplitsingIdentificatie") or ""),
            "plaatscoordinaat": point_wkb(*coords[:2]) if coords else None,
        }
        return {"object": values, "rechten": rights}

    def key(self, cleaned):
        return cleaned["object"]["kadastrale_aanduiding"]

    def store(self, batch, run, *, record_new):
        objects = [c["object"] for c in batch]
        new, changed, unchanged = upsert(
            KadastraalObject,
            "kadastrale_aanduiding",
            objects,
            run,
            access_level=self.access_level,
            record_new=record_new,
        )
        people = [r["persoon"] for c in batch for r in c["rechten"] if "persoon" in r]
        persons = upsert_persons(people, run, record_new=record_new)
        stored = KadastraalObject.objects.only("pk", "kadastrale_aanduiding").in_bulk(
            [o["kadastrale_aanduiding"] for o in objects], field_name="kadastrale_aanduiding"
        )
        existing: dict[int, list[str]] = {}
        rows = ZakelijkRecht.objects.filter(kadastraal_object__in=list(stored.values())).values_list(
            "kadastraal_object_id",
            "soort",
            "aandeel_teller",
            "aandeel_noemer",
            "persoon__bron_id",
            "kvk_nummer",
            "rechtspersoon_naam",
        )
        for object_id, soort, teller, noemer, bron_id, kvk, naam in rows:
            existing.setdefault(object_id, []).append(
                _describe(soort, teller, noemer, bron_id or kvk or naam)
            )
        new_rights, mutations, replaced = [], [], []
        for cleaned in batch:
            obj = stored[cleaned["object"]["kadastrale_aanduiding"]]
            rights = []
            for value in cleaned["rechten"]:
                value = dict(value)
                person = value.pop("persoon", None)
                holder = persons.get(person["bron_id"]) if person else None
                rights.append(
                    {
                        "kadastraal_object": obj,
                        "persoon": holder,
                        "access_level": AccessLevel.AFGESCHERMD,
                        **value,
                    }
                )
            before = sorted(existing.get(obj.pk, []))
            after = sorted(
                _describe(
                    r["soort"],
                    r["aandeel_teller"],
                    r["aandeel_noemer"],
                    r["persoon"].bron_id
                    if r["persoon"]
                    else r.get("kvk_nummer") or r.get("rechtspersoon_naam"),
                )
                for r in rights
            )
            if before != after:
                if before:
                    replaced.append(obj.pk)
                    mutations.append(
                        {
                            "register": "registers.zakelijkrecht",
                            "identificatie": obj.kadastrale_aanduiding,
                            "soort": Mutatie.Soort.GEWIJZIGD,
                            "import_run": run,
                            "wijzigingen": {"zakelijkGerechtigden": [before, after]},
                            "access_level": AccessLevel.AFGESCHERMD,
                        }
                    )
                new_rights.extend(rights)
        if replaced:
            ZakelijkRecht.objects.filter(kadastraal_object_id__in=replaced).delete()
        insert_rows(ZakelijkRecht, new_rights)
        insert_rows(Mutatie, mutations)
        return new, changed, unchanged


def _describe(soort: str, teller: int, noemer: int, who: str | None) -> str:
    return f"{soort} {teller}/{noemer} {who}"
