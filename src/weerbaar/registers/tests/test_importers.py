"""Importers on small real-format files, including the bad inputs municipalities really send."""

import shapely

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.registers.models import (
    AdresseerbaarObject,
    Functionaris,
    ImportRun,
    KadastraalObject,
    Mutatie,
    Onderneming,
    Pand,
    Persoon,
    PersoonAdres,
    Vestiging,
    ZakelijkRecht,
)
from weerbaar.registers.services import register_import

from .formats import (
    basisprofiel,
    koz,
    natuurlijk,
    vbo_row,
    vestigingsprofiel,
    write_gpkg,
    write_ndjson,
    write_text,
    write_vbo_gpkg,
)


def _errors(run):
    return {(e["row"], e["field"]) for e in run.fouten}


def test_bag_gpkg_imports_and_a_reimport_records_mutations(db, tmp_path, beheerder):
    """A newer extract updates in place and records what changed; unchanged rows stay untouched."""
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2)])
    run = register_import(actor=beheerder, path=path, importer="bag-verblijfsobject")
    assert run.status == ImportRun.Status.OK, run.fouten
    assert (run.nieuw, run.gewijzigd) == (2, 0)
    obj = AdresseerbaarObject.objects.get(identificatie="0193010000000001")
    assert obj.adres_sleutel == "8011RJ|11||" and obj.geometrie.srid == 28992

    newer = write_vbo_gpkg(
        tmp_path / "bag2.gpkg",
        [vbo_row(1, status="Verblijfsobject buiten gebruik", x=203100.5), vbo_row(2), vbo_row(3)],
    )
    run = register_import(actor=beheerder, path=newer, importer="bag-verblijfsobject")
    assert (run.nieuw, run.gewijzigd, run.ongewijzigd) == (1, 1, 1)
    change = Mutatie.objects.get(identificatie="0193010000000001")
    assert change.wijzigingen["status"] == ["Verblijfsobject in gebruik", "Verblijfsobject buiten gebruik"]
    assert "geometrie" in change.wijzigingen
    obj.refresh_from_db()  # updated in place: the same row, its new values
    assert obj.status == "Verblijfsobject buiten gebruik" and obj.geometrie.x == 203100.5
    assert obj.geometrie.srid == 28992 and obj.adres_sleutel == "8011RJ|11||"
    assert Mutatie.objects.filter(identificatie="0193010000000003", soort="nieuw").exists()
    assert (
        AuditEntry.objects.using(AUDIT_DB).filter(object_type="registers.import", actor="beheerder").count()
        == 2
    )


def test_wrong_crs_is_refused_for_the_whole_file(db, tmp_path, beheerder):
    rows = [vbo_row(1, x=6.1, y=52.5)]
    path = write_vbo_gpkg(tmp_path / "wgs84.gpkg", rows, crs="EPSG:4326")
    run = register_import(actor=beheerder, path=path, importer="bag-verblijfsobject")
    assert run.status == ImportRun.Status.FAILED
    assert run.fouten[0]["field"] == "crs" and "EPSG:28992" in run.fouten[0]["message"]
    assert not AdresseerbaarObject.objects.exists()


def test_invalid_identifier_duplicate_key_and_bad_postcode_are_reported_per_row_and_field(
    db, tmp_path, beheerder
):
    """Nothing of a file with errors is stored; every problem names its row and field."""
    rows = [
        vbo_row(1),
        vbo_row(2, identificatie="0193100000000002"),
        vbo_row(3, postcode="8011 R"),
        vbo_row(1, nummeraanduiding_identificatie="0193200000000099", huisnummer=99),
    ]
    path = write_vbo_gpkg(tmp_path / "bad.gpkg", rows)
    run = register_import(actor=beheerder, path=path, importer="bag-verblijfsobject")
    assert run.status == ImportRun.Status.FAILED
    assert {(2, "identificatie"), (3, "postcode"), (4, "identificatie")} <= _errors(run)
    assert any("dubbele waarde" in e["message"] for e in run.fouten)
    assert not AdresseerbaarObject.objects.exists()


