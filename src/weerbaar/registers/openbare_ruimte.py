"""Openbare ruimten (BAG object type 30) derived from the stored addresses.

PDOK's BAG GeoPackage has no openbare-ruimte layer: every address carries the identificatie and
name of its street. After an address import the distinct (identificatie, naam, woonplaats) of
all stored addresses are read with ONE grouped query (a few thousand rows per province, not
one per address) and upserted; a street that got another name or woonplaats gets a Mutatie,
so its history can be shown.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from weerbaar.core.access import AccessLevel

from .fastinsert import insert_rows, update_rows
from .identifiers import is_openbare_ruimte_id, name_search_key
from .models import AdresseerbaarObject, ImportRun, Mutatie, OpenbareRuimte, Woonplaats

logger = logging.getLogger(__name__)

#: the importers whose rows are addresses: after each, the openbare ruimten are derived again
ADDRESS_IMPORTERS = frozenset({"bag-verblijfsobject", "bag-ligplaats", "bag-standplaats", "bag-csv"})
REGISTER = OpenbareRuimte._meta.label_lower  # 'registers.openbareruimte', as upsert names it
#: the ImportRun that carries the mutations of a derivation started on its own (not by an import)
DERIVED_IMPORTER = "bag-openbare-ruimte"


@dataclass(frozen=True)
class _Variant:
    naam: str
    woonplaats_naam: str
    adressen: int


def _grouped() -> dict[str, list[_Variant]]:
    """identificatie -> the (naam, woonplaats) pairs its addresses give, most addresses first."""
    rows = (
        AdresseerbaarObject.objects.exclude(openbare_ruimte_identificatie="")
        .order_by()
        .values_list("openbare_ruimte_identificatie", "openbare_ruimte_naam", "woonplaats_naam")
        .annotate(adressen=Count("pk"))
    )
    variants: dict[str, list[_Variant]] = {}
    for identificatie, naam, woonplaats, adressen in rows.iterator(chunk_size=10000):
        variants.setdefault(identificatie, []).append(_Variant(naam, woonplaats, adressen))
    for found in variants.values():
        found.sort(key=lambda v: (-v.adressen, v.naam, v.woonplaats_naam))
    return variants


def _woonplaats_ids() -> dict[str, int | None]:
    """Folded woonplaats name -> pk; a name two woonplaatsen share maps to None (not guessed)."""
    ids: dict[str, int | None] = {}
    for naam, pk in Woonplaats.objects.values_list("naam", "pk"):
        key = name_search_key(naam)
        ids[key] = None if key in ids else pk
    return ids


def _report(run: ImportRun | None, problems: list[dict[str, Any]]) -> None:
    """Conflicts are reported on the run (the import command prints them) and logged; not fatal."""
    for problem in problems[: ImportRun.MAX_REPORTED]:
        logger.warning("openbare ruimte %s: %s", problem["field"], problem["message"])
    if run is None or not problems:
        return
    run.report(problems, field="openbare_ruimte")
    run.save(update_fields=["fouten"])


@dataclass(frozen=True)
class Derivation:
    new: int
    renamed: int
    unchanged: int
    conflicts: int


def derive(*, actor_name: str, run: ImportRun | None = None) -> Derivation:
    """Upsert the openbare ruimten from the stored addresses (the registers' services check who
    may and log it: `registers.services.openbare_ruimten_derive`).

    `run` is the address import that triggered this; its mutations hang on it (else a run of its
    own, named after `actor_name`). Addresses without an openbare-ruimte identificatie are
    skipped. One identificatie with several names (or woonplaatsen) takes the one most of its
    addresses carry, and the conflict is reported.
    """
    # many streets share a name and most share a woonplaats: each name folded once
    folded = functools.lru_cache(maxsize=None)(name_search_key)
    with transaction.atomic():
        variants = _grouped()
        woonplaatsen = _woonplaats_ids()
        existing = {
            row["identificatie"]: row
            for row in OpenbareRuimte.objects.values(
                "pk", "identificatie", "naam", "woonplaats_naam", "woonplaats_id", "aantal_adressen"
            )
        }
        record_new = bool(existing)  # the first derivation is a load, not news about each street
        problems: list[dict[str, Any]] = []
        to_create: list[dict[str, Any]] = []
        to_update: list[OpenbareRuimte] = []
        diffs: list[tuple[str, dict[str, list[str]]]] = []
        new_ids: list[str] = []
        unchanged = 0
        now = timezone.now()
        for identificatie, found in sorted(variants.items()):
            if not is_openbare_ruimte_id(identificatie):
                problems.append(
                    {
                        "row": 0,
                        "field": "openbare_ruimte_identificatie",
                        "message": f"{identificatie!r} is geen openbare-ruimte-identificatie "
                        f"(16 cijfers, objecttype 30); {sum(v.adressen for v in found)} adressen overgeslagen",
                    }
                )
                continue
            chosen = found[0]
            if len(found) > 1:
                names = "; ".join(f"{v.naam!r} in {v.woonplaats_naam} ({v.adressen})" for v in found)
                problems.append(
                    {
                        "row": 0,
                        "field": "openbare_ruimte_naam",
                        "message": f"openbare ruimte {identificatie} heeft verschillende namen in de "
                        f"adressen: {names}; opgeslagen als {chosen.naam!r} in {chosen.woonplaats_naam}",
                    }
                )
            count = sum(v.adressen for v in found)
            woonplaats_id = woonplaatsen.get(folded(chosen.woonplaats_naam))
            old = existing.get(identificatie)
            if old is None:
                to_create.append(
                    {
                        "identificatie": identificatie,
                        "naam": chosen.naam,
                        "naam_sleutel": folded(chosen.naam)[:80],
                        "type": OpenbareRuimte.Type.WEG,
                        "woonplaats_id": woonplaats_id,
                        "woonplaats_naam": chosen.woonplaats_naam,
                        "woonplaats_sleutel": folded(chosen.woonplaats_naam)[:80],
                        "aantal_adressen": count,
                        "access_level": AccessLevel.OPENBAAR,
                    }
                )
                new_ids.append(identificatie)
                continue
            diff = {
                field: [old[field], value]
                for field, value in (("naam", chosen.naam), ("woonplaats_naam", chosen.woonplaats_naam))
                if old[field] != value
            }
            if diff:
                diffs.append((identificatie, diff))
            else:
                unchanged += 1
            if diff or old["woonplaats_id"] != woonplaats_id or old["aantal_adressen"] != count:
                to_update.append(
                    OpenbareRuimte(
                        pk=old["pk"],
                        naam=chosen.naam,
                        naam_sleutel=folded(chosen.naam)[:80],
                        woonplaats_id=woonplaats_id,
                        woonplaats_naam=chosen.woonplaats_naam,
                        woonplaats_sleutel=folded(chosen.woonplaats_naam)[:80],
                        aantal_adressen=count,
                        modified_at=now,
                    )
                )
        # a street none of the stored addresses points at any more keeps its name, not its count
        gone = [
            OpenbareRuimte(pk=row["pk"], aantal_adressen=0, modified_at=now)
            for identificatie, row in existing.items()
            if identificatie not in variants and row["aantal_adressen"]
        ]
        insert_rows(OpenbareRuimte, to_create)
        _update(to_update, UPDATED_FIELDS)
        _update(gone, ("aantal_adressen", "modified_at"))
        mutations = [(i, Mutatie.Soort.GEWIJZIGD, d) for i, d in diffs]
        if record_new:
            mutations += [(i, Mutatie.Soort.NIEUW, {}) for i in new_ids]
        if mutations:
            carrier = run if run is not None else _own_run(actor_name)
            insert_rows(
                Mutatie,
                [
                    {
                        "register": REGISTER,
                        "identificatie": identificatie,
                        "soort": soort,
                        "wijzigingen": diff,
                        "import_run": carrier,
                        "access_level": AccessLevel.OPENBAAR,
                    }
                    for identificatie, soort, diff in mutations
                ],
            )
        _report(run, problems)
    return Derivation(len(to_create), len(diffs), unchanged, len(problems))


UPDATED_FIELDS = (
    "naam",
    "naam_sleutel",
    "woonplaats",
    "woonplaats_naam",
    "woonplaats_sleutel",
    "aantal_adressen",
    "modified_at",
)


def _update(objects: list[OpenbareRuimte], fields: tuple[str, ...]) -> None:
    """The named fields of each object, written by primary key (fastinsert.update_rows)."""
    attnames = {name: OpenbareRuimte._meta.get_field(name).attname for name in fields}  # woonplaats_id
    update_rows(
        OpenbareRuimte, {o.pk: {name: getattr(o, a) for name, a in attnames.items()} for o in objects}
    )


def _own_run(actor_name: str) -> ImportRun:
    """The run a derivation started on its own records its mutations on (Mutatie needs one)."""
    return ImportRun.objects.create(
        importer=DERIVED_IMPORTER,
        bestand="afgeleid uit de opgeslagen adressen",
        actor=actor_name,
        status=ImportRun.Status.OK,
        beeindigd=timezone.now(),
    )
