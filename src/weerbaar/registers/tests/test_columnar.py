"""The columnar first load stores exactly what the row path stores, all or nothing."""

import pytest
import shapely
from django.contrib.gis.db.models.functions import AsWKB

from weerbaar.registers.importers.base import importers
from weerbaar.registers.models import AdresseerbaarObject, ImportRun, KadastraalObject, Mutatie, Pand
from weerbaar.registers.services import register_import

from .formats import VBO_FIELDS, vbo_row, write_gpkg, write_vbo_gpkg

POLYGON = shapely.Polygon([(203000, 502000), (203010, 502000), (203010, 502010), (203000, 502010)])
BOWTIE = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])


def _pand_file(path, count=5, **bad):
    rows = [
        {"identificatie": f"0193100000{n:06d}", "bouwjaar": 1900 + n, "status": "Pand in gebruik"}
        for n in range(1, count + 1)
    ]
    for n, values in bad.items():
        rows[int(n[1:]) - 1].update(values)
    geoms = [shapely.affinity.translate(POLYGON, 20 * n, 0) for n in range(count)]
    return write_gpkg(path, "pand", rows, geoms, geometry_type="Polygon")


def _perceel_file(path):
    rows = [
        {
            "identificatie": f"NL.IMKAD.KadastraalObject.5000000001{n:04d}",
            "AKRKadastraleGemeenteCode": "ZWL00",
            "kadastraleGemeenteWaarde": "Zwolle",
            "sectie": "K",
            "perceelnummer": 1000 + n,
            "kadastraleGrootteWaarde": 100 + n,
            # the first perceel has no plaatscoordinaat: a point inside the polygon is stored
            "perceelnummerPlaatscoordinaatX": float("nan") if n == 0 else 203005.0 + 20 * n,
            "perceelnummerPlaatscoordinaatY": float("nan") if n == 0 else 502005.0,
        }
        for n in range(4)
    ]
    geoms = [shapely.affinity.translate(POLYGON, 20 * n, 0) for n in range(4)]
    return write_gpkg(path, "perceel", rows, geoms, geometry_type="Polygon")


def _vbo_file(path):
    rows = [
        vbo_row(1),
        vbo_row(2, toevoeging="a 2", postcode="8011 rj"),
        vbo_row(3, huisletter="b", status="in\\ge\tbruik"),
    ]
    return write_vbo_gpkg(path, rows)


def _stored(model):
    geometry = [f.name for f in model._meta.concrete_fields if f.get_internal_type().endswith("Field")]
    rows = model.objects.annotate(
        **{f"wkb_{g}": AsWKB(g) for g in geometry if hasattr(model._meta.get_field(g), "srid")}
    ).order_by("identificatie")
    result = []
    for row in rows.values():
        row.pop("id")
        for key in list(row):
            if key.startswith("wkb_"):
                value = row.pop(key)
                row[key] = shapely.from_wkb(bytes(value)).wkt if value is not None else None
            elif hasattr(row[key], "wkt"):
                row.pop(key)
        result.append(row)
    return result


CASES = [
    ("bag-pand", Pand, _pand_file),
    ("bag-verblijfsobject", AdresseerbaarObject, _vbo_file),
    ("brk-perceel", KadastraalObject, _perceel_file),
]


@pytest.mark.parametrize(("importer", "model", "make"), CASES)
def test_columnar_and_row_path_store_the_same_rows(
    db, tmp_path, beheerder, monkeypatch, importer, model, make
):
    path = make(tmp_path / "f.gpkg")
    calls = []
    plugin_class = importers[importer]
    original = plugin_class.clean_chunk
    monkeypatch.setattr(
        plugin_class, "clean_chunk", lambda self, c: calls.append(len(c)) or original(self, c)
    )
    run = register_import(actor=beheerder, path=path, importer=importer)
    assert run.status == ImportRun.Status.OK, run.fouten
    assert calls, "a first load into an empty table takes the columnar path"
    columnar = _stored(model)

    model.objects.all().delete()
    ImportRun.objects.all().delete()
    monkeypatch.setattr(plugin_class, "columnar", False)
    run = register_import(actor=beheerder, path=path, importer=importer)
    assert run.status == ImportRun.Status.OK, run.fouten
    assert len(calls) == 1
    assert _stored(model) == columnar
    assert len(columnar) == run.nieuw > 0