def test_broken_geometry_is_reported(db, tmp_path, beheerder):
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    good = shapely.box(203000, 502000, 203010, 502010)
    path = write_gpkg(
        tmp_path / "pand.gpkg",
        "pand",
        [
            {"identificatie": "0193100000000001", "bouwjaar": 1990, "status": "Pand in gebruik"},
            {"identificatie": "0193100000000002", "bouwjaar": 1990, "status": "Pand in gebruik"},
        ],
        [good, bowtie],
        geometry_type="Polygon",
    )
    run = register_import(actor=beheerder, path=path, importer="bag-pand")
    assert run.status == ImportRun.Status.FAILED
    assert _errors(run) == {(2, "geometry")}
    assert "ongeldige geometrie" in run.fouten[0]["message"]
    assert not Pand.objects.exists()


BAG_CSV = (
    "openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;object_id;object_type;"
    "nummeraanduiding;x;y\n"
    "Ëmmaplein;3;;;8011 rj;Zwolle;0193010000000001;VBO;0193200000000001;203000,5;502000,25\n"
    "Ëmmaplein;3;;2;8011RJ;Zwolle;0193010000000002;VBO;0193200000000002;203001,5;502001,25\n"
)


def test_bag_csv_in_windows_1252_with_semicolons_and_decimal_commas(db, tmp_path, beheerder):
    """A municipal Excel export: cp1252, ';', '203000,5'; postcode spacing and case are normalised."""
    path = write_text(tmp_path / "adressen.csv", BAG_CSV, encoding="cp1252")
    run = register_import(actor=beheerder, path=path)
    assert run.importer == "bag-csv" and run.status == ImportRun.Status.OK, run.fouten
    obj = AdresseerbaarObject.objects.get(identificatie="0193010000000001")
    assert obj.openbare_ruimte_naam == "Ëmmaplein" and obj.postcode == "8011RJ"
    assert (obj.geometrie.x, obj.geometrie.y) == (203000.5, 502000.25)


def test_bag_csv_with_commas_in_utf8_and_a_bad_number(db, tmp_path, beheerder):
    text = BAG_CSV.replace(";", ",").replace("203000,5,502000,25", "203000.5,502000.25")
    text = text.replace("203001,5,502001,25", "abc,502001.25")
    path = write_text(tmp_path / "adressen.csv", text)
    run = register_import(actor=beheerder, path=path)
    assert run.status == ImportRun.Status.FAILED
    assert _errors(run) == {(3, "x")}
    assert not AdresseerbaarObject.objects.exists()


def test_bag_csv_in_wgs84_is_recognised_as_the_wrong_crs(db, tmp_path, beheerder):
    text = BAG_CSV.replace("203000,5;502000,25", "6,09;52,51")
    run = register_import(actor=beheerder, path=write_text(tmp_path / "a.csv", text, "cp1252"))
    assert run.status == ImportRun.Status.FAILED and (2, "x") in _errors(run)
    assert "coördinaatsysteem" in run.fouten[0]["message"]


def test_brk_haal_centraal_json_stores_objects_rights_and_shielded_persons(db, tmp_path, beheerder):
    documents = [
        koz(
            "ZWL00 K 1234",
            [
                natuurlijk("P1", "Jan", "van der", "Berg", teller=1, noemer=2),
                natuurlijk("P2", "Anna", "", "de Vries", teller=1, noemer=2),
            ],
        ),
        koz(
            "ZWL00 K 1235 A1",
            [natuurlijk("P1", "Jan", "van der", "Berg")],
            type="appartementsrecht",
            hoofdsplitsingIdentificatie="ZWL00K1234",
        ),
    ]
    run = register_import(actor=beheerder, path=write_ndjson(tmp_path / "koz.ndjson", documents))
    assert run.importer == "brk-haal-centraal" and run.status == ImportRun.Status.OK, run.fouten
    assert KadastraalObject.objects.get(kadastrale_aanduiding="ZWL00 K 1235 A1").appartementsindex == 1
    assert ZakelijkRecht.objects.count() == 3
    jan = Persoon.objects.get(bron_id="P1")
    assert (jan.voorvoegsel, jan.geslachtsnaam, jan.naam_sleutel, jan.access_level) == (
        "van der",
        "Berg",
        "berg",
        "afgeschermd",
    )
    anna = Persoon.objects.get(bron_id="P2")
    assert (anna.voorvoegsel, anna.geslachtsnaam) == ("de", "Vries")

    documents[0]["zakelijkGerechtigden"] = [natuurlijk("P2", "Anna", "", "de Vries")]
    run = register_import(actor=beheerder, path=write_ndjson(tmp_path / "koz2.ndjson", documents))
    assert run.status == ImportRun.Status.OK
    assert ZakelijkRecht.objects.filter(kadastraal_object__kadastrale_aanduiding="ZWL00 K 1234").count() == 1
    change = Mutatie.objects.get(register="registers.zakelijkrecht", identificatie="ZWL00 K 1234")
    assert change.access_level == "afgeschermd"


