"""The generator writes the kadastrale kaart as Kadaster GML too, and it goes through the real
`brk-perceel-gml` importer to the same parcels as the GeoPackage; streets carry BAG type-30 ids."""

import pyogrio.raw
import pytest
import shapely

from weerbaar.registers import identifiers
from weerbaar.registers.importers.gml import perceel_gml_rows
from weerbaar.registers.models import ImportRun, KadastraalObject, OpenbareRuimte
from weerbaar.registers.services import register_import, register_import_directory
from weerbaar.registers.synthetic import generate
from weerbaar.registers.synthetic.parcels import perceel_row
from weerbaar.registers.synthetic.reference import load_region
from weerbaar.registers.synthetic.writers import PerceelGmlWriter


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    directory = tmp_path_factory.mktemp("synthetisch-gml")
    metadata = generate(0.0005, 5, directory, region=load_region())
    return directory, metadata


def _parcels() -> dict[str, tuple]:
    return {
        o.kadastrale_aanduiding: (o.identificatie, o.grootte, o.kadastrale_gemeente_naam, o.geometrie)
        for o in KadastraalObject.objects.all()
    }


def test_generated_gml_imports_to_the_same_parcels_as_the_geopackage(db, beheerder, synth):
    directory, metadata = synth
    gml = directory / "brk" / "kadastralekaart.gml"
    assert "brk/kadastralekaart.gml" in metadata["bestanden"]
    assert metadata["counts"]["perceel_gml"] == metadata["counts"]["perceel"] > 50

    run = register_import(actor=beheerder, path=directory / "brk" / "kadastralekaart.gpkg")
    assert run.importer == "brk-perceel" and run.status == ImportRun.Status.OK, run.fouten
    from_gpkg = _parcels()
    KadastraalObject.objects.all().delete()

    run = register_import(actor=beheerder, path=gml)  # recognised by its content
    assert run.importer == "brk-perceel-gml" and run.status == ImportRun.Status.OK, run.fouten[:3]
    assert run.rijen == run.nieuw == metadata["counts"]["perceel"]
    from_gml = _parcels()
    assert from_gml.keys() == from_gpkg.keys()
    for aanduiding, (ident, grootte, naam, geom) in from_gml.items():
        assert (ident, grootte, naam) == from_gpkg[aanduiding][:3], aanduiding
        other = from_gpkg[aanduiding][3]
        assert geom.srid == other.srid == 28992
        assert geom.equals_exact(other, 0.001), aanduiding
    assert not list(gml.parent.glob("*.gfs"))  # GDAL wrote no schema file next to it


def test_gml_holes_are_written_as_interior_rings(tmp_path):
    ring = shapely.box(203000, 503000, 203100, 503100)
    polygon = shapely.Polygon(
        ring.exterior.coords, [shapely.box(203040, 503040, 203060, 503060).exterior.coords]
    )
    writer = PerceelGmlWriter(tmp_path / "kaart.gml")
    writer.add(
        perceel_row("50000000010000", "ZWL00", "Zwolle & Co", "K", 1234, 9600, 203010, 503010), polygon
    )
    writer.close()
    ((_n, row),) = list(perceel_gml_rows(tmp_path / "kaart.gml"))
    read = shapely.from_wkb(row["geometry"])
    assert read.equals_exact(polygon, 0.001) and len(read.interiors) == 1
    assert row["kadastraleGemeenteWaarde"] == "Zwolle & Co"  # escaped on the way out


def test_the_default_directory_import_skips_the_gml_when_the_geopackage_is_there(db, beheerder, synth):
    directory, _metadata = synth
    runs = register_import_directory(actor=beheerder, directory=directory)
    importers = [r.importer for r in runs]
    assert "brk-perceel" in importers and "brk-perceel-gml" not in importers
    assert all(r.status == ImportRun.Status.OK for r in runs), [(r.importer, r.fouten[:3]) for r in runs]
    # the addresses named their streets: one openbare ruimte (object type 30) per street
    streets = OpenbareRuimte.objects.all()
    assert streets.count() > 10
    assert all(identifiers.is_openbare_ruimte_id(s.identificatie) for s in streets)
    assert all(s.woonplaats_id is not None and s.aantal_adressen > 0 for s in streets)


def test_every_generated_street_has_one_type_30_identificatie(synth):
    directory, _metadata = synth
    ids: dict[str, set[tuple[str, str]]] = {}
    for layer in ("verblijfsobject", "ligplaats", "standplaats"):
        meta, _fids, _geoms, data = pyogrio.raw.read(directory / "bag" / "bag-light.gpkg", layer=layer)
        rows = [dict(zip(meta["fields"], values, strict=True)) for values in zip(*data, strict=True)]
        for r in rows:
            ids.setdefault(r["openbare_ruimte_identificatie"], set()).add(
                (r["woonplaats_naam"], r["openbare_ruimte_naam"])
            )
    assert ids and all(identifiers.is_openbare_ruimte_id(i) for i in ids)
    assert all(len(streets) == 1 for streets in ids.values())  # one id, one street
    streets = [s for found in ids.values() for s in found]
    assert len(streets) == len(set(streets))  # one street, one id