def test_a_failed_first_load_leaves_the_table_empty_and_reports_every_bad_row(db, tmp_path, beheerder):
    """A bad row in a later chunk: the chunks before it were inserted and are rolled back."""
    path = _pand_file(
        tmp_path / "p.gpkg",
        count=7,
        r5={"identificatie": "0193100000000001"},  # duplicate of row 1
        r7={"identificatie": "12"},
    )
    importers["bag-pand"].chunk_size, size = 2, importers["bag-pand"].chunk_size
    try:
        run = register_import(actor=beheerder, path=path, importer="bag-pand")
    finally:
        importers["bag-pand"].chunk_size = size
    assert run.status == ImportRun.Status.FAILED
    assert {(e["row"], e["field"]) for e in run.fouten} == {(5, "identificatie"), (7, "identificatie")}
    assert "dubbele waarde" in run.fouten[0]["message"]
    assert not Pand.objects.exists()
    assert run.nieuw == 0


def test_broken_and_3d_geometry_get_the_row_path_messages(db, tmp_path, beheerder):
    rows = [{"identificatie": f"019310000000000{n}", "bouwjaar": 1990, "status": "x"} for n in (1, 2, 3)]
    path = write_gpkg(
        tmp_path / "p.gpkg",
        "pand",
        rows,
        [POLYGON, BOWTIE, shapely.force_3d(POLYGON)],
        geometry_type="Polygon",
    )
    run = register_import(actor=beheerder, path=path, importer="bag-pand")
    assert run.status == ImportRun.Status.FAILED
    messages = {e["row"]: e["message"] for e in run.fouten}
    assert messages[2].startswith("ongeldige geometrie: Self-intersection")
    assert messages[3] == "verwacht Polygon, gevonden Polygon Z"
    assert not Pand.objects.exists()


def test_a_failed_reimport_after_a_columnar_load_leaves_the_rows_and_a_good_one_records_mutations(
    db, tmp_path, beheerder
):
    first = register_import(actor=beheerder, path=_pand_file(tmp_path / "1.gpkg"), importer="bag-pand")
    assert first.status == ImportRun.Status.OK and first.nieuw == 5
    before = _stored(Pand)

    bad = _pand_file(tmp_path / "2.gpkg", r2={"bouwjaar": 2001}, r4={"identificatie": "nope"})
    run = register_import(actor=beheerder, path=bad, importer="bag-pand")
    assert run.status == ImportRun.Status.FAILED
    assert _stored(Pand) == before and not Mutatie.objects.exists()

    newer = _pand_file(tmp_path / "3.gpkg", count=6, r2={"bouwjaar": 2001})
    run = register_import(actor=beheerder, path=newer, importer="bag-pand")
    assert (run.status, run.nieuw, run.gewijzigd, run.ongewijzigd) == (ImportRun.Status.OK, 1, 1, 4)
    change = Mutatie.objects.get(soort="gewijzigd")
    assert change.identificatie == "0193100000000002" and change.wijzigingen["bouwjaar"] == [1902, 2001]
    assert Mutatie.objects.filter(soort="nieuw", identificatie="0193100000000006").exists()


