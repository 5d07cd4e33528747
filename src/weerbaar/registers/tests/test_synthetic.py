"""The synthetic Overijssel at a tiny scale: real formats, valid identifiers, fictitious, deterministic."""

import csv
import hashlib
import json

import numpy as np
import pyogrio
import pyogrio.raw
import pytest
import shapely

from weerbaar.registers import identifiers as ids
from weerbaar.registers.synthetic import generate
from weerbaar.registers.synthetic.reference import load_region

SCALE = 0.002


@pytest.fixture(scope="module")
def region():
    return load_region()


@pytest.fixture(scope="module")
def out(tmp_path_factory, region):
    directory = tmp_path_factory.mktemp("synthetisch")
    generate(SCALE, 7, directory, region=region)
    return directory


def _layer(path, layer):
    meta, _fids, geoms, field_data = pyogrio.raw.read(path, layer=layer)
    rows = [dict(zip(meta["fields"], values)) for values in zip(*field_data)]
    return meta, rows, shapely.from_wkb(geoms)


def test_all_files_are_written_in_rd_new(out):
    """The BAG, BRK and area GeoPackages have PDOK's layers, all in EPSG:28992."""
    layers = {str(n) for n, _t in pyogrio.list_layers(out / "bag" / "bag-light.gpkg")}
    assert {"verblijfsobject", "pand", "ligplaats", "standplaats", "woonplaats"} <= layers
    assert pyogrio.read_info(out / "brk" / "kadastralekaart.gpkg", layer="perceel")["crs"] == "EPSG:28992"
    areas = {str(n) for n, _t in pyogrio.list_layers(out / "gebieden" / "gebieden.gpkg")}
    assert {"vakantiepark", "bedrijventerrein", "haven", "agrarisch_erf"} <= areas
    for name in ("verblijfsobject", "pand"):
        assert pyogrio.read_info(out / "bag" / "bag-light.gpkg", layer=name)["crs"] == "EPSG:28992"


def test_bag_identifiers_postcodes_and_address_keys_are_valid_and_unique(out):
    _meta, rows, _geoms = _layer(out / "bag" / "bag-light.gpkg", "verblijfsobject")
    assert len(rows) > 500
    assert all(ids.is_bag_id(r["identificatie"], "01") for r in rows)
    assert all(ids.is_bag_id(r["nummeraanduiding_identificatie"], "20") for r in rows)
    assert all(ids.is_bag_id(r["pand_identificatie"], "10") for r in rows)
    assert all(ids.is_postcode(r["postcode"]) for r in rows)
    keys = [ids.address_key(r["postcode"], r["huisnummer"], r["huisletter"], r["toevoeging"]) for r in rows]
    assert len(set(keys)) == len(keys)
    assert len({r["identificatie"] for r in rows}) == len(rows)


def test_addresses_lie_in_their_pc4_area(out, region):
    """Every verblijfsobject point lies inside the real PC4 polygon of its postcode."""
    _meta, rows, points = _layer(out / "bag" / "bag-light.gpkg", "verblijfsobject")
    polygons = {p.postcode: p.geometry for p in region.pc4s}
    inside = [polygons[r["postcode"][:4]].buffer(0.01).contains(pt) for r, pt in zip(rows, points)]
    assert all(inside)


def test_parcels_have_valid_aanduidingen_and_owners(out):
    _meta, rows, polygons = _layer(out / "brk" / "kadastralekaart.gpkg", "perceel")
    aanduidingen = [f"{r['AKRKadastraleGemeenteCode']} {r['sectie']} {r['perceelnummer']}" for r in rows]
    assert all(ids.is_kadastrale_aanduiding(a) for a in aanduidingen)
    assert len(set(aanduidingen)) == len(aanduidingen)
    assert all(p.is_valid and p.area > 0 for p in polygons)
    with open(out / "brk" / "kadastraalonroerendezaken.ndjson", encoding="utf-8") as fh:
        documents = [json.loads(line) for line in fh]
    assert all(ids.is_kadastrale_aanduiding(d["kadastraleAanduiding"]) for d in documents)
    owners = [z for d in documents for z in d["zakelijkGerechtigden"]]
    assert owners and all(z["persoon"]["fictief"] is True for z in owners)
    assert any(z["persoon"]["type"] == "natuurlijk_persoon" for z in owners)
    assert all(ids.is_rsin(z["persoon"]["rsin"]) for z in owners if z["persoon"].get("rsin"))