def test_brk_json_with_an_invalid_aanduiding_and_rsin(db, tmp_path, beheerder):
    bad_owner = {
        "type": "Eigendom (recht van)",
        "persoon": {"type": "niet_natuurlijk_persoon", "statutaireNaam": "X B.V.", "rsin": "123456789"},
    }
    documents = [koz("ZWL00 J 12", []), koz("ZWL00 K 12", [bad_owner])]
    run = register_import(actor=beheerder, path=write_ndjson(tmp_path / "koz.ndjson", documents))
    assert run.status == ImportRun.Status.FAILED
    assert _errors(run) == {(1, "kadastraleAanduiding"), (2, "zakelijkGerechtigden[0].persoon.rsin")}


def test_brk_perceel_gpkg(db, tmp_path, beheerder):
    rows = [
        {
            "identificatie": "NL.IMKAD.KadastraalObject.50000000010000",
            "AKRKadastraleGemeenteCode": "ZWL00",
            "kadastraleGemeenteWaarde": "Zwolle",
            "sectie": "K",
            "perceelnummer": 1234,
            "kadastraleGrootteWaarde": 100,
        }
    ]
    path = write_gpkg(
        tmp_path / "kaart.gpkg", "perceel", rows, [shapely.box(0, 0, 10, 10)], geometry_type="Polygon"
    )
    run = register_import(actor=beheerder, path=path)
    assert run.importer == "brk-perceel" and run.status == ImportRun.Status.OK, run.fouten
    perceel = KadastraalObject.objects.get()
    assert (perceel.kadastrale_aanduiding, perceel.identificatie, perceel.grootte) == (
        "ZWL00 K 1234",
        "50000000010000",
        100,
    )


def test_kvk_json_profiles_link_establishments_and_officers(db, tmp_path, beheerder):
    profiles = [
        basisprofiel(
            "12345678", "Transport Zwolle B.V.", rsin="111222333", officers=(("P9", "Piet", "", "Jansen"),)
        )
    ]
    run = register_import(actor=beheerder, path=write_ndjson(tmp_path / "basis.ndjson", profiles))
    assert run.importer == "kvk-basisprofiel" and run.status == ImportRun.Status.OK, run.fouten
    run = register_import(
        actor=beheerder,
        path=write_ndjson(
            tmp_path / "vest.ndjson", [vestigingsprofiel("000012345678", "12345678", postcode="8011 rj")]
        ),
    )
    assert run.importer == "kvk-vestigingsprofiel" and run.status == ImportRun.Status.OK, run.fouten
    vestiging = Vestiging.objects.get()
    assert vestiging.onderneming.naam == "Transport Zwolle B.V." and vestiging.adres_sleutel == "8011RJ|11||"
    assert Functionaris.objects.get().persoon.access_level == "afgeschermd"
    assert Onderneming.objects.get().access_level == "intern"


def test_kvk_json_with_a_bad_rsin_and_a_short_kvk_nummer(db, tmp_path, beheerder):
    profiles = [basisprofiel("1234567", "A"), basisprofiel("12345678", "B", rsin="111222334")]
    run = register_import(actor=beheerder, path=write_ndjson(tmp_path / "basis.ndjson", profiles))
    assert _errors(run) == {(1, "kvkNummer"), (2, "rsin")}


def test_kvk_csv(db, tmp_path, beheerder):
    text = (
        "kvk_nummer,vestigingsnummer,naam,handelsnaam,rechtsvorm,rsin,sbi_code,postcode,huisnummer,toevoeging,"
        "hoofdvestiging,datum_aanvang\n"
        "12345678,000012345678,Bakkerij Kok,Bakkerij Kok,Eenmanszaak,,1071,8011 RJ,11,,ja,2001-02-03\n"
        "12345678,000012345679,Bakkerij Kok,Bakkerij Kok,Eenmanszaak,,1071,8011RJ,13,,nee,03-02-2001\n"
    )
    run = register_import(actor=beheerder, path=write_text(tmp_path / "vestigingen.csv", text))
    assert run.importer == "kvk-csv" and run.status == ImportRun.Status.OK, run.fouten
    assert Vestiging.objects.count() == 2 and Onderneming.objects.count() == 1