@pytest.mark.needs_db_feature("spatial_index_is_rtree")
def test_a_first_load_fills_the_spatialite_rtree_at_once_and_it_answers_like_a_scan(db, tmp_path, beheerder):
    """400 panden: a tree with more than one level; SQLite's own rtreecheck and bbox queries."""
    from django.db import connection

    rows = [{"identificatie": f"0193100000{n:06d}", "bouwjaar": 1990, "status": "x"} for n in range(1, 401)]
    geoms = [
        shapely.box(
            200000 + (n % 20) * 30,
            500000 + (n // 20) * 30,
            200010 + (n % 20) * 30 + n % 7,
            500012 + (n // 20) * 30,
        )
        for n in range(400)
    ]
    path = write_gpkg(tmp_path / "p.gpkg", "pand", rows, geoms, geometry_type="Polygon")
    run = register_import(actor=beheerder, path=path, importer="bag-pand")
    assert run.status == ImportRun.Status.OK, run.fouten
    with connection.cursor() as cursor:
        cursor.execute("SELECT rtreecheck('idx_registers_pand_geometrie')")
        assert cursor.fetchone()[0] == "ok"
        cursor.execute("SELECT max(rtreedepth(data)) FROM idx_registers_pand_geometrie_node WHERE nodeno = 1")
        assert cursor.fetchone()[0] >= 1
        stored = dict(Pand.objects.values_list("pk", "identificatie"))
        for box in [(200000, 500000, 200100, 500100), (200300, 500200, 200450, 500400), (0, 0, 1, 1)]:
            cursor.execute(
                "SELECT pkid FROM idx_registers_pand_geometrie WHERE xmin <= %s AND xmax >= %s "
                "AND ymin <= %s AND ymax >= %s",
                [box[2], box[0], box[3], box[1]],
            )
            found = {stored[pk] for (pk,) in cursor.fetchall()}
            query = shapely.box(*box)
            expected = {
                rows[i]["identificatie"]
                for i, g in enumerate(geoms)
                if shapely.box(*g.bounds).intersects(query)
            }
            assert found == expected
        # the triggers are back: a later insert reaches the index
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gii_registers_pand%'"
        )
        assert cursor.fetchone()[0] == 1


def test_bad_points_and_repeated_keys_across_chunks_get_the_row_path_report(
    db, tmp_path, beheerder, monkeypatch
):
    """Points are checked from their WKB bytes and keys as hashes on the columnar path; a 3D
    point, an empty point and keys repeated in a later chunk (written differently) must still
    be reported exactly as the row path reports them."""
    rows = [
        vbo_row(1),
        vbo_row(2, postcode="8011 rj", huisnummer=11),  # the address of row 1, spaced and in lower case
        vbo_row(3, toevoeging="2-a"),
        vbo_row(4, toevoeging="2 A", huisnummer=13),  # the address of row 3
        vbo_row(5),
        vbo_row(6, identificatie="0193010000000001"),  # the identificatie of row 1
    ]
    geoms = [shapely.Point(r["x"], r["y"]) for r in rows]
    geoms[4] = shapely.Point(203000, 502000, 5)
    geoms[2] = shapely.Point()
    path = write_gpkg(tmp_path / "v.gpkg", "verblijfsobject", rows, geoms, fields=VBO_FIELDS)
    reports = []
    for columnar in (True, False):
        monkeypatch.setattr(importers["bag-verblijfsobject"], "columnar", columnar)
        monkeypatch.setattr(importers["bag-verblijfsobject"], "chunk_size", 2)
        run = register_import(actor=beheerder, path=path, importer="bag-verblijfsobject")
        assert run.status == ImportRun.Status.FAILED
        assert not AdresseerbaarObject.objects.exists()
        reports.append(run.fouten)
        ImportRun.objects.all().delete()
    assert reports[0] == reports[1]
    fields = {(e["row"], e["field"]) for e in reports[0]}
    assert {(2, "adres"), (4, "adres"), (5, "geometry"), (6, "identificatie")} <= fields


def test_a_unique_column_the_importer_does_not_check_still_fails_the_first_load_whole(
    db, tmp_path, beheerder
):
    """Ligplaatsen are checked for repeated addresses, not for repeated nummeraanduidingen; the
    database's unique constraint catches those (on PostgreSQL when it is added back after the
    COPY), and nothing is stored."""
    rows = [vbo_row(1), vbo_row(2, nummeraanduiding_identificatie="0193200000000001")]
    for n, row in enumerate(rows, start=1):
        row["identificatie"] = f"01930200000000{n:02d}"
    geoms = [shapely.affinity.translate(POLYGON, 20 * n, 0) for n in range(2)]
    path = write_gpkg(tmp_path / "l.gpkg", "ligplaats", rows, geoms, geometry_type="Polygon")
    run = register_import(actor=beheerder, path=path, importer="bag-ligplaats")
    assert run.status == ImportRun.Status.FAILED
    assert "conflict met opgeslagen gegevens" in run.fouten[0]["message"]
    assert "nummeraanduiding_identificatie" in run.fouten[0]["message"]
    assert not AdresseerbaarObject.objects.exists()
    assert run.nieuw == 0


@pytest.mark.needs_db_feature("spatial_index_is_rtree")
def test_every_spatial_index_is_registered_after_the_migrations(db):
    """A migration that remakes a SpatiaLite table can leave its R*Tree orphaned (no triggers,
    spatial_index_enabled = 0), and the viewer's tile queries then find nothing."""
    from django.apps import apps
    from django.contrib.gis.db.models import GeometryField
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT f_table_name, f_geometry_column, spatial_index_enabled FROM geometry_columns")
        registered = {(table, column): enabled for table, column, enabled in cursor.fetchall()}
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gii_%'")
        triggers = {name for (name,) in cursor.fetchall()}
    expected = [
        (model._meta.db_table.lower(), field.column.lower())
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, GeometryField) and field.spatial_index and model._meta.managed
    ]
    assert expected
    assert {key: registered.get(key) for key in expected} == dict.fromkeys(expected, 1)
    assert {f"gii_{table}_{column}" for table, column in expected} <= triggers
