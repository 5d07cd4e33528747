"""Loading a region: the real Overijssel files load; bad files are refused and change nothing."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from weerbaar.organisations.models import Area, AreaKind, Organisation, OrganisationKind
from weerbaar.organisations.region_loader import RegionLoadError, load_region

REGION = settings.DATA_DIR / "regions" / "overijssel" / "region.yaml"
REFERENCE = settings.DATA_DIR / "reference" / "cbs-gebiedsindelingen-2026"


def _bad_region(tmp_path: Path, gemeenten: dict | str) -> Path:
    """A copy of the shipped region whose municipality file is replaced."""
    for name in ("region.yaml", "provincie_rd.geojson", "organisaties.yaml", "grondslagen.yaml"):
        (tmp_path / name).write_bytes((REGION.parent / name).read_bytes())
    text = gemeenten if isinstance(gemeenten, str) else json.dumps(gemeenten)
    (tmp_path / "gemeenten_rd.geojson").write_text(text)
    return tmp_path / "region.yaml"


def _gemeenten() -> dict:
    return json.loads((REGION.parent / "gemeenten_rd.geojson").read_text())


def test_loads_the_25_overijssel_municipalities_with_cbs_codes(region):
    """The default region is Overijssel: 25 municipalities, the province and the partners."""
    assert Area.objects.filter(kind=AreaKind.GEMEENTE).count() == 25
    zwolle = Area.objects.get(code="GM0193")
    assert zwolle.name == "Zwolle"
    assert zwolle.organisation.kind == OrganisationKind.GEMEENTE
    assert Area.objects.get(kind=AreaKind.PROVINCIE).code == "PV23"
    assert Organisation.objects.filter(kind=OrganisationKind.DUITSE_PARTNER).count() >= 2
    for code in ("RIEC-ON", "POLITIE-ON", "OM-ON", "BD", "DE-BORKEN", "DE-BENTHEIM"):
        assert Organisation.objects.filter(code=code).exists(), code
    assert region.credit.startswith("Bron: CBS, Kadaster/PDOK")
    # boundaries are real RD New polygons: Zwolle's area is about 119 km²
    assert 100e6 < zwolle.geometry.area < 140e6


def test_second_load_updates_in_place(region):
    """Loading twice does not duplicate anything."""
    before = (Area.objects.count(), Organisation.objects.count())
    load_region(REGION)
    assert (Area.objects.count(), Organisation.objects.count()) == before


@pytest.mark.django_db
def test_wgs84_file_is_refused_naming_the_file(tmp_path):
    """A boundary file in WGS84 where RD New is expected is refused and names the file."""
    wgs84 = (REFERENCE / "gemeenten_overijssel_2026_wgs84.geojson").read_text()
    with pytest.raises(RegionLoadError, match=r"gemeenten_rd\.geojson: CRS is EPSG:4326"):
        load_region(_bad_region(tmp_path, wgs84))


@pytest.mark.django_db
def test_coordinates_outside_rd_grid_are_refused_naming_the_feature(tmp_path):
    """A file that claims RD New but holds degrees is caught by its coordinates, per feature."""
    data = _gemeenten()
    feature = data["features"][3]
    feature["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[6.1, 52.5], [6.2, 52.5], [6.2, 52.6], [6.1, 52.5]]],
    }
    with pytest.raises(RegionLoadError, match=r"feature 4 \(GM0150\).*outside the RD New grid"):
        load_region(_bad_region(tmp_path, data))


@pytest.mark.django_db
def test_self_intersecting_polygon_is_refused_naming_the_feature(tmp_path):
    data = _gemeenten()
    data["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [[200000, 480000], [210000, 490000], [210000, 480000], [200000, 490000], [200000, 480000]]
        ],
    }
    with pytest.raises(RegionLoadError, match=r"feature 1 \(GM0141\): invalid geometry"):
        load_region(_bad_region(tmp_path, data))


@pytest.mark.django_db
def test_missing_code_field_is_refused(tmp_path):
    data = _gemeenten()
    del data["features"][7]["properties"]["statcode"]
    with pytest.raises(RegionLoadError, match=r"feature 8: field 'statcode' is (missing|empty)"):
        load_region(_bad_region(tmp_path, data))


@pytest.mark.django_db
def test_malformed_json_is_refused(tmp_path):
    with pytest.raises(RegionLoadError, match=r"gemeenten_rd\.geojson: not a readable geodata file"):
        load_region(_bad_region(tmp_path, '{"type": "FeatureCollection", "features": [ {'))


def test_failed_load_changes_nothing(region, tmp_path):
    """A bad file on reload leaves every stored area and organisation as it was."""
    data = _gemeenten()
    data["features"][0]["properties"]["statnaam"] = "Almelo-Gewijzigd"
    data["features"][-1]["geometry"]["coordinates"] = [[[1, 1], [2, 2], [1, 1]]]
    before = list(Area.objects.order_by("code").values_list("code", "name"))
    with pytest.raises(CommandError, match="nothing changed"):
        call_command("load_region", str(_bad_region(tmp_path, data)))
    assert list(Area.objects.order_by("code").values_list("code", "name")) == before
    assert Area.objects.get(code="GM0141").name == "Almelo"


@pytest.mark.django_db
def test_an_unknown_section_is_refused_naming_it(tmp_path):
    """A manifest section no app loads (a typo, a missing app) is an error, not silently skipped."""
    path = _bad_region(tmp_path, _gemeenten())
    path.write_text(path.read_text() + "grondslagen: grondslagen.yaml\n")
    with pytest.raises(RegionLoadError, match=r"unknown section 'grondslagen' \(known: \['grants'\]\)"):
        load_region(path)