def test_persons_csv_and_xlsx(db, tmp_path, beheerder):
    from openpyxl import Workbook

    header = [
        "persoon_id",
        "voornamen",
        "voorvoegsel",
        "geslachtsnaam",
        "geboortedatum",
        "straat",
        "huisnummer",
        "huisletter",
        "toevoeging",
        "postcode",
        "woonplaats",
        "adres_soort",
        "fictief",
    ]
    rows = [
        [
            "P1",
            "Jan",
            "",
            "van der Berg",
            "1970-05-01",
            "Diezerstraat",
            11,
            "",
            "",
            "8011RJ",
            "Zwolle",
            "woonadres",
            "ja",
        ],
        [
            "P1",
            "Jan",
            "",
            "van der Berg",
            "1970-05-01",
            "Kerkstraat",
            2,
            "",
            "",
            "7411 ab",
            "Deventer",
            "briefadres",
            "ja",
        ],
    ]
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "personen.xlsx")
    run = register_import(actor=beheerder, path=tmp_path / "personen.xlsx")
    assert run.importer == "personen" and run.status == ImportRun.Status.OK, run.fouten
    person = Persoon.objects.get()
    assert (person.voorvoegsel, person.geslachtsnaam, person.fictief) == ("van der", "Berg", True)
    assert set(PersoonAdres.objects.values_list("adres_sleutel", flat=True)) == {"8011RJ|11||", "7411AB|2||"}

    text = (
        ";".join(header) + "\n" + "P2;Eva;;Müller;31-12-1999;Diezerstraat;11;;;8011RJ;Zwolle;woonadres;ja\n"
    )
    run = register_import(actor=beheerder, path=write_text(tmp_path / "personen.csv", text, "cp1252"))
    assert run.status == ImportRun.Status.OK, run.fouten
    assert Persoon.objects.get(bron_id="P2").geslachtsnaam == "Müller"


def test_only_administrators_import(db, tmp_path, analist):
    import pytest
    from django.core.exceptions import PermissionDenied

    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    with pytest.raises(PermissionDenied):
        register_import(actor=analist, path=path)


def test_first_load_rebuilds_the_spatial_index(db, tmp_path, beheerder):
    """A first load drops the table's indexes and builds them again: afterwards every index is
    back as it was, and SpatiaLite's R*Tree holds every row."""
    from django.db import connection

    def indexes():
        with connection.cursor() as cursor:
            if connection.features.spatial_index_is_gist:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes "
                    "WHERE tablename = 'registers_adresseerbaarobject' ORDER BY indexname"
                )
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = 'registers_adresseerbaarobject' ORDER BY name"
                )
            return cursor.fetchall()

    before = indexes()
    assert before
    path = write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1), vbo_row(2), vbo_row(3)])
    assert register_import(actor=beheerder, path=path, importer="bag-verblijfsobject").status == "ok"
    assert indexes() == before
    if not connection.features.spatial_index_is_rtree:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM idx_registers_adresseerbaarobject_geometrie")
        assert cursor.fetchone()[0] == 3
        cursor.execute(
            "SELECT spatial_index_enabled FROM geometry_columns "
            "WHERE f_table_name = 'registers_adresseerbaarobject' AND f_geometry_column = 'geometrie'"
        )
        assert cursor.fetchone()[0] == 1
    more = write_vbo_gpkg(tmp_path / "bag2.gpkg", [vbo_row(4)])
    register_import(actor=beheerder, path=more, importer="bag-verblijfsobject")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM idx_registers_adresseerbaarobject_geometrie")
        assert cursor.fetchone()[0] == 4


