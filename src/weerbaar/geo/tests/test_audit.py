"""What the viewer and the OGC API write to the audit log: shielded reads through the one layer
(one transaction per page), parcel owners through the registers' selector with the purpose,
refusals for contexts without clearance or purpose, and nothing at all for public tiles."""

import pytest
from django.contrib.gis.geos import Polygon
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.context import Origin
from weerbaar.core.testing import as_verified, login_verified, make_user
from weerbaar.geo.models import Layer
from weerbaar.geo.selectors import PurposeRequired, aerial_tile_read, feature_page, select_area
from weerbaar.privacy.testing import ctx_of

from .conftest import X, Y, declare
from .test_ogc import RD, Z14

#: a 10 × 10 grid of 20 m parcels, 1 km east of the spot in Zwolle
GRID_X, GRID_Y = X + 1000, Y
GRID_BBOX = f"{GRID_X - 1},{GRID_Y - 1},{GRID_X + 301},{GRID_Y + 301}"


@pytest.fixture
def hundred_parcels(registers_data):
    """100 public parcels, each with one (fictitious) owner whose right is shielded."""
    from weerbaar.registers.models import KadastraalObject, Persoon, ZakelijkRecht

    parcels, people = [], []
    for i in range(100):
        x, y = GRID_X + 30 * (i % 10), GRID_Y + 30 * (i // 10)
        geometrie = Polygon.from_bbox((x, y, x + 20, y + 20))
        geometrie.srid = 28992
        parcels.append(
            KadastraalObject(
                identificatie=f"NL.IMKAD.KadastraalObject.{19300200000000 + i}",
                soort="perceel",
                kadastrale_aanduiding=f"ZWL00 L {i + 1}",
                kadastrale_gemeente_code="ZWL00",
                kadastrale_gemeente_naam="Zwolle",
                sectie="L",
                perceelnummer=i + 1,
                grootte=400,
                geometrie=geometrie,
                access_level=AccessLevel.OPENBAAR,
            )
        )
        people.append(
            Persoon(
                bron_id=f"E-{i + 1}",
                geslachtsnaam=f"Eigenaar{i + 1}",
                naam_sleutel=f"eigenaar{i + 1}",
                access_level=AccessLevel.AFGESCHERMD,
                fictief=True,
            )
        )
    parcels = KadastraalObject.objects.bulk_create(parcels)
    people = Persoon.objects.bulk_create(people)
    ZakelijkRecht.objects.bulk_create(
        ZakelijkRecht(
            kadastraal_object=parcel,
            soort="eigendom",
            persoon=person,
            access_level=AccessLevel.AFGESCHERMD,
        )
        for parcel, person in zip(parcels, people, strict=True)
    )
    return {p.kadastrale_aanduiding: person.bron_id for p, person in zip(parcels, people, strict=True)}


def _entries_since(before):
    return list(AuditEntry.objects.using(AUDIT_DB).order_by("id")[before:])


def _audit_count():
    return AuditEntry.objects.using(AUDIT_DB).count()


def _chain_locks(queries):
    """Reads of the chain head: one per transaction that appends entries."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "audit_chainhead" in q["sql"].lower() and q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_a_100_feature_page_with_owners_is_audited_in_one_transaction(
    analist_client, public_layers, hundred_parcels
):
    """A page of 100 parcels with their owners: one entry per owner shown (through the registers'
    selector: object, data subject, the declared purpose) and one for the page, all appended with
    one chain lock and one head update, in one trace."""
    purpose = declare(analist_client)
    before = _audit_count()
    url = f"/ogc/v1/collections/brk-percelen/items?limit=100&bbox={GRID_BBOX}&bbox-crs={RD}"
    with CaptureQueriesContext(connections[AUDIT_DB]) as queries:
        response = analist_client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    features = response.json()["features"]
    assert len(features) == 100
    shown = {f["id"]: [o["betrokkene"] for o in f["properties"]["eigenaren"]] for f in features}
    assert shown == {aanduiding: [subject] for aanduiding, subject in hundred_parcels.items()}
    assert len(_chain_locks(queries)) == 1
    heads = [q for q in queries.captured_queries if q["sql"].upper().startswith("UPDATE")]
    assert len(heads) == 1
    entries = _entries_since(before)
    owners = [e for e in entries if e.object_type == "registers.zakelijkrecht"]
    assert {(e.object_id, e.data_subject_id) for e in owners} == set(hundred_parcels.items())
    (page,) = [e for e in entries if e.object_type == "geo.brk-percelen"]
    assert page.action == "list" and page.detail["objecten"] == 100 and page.origin.startswith("ogc")
    # every feature shown is named; the object field (200 characters) holds the first ones whole
    assert page.detail["ids"] == [f["id"] for f in features]
    assert page.object_id.startswith("ZWL00 L 1,ZWL00 L 2,") and len(page.object_id) <= 200
    assert page.object_id.split(",") == page.detail["ids"][: page.object_id.count(",") + 1]
    assert len(entries) == 101
    assert {e.processing_activity for e in entries} == {purpose}
    assert len({e.trace_id for e in entries}) == 1


def test_the_same_page_without_a_purpose_shows_no_owner_and_writes_nothing(
    analist_client, public_layers, hundred_parcels
):
    """A cleared analyst who declared no purpose sees the open parcels only; nothing personal is
    read, so nothing is written."""
    before = _audit_count()
    url = f"/ogc/v1/collections/brk-percelen/items?limit=100&bbox={GRID_BBOX}&bbox-crs={RD}"
    features = analist_client.get(url).json()["features"]
    assert len(features) == 100 and not any("eigenaren" in f["properties"] for f in features)
    assert _audit_count() == before


def test_public_tiles_and_pages_write_no_audit_entry_and_ask_the_audit_database_nothing(
    client, analist_client, public_layers, registers_data
):
    """The tile path stays as fast as it was: no audited block, no query on the audit connection,
    for anonymous and logged-in requests of an open layer; the same for a public items page."""
    tile = f"/ogc/v1/collections/brk-percelen/tiles/WebMercatorQuad/14/{Z14[1]}/{Z14[0]}"
    for who in (client, analist_client):
        with CaptureQueriesContext(connections[AUDIT_DB]) as queries:
            assert who.get(tile).status_code == 200
            assert who.get("/ogc/v1/collections/gemeenten/items?limit=3").status_code == 200
        assert queries.captured_queries == []


def test_search_owners_are_audited_through_the_registers_selector_in_the_search_transaction(
    analist_client, public_layers, registers_data
):
    purpose = declare(analist_client)
    before = _audit_count()
    with CaptureQueriesContext(connections[AUDIT_DB]) as queries:
        parcel = analist_client.get("/kaart/zoeken", {"q": "zwl00-k-1234"}).json()["results"][0]
    assert parcel["eigenaren"] == ["Jan van der Berg (eigendom 1/1)"]
    assert len(_chain_locks(queries)) == 1
    owner, search = _entries_since(before)
    assert (owner.object_type, owner.object_id, owner.data_subject_id) == (
        "registers.zakelijkrecht",
        "ZWL00 K 1234",
        "P-1",
    )
    assert (search.object_type, search.action, search.object_id) == ("geo.zoeken", "search", "zwl00-k-1234")
    assert search.detail["treffers"] == ["ZWL00 K 1234"]
    assert owner.processing_activity == search.processing_activity == purpose
    assert owner.trace_id == search.trace_id


def test_a_user_without_clearance_gets_the_refusals_logged(public_layers, registers_data):
    """A partner without a verified second factor: the parcel without owners, the refusal of the
    owners logged with the reason; a shielded collection refused (403), and logged."""
    partner = Client()
    partner.force_login(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="zonder-factor"))
    before = _audit_count()
    parcel = partner.get("/kaart/zoeken", {"q": "ZWL00 K 1234"}).json()["results"][0]
    assert parcel["label"] == "ZWL00 K 1234" and "eigenaren" not in parcel
    (refusal,) = _entries_since(before)
    assert (refusal.object_type, refusal.object_id, refusal.result) == (
        "registers.zakelijkrecht",
        "ZWL00 K 1234",
        "refused",
    )
    assert "second factor not verified" in refusal.detail["reden"] and refusal.actor == "zonder-factor"
    analist = Client()
    login_verified(analist, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zonder-doel"))
    before = _audit_count()
    assert analist.get("/ogc/v1/collections/bag-adressen/items").status_code == 403
    (refusal,) = _entries_since(before)
    assert (refusal.object_type, refusal.object_id, refusal.result) == (
        "geo.layer",
        "bag-adressen",
        "refused",
    )
    assert refusal.detail["reden"] == "geen doel vastgelegd"


def test_the_shielded_viewers_own_reads_refuse_without_purpose_and_log_it(public_layers, registers_data):
    """The selectors themselves refuse (also when a caller forgot the view's check)."""
    analist = as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="direct"))
    square = Polygon.from_bbox((X - 50, Y - 50, X + 50, Y + 50))
    square.srid = 28992
    before = _audit_count()
    with pytest.raises(PurposeRequired):
        select_area(ctx=ctx_of(analist), geometry=square, label="proef")
    with pytest.raises(PurposeRequired):
        aerial_tile_read(ctx=ctx_of(analist), z=16, x=1, y=1)
    refusals = _entries_since(before)
    assert [(e.object_type, e.result) for e in refusals] == [
        ("geo.gebiedsselectie", "refused"),
        ("geo.luchtfoto", "refused"),
    ]
    # with a purpose: the export names itself an export
    ctx = ctx_of(analist, purpose="gebiedsanalyse", origin=Origin.EXPORT)
    selection = select_area(ctx=ctx, geometry=square, label="proef")
    assert [p["kadastrale_aanduiding"] for p in selection.percelen] == ["ZWL00 K 1234"]
    entry = AuditEntry.objects.using(AUDIT_DB).order_by("id").last()
    assert (entry.action, entry.processing_activity, entry.origin) == ("export", "gebiedsanalyse", "export")
    assert entry.detail["percelen"] == 1 and entry.detail["export"] == "csv"


def test_a_page_selector_logs_owners_for_the_context_it_is_given(public_layers, hundred_parcels):
    """feature_page is the one way to the owners: a context without a purpose gets none and no
    entry; with one, every owner shown is logged."""
    analist = as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="selector"))
    layer = Layer.objects.get(code="brk-percelen")
    box = (GRID_X - 1, GRID_Y - 1, GRID_X + 301, GRID_Y + 25)  # the first row of ten
    before = _audit_count()
    plain = feature_page(ctx=ctx_of(analist), layer=layer, bbox_rd=box, limit=20)
    assert len(plain.features) == 10 and not plain.shielded and _audit_count() == before
    page = feature_page(ctx=ctx_of(analist, purpose="gebiedsanalyse"), layer=layer, bbox_rd=box, limit=20)
    assert page.shielded and all(f["properties"]["eigenaren"] for f in page.features)
    subjects = {e.data_subject_id for e in _entries_since(before) if e.data_subject_id}
    assert subjects == {f"E-{i}" for i in range(1, 11)}