def test_kvk_numbers_are_valid_and_everything_is_marked_fictitious(out):
    with open(out / "kvk" / "basisprofielen.ndjson", encoding="utf-8") as fh:
        profiles = [json.loads(line) for line in fh]
    assert profiles and all(p["fictief"] is True for p in profiles)
    assert all(ids.is_kvk_nummer(p["kvkNummer"]) for p in profiles)
    assert len({p["kvkNummer"] for p in profiles}) == len(profiles)
    rsins = [p["_embedded"]["eigenaar"]["rsin"] for p in profiles if "rsin" in p["_embedded"]["eigenaar"]]
    assert rsins and all(ids.is_rsin(r) for r in rsins)
    with open(out / "kvk" / "vestigingsprofielen.ndjson", encoding="utf-8") as fh:
        assert all(ids.is_vestigingsnummer(json.loads(line)["vestigingsnummer"]) for line in fh)
    with open(out / "personen" / "personen.csv", encoding="utf-8") as fh:
        people = list(csv.DictReader(fh, delimiter=";"))
    assert people and all(p["fictief"] == "ja" for p in people)
    assert "bsn" not in {k.lower() for k in people[0]}
    metadata = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["fictief"] is True
    info = pyogrio.read_info(out / "bag" / "bag-light.gpkg", layer="verblijfsobject")
    assert info["layer_metadata"]["FICTIEF"] == "ja"


def test_bag_csv_is_a_windows_export_with_decimal_commas(out):
    raw = (out / "bag" / "bag-adressen.csv").read_bytes()
    header, first = raw.decode("cp1252").splitlines()[:2]
    assert header.startswith("openbareruimte;huisnummer;")
    x = first.split(";")[header.split(";").index("x")]
    assert "," in x and "." not in x


def test_businesses_stand_on_business_parks_and_chalets_on_holiday_parks(out):
    _m, _parks, park_geoms = _layer(out / "gebieden" / "gebieden.gpkg", "bedrijventerrein")
    _m, _holiday, holiday_geoms = _layer(out / "gebieden" / "gebieden.gpkg", "vakantiepark")
    _m, rows, points = _layer(out / "bag" / "bag-light.gpkg", "verblijfsobject")
    business = shapely.union_all(park_geoms)
    chalets = shapely.union_all(holiday_geoms)
    for row, point in zip(rows, points):
        if row["gebruiksdoel"] == "industriefunctie":
            assert business.contains(point)
        if row["gebruiksdoel"] == "logiesfunctie":
            assert chalets.contains(point)


def test_generation_is_deterministic_for_a_seed(tmp_path, region):
    """Same seed, same files (text outputs byte for byte, GeoPackage content row for row)."""
    for run in ("a", "b"):
        generate(0.0005, 3, tmp_path / run, region=region)
    for rel in (
        "bag/bag-adressen.csv",
        "brk/kadastraalonroerendezaken.ndjson",
        "kvk/basisprofielen.ndjson",
        "personen/personen.csv",
    ):
        digests = {hashlib.sha256((tmp_path / run / rel).read_bytes()).hexdigest() for run in ("a", "b")}
        assert len(digests) == 1, rel
    a = _layer(tmp_path / "a" / "brk" / "kadastralekaart.gpkg", "perceel")
    b = _layer(tmp_path / "b" / "brk" / "kadastralekaart.gpkg", "perceel")
    assert a[1] == b[1]
    assert np.all(shapely.equals_exact(a[2], b[2], 0))
    generate(0.0005, 4, tmp_path / "c", region=region)
    assert (tmp_path / "c" / "personen" / "personen.csv").read_bytes() != (
        tmp_path / "a" / "personen" / "personen.csv"
    ).read_bytes()


def test_the_address_export_marks_nevenadressen_and_they_import(db, out):
    from weerbaar.registers.models import AdresseerbaarObject, ImportRun, Nevenadres
    from weerbaar.registers.services import register_import

    path = out / "bag" / "bag-adressen.csv"
    lines = path.read_bytes().decode("cp1252").splitlines()
    assert lines[0].endswith(";hoofdadres")
    marked = sum(line.endswith(";N") for line in lines)
    run = register_import(actor=None, path=path, importer="bag-nevenadres")
    assert run.status == ImportRun.Status.OK, run.fouten[:5]
    assert 0 < run.rijen == marked == Nevenadres.objects.count()
    hoofd = register_import(actor=None, path=path, importer="bag-csv")
    assert hoofd.status == ImportRun.Status.OK, hoofd.fouten[:5]
    objects = {o.identificatie: o for o in AdresseerbaarObject.objects.all()}
    for neven in Nevenadres.objects.all():  # each on another street than its object's hoofdadres
        obj = objects[neven.adresseerbaar_object_identificatie]
        assert neven.openbare_ruimte_naam != obj.openbare_ruimte_naam
        assert neven.adres_sleutel not in {o.adres_sleutel for o in objects.values()}