def test_bad_input_for_every_other_importer_names_row_and_field(db, tmp_path, beheerder):
    """Each importer refuses its own kind of bad input, whole file, with row and field."""
    perceel = {
        "identificatie": "NL.IMKAD.KadastraalObject.1",
        "AKRKadastraleGemeenteCode": "ZWL00",
        "sectie": "J",
        "perceelnummer": 12,
        "kadastraleGrootteWaarde": 100,
    }
    cases = [
        (
            "brk-perceel",
            write_gpkg(
                tmp_path / "k.gpkg", "perceel", [perceel], [shapely.box(0, 0, 9, 9)], geometry_type="Polygon"
            ),
            {(1, "perceelnummer")},
        ),
        (
            "brk-perceel",
            write_gpkg(
                tmp_path / "k84.gpkg",
                "perceel",
                [perceel],
                [shapely.box(6, 52, 6.1, 52.1)],
                geometry_type="Polygon",
                crs="EPSG:4326",
            ),
            {(0, "crs")},
        ),
        (
            "bag-ligplaats",
            write_gpkg(
                tmp_path / "l.gpkg",
                "ligplaats",
                [{**vbo_row(1, identificatie="0193020000000001"), "status": "x"}],
                [shapely.Point(203000, 502000)],
                geometry_type="Point",
                fields=[f for f in vbo_row(1) if f not in ("x", "y")],
            ),
            {(1, "geometry")},
        ),
        (
            "bag-woonplaats",
            write_gpkg(
                tmp_path / "w.gpkg",
                "woonplaats",
                [{"identificatie": "12345", "woonplaats": "Zwolle", "status": "x"}],
                [shapely.box(0, 0, 9, 9)],
                geometry_type="Polygon",
            ),
            {(1, "identificatie")},
        ),
        (
            "kvk-vestigingsprofiel",
            write_ndjson(
                tmp_path / "v.ndjson",
                [
                    vestigingsprofiel("00001234567", "12345678"),
                    vestigingsprofiel("000012345678", "12345678", "0123AB"),
                ],
            ),
            {(1, "vestigingsnummer"), (2, "postcode")},
        ),
        (
            "kvk-csv",
            write_text(
                tmp_path / "kvk.csv",
                "kvk_nummer;vestigingsnummer;naam;postcode;huisnummer\n"
                "1234567;000012345678;Café Één;8011RJ;11\n"
                "12345678;000012345679;Café Één;8011RJ;elf\n",
                "cp1252",
            ),
            {(2, "kvkNummer"), (3, "huisnummer")},
        ),
        (
            "personen",
            write_text(
                tmp_path / "p.csv",
                "persoon_id;geslachtsnaam;geboortedatum;postcode;huisnummer\n"
                "P1;Jansen;31-02-1970;8011RJ;1\nP2;;1970-01-01;8011RJ;2\n",
            ),
            {(2, "geboortedatum"), (3, "geslachtsnaam")},
        ),
        ("personen", write_text(tmp_path / "q.csv", "persoon_id,naam\nP1,Jansen\n"), {(0, "")}),
    ]
    for importer, path, expected in cases:
        run = register_import(actor=beheerder, path=path, importer=importer)
        assert run.status == ImportRun.Status.FAILED, (importer, path.name)
        assert _errors(run) == expected, (importer, path.name, run.fouten)
    assert not KadastraalObject.objects.exists() and not Vestiging.objects.exists()
    assert not Persoon.objects.exists() and not AdresseerbaarObject.objects.exists()


def test_a_run_that_breaks_off_is_recorded_failed_and_audited(db, tmp_path, beheerder, monkeypatch):
    """An exception while storing (a full disk, a lost connection) leaves nothing stored, and the
    run says failed everywhere: its status, its end time, its report and the audit log; the
    caller (the command, the job) still hears the exception."""
    import pytest

    from weerbaar.registers.importers.base import importers

    def boom(self, batch, run, *, record_new):
        raise OSError("schijf vol")

    # a re-import takes the row path, which stores through the plugin's `store`
    register_import(actor=beheerder, path=write_vbo_gpkg(tmp_path / "a.gpkg", [vbo_row(1)]))
    monkeypatch.setattr(importers["bag-verblijfsobject"], "store", boom)
    with pytest.raises(OSError, match="schijf vol"):
        register_import(actor=beheerder, path=write_vbo_gpkg(tmp_path / "b.gpkg", [vbo_row(1), vbo_row(2)]))
    run = ImportRun.objects.order_by("-id").first()
    assert run.status == ImportRun.Status.FAILED and run.beeindigd is not None
    assert run.sha256 and "import afgebroken: OSError: schijf vol" in run.fouten[-1]["message"]
    assert (run.nieuw, run.gewijzigd) == (0, 0)
    assert AdresseerbaarObject.objects.count() == 1
    entry = AuditEntry.objects.using(AUDIT_DB).filter(object_type="registers.import").order_by("-id").first()
    assert entry.object_id == str(run.pk) and entry.result == "error"
