"""Partner datasets: upload through a column mapping, versions, bad rows, FtM round trip,
linkage with judgements, hit / no-hit for organisations that do not hold the data."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel
from weerbaar.crossref import selectors, services
from weerbaar.crossref.models import CandidatePair, DatasetEntity, Verdict
from weerbaar.crossref.services import linkage
from weerbaar.crossref.services.questions import hit_question_ask
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers.tests.conftest import beheerder  # noqa: F401  (fixture of `registers`)
from weerbaar.registers.tests.test_selectors import registers  # noqa: F401  (fixture: register persons)

MAPPING = {
    "Naam": "person.name",
    "Geb.datum": "person.birth_date",
    "PC": "address.postcode",
    "Nr": "address.huisnummer",
    "Plaats": "address.place",
}


def _csv(path: Path, lines: list[str], encoding: str = "cp1252") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


FIRST = [
    "Naam;Geb.datum;PC;Nr;Plaats",
    "Jan van der Berg;04-03-1980;8011 AB;12 a;Zwolle",
    "Émile Dupré;1975-12-01;8011AC;3;Zwolle",
    "Piet Bakker;31-02-1990;8011 AD;7;Zwolle",  # no such date
    "Kees Smit;01-01-1960;8011 SA;9;Zwolle",  # no such postcode
]


@pytest.fixture
def dataset(holder):
    return services.dataset_create(
        ctx=ctx_of(holder),
        name="Permanente bewoning Vakantiepark De Eik",
        access_level=AccessLevel.AFGESCHERMD,
        contact="team-ondermijning@zwolle.example",
    )


def test_bad_rows_are_named_by_row_and_column_and_valid_rows_kept(holder, dataset, tmp_path):
    """A date that does not exist and a postcode PostNL never hands out are refused with their
    row (the header is row 1) and column; the other rows are stored as a partial version."""
    version = services.version_upload(
        ctx=ctx_of(holder), dataset=dataset, path=_csv(tmp_path / "a.csv", FIRST), mapping=MAPPING
    )
    problems = {(p["row"], p["field"]) for p in version.run["problems"]}
    assert problems == {(4, "Geb.datum"), (5, "PC")}
    assert version.status == "partial"
    assert version.run["refused"] == 2
    with selectors.audited(ctx_of(holder), object_type="test"):
        schemas = sorted(DatasetEntity.objects.filter(version=version).values_list("schema", flat=True))
    assert schemas == ["Address", "Address", "Person", "Person"]


def test_the_saved_mapping_is_run_again_on_the_next_delivery(holder, dataset, tmp_path):
    """The second delivery (an XLSX with the same columns) needs no mapping: the saved one is
    used, it becomes version 2, and the same person gets the same entity id."""
    first = services.version_upload(
        ctx=ctx_of(holder), dataset=dataset, path=_csv(tmp_path / "a.csv", FIRST), mapping=MAPPING
    )
    book = openpyxl.Workbook()
    sheet = book.active
    for line in [FIRST[0], FIRST[1], "Anna de Vries;12-05-1988;8012 AA;1;Zwolle"]:
        sheet.append(line.split(";"))
    book.save(tmp_path / "b.xlsx")
    dataset.refresh_from_db()
    assert dataset.mapping == MAPPING
    second = services.version_upload(ctx=ctx_of(holder), dataset=dataset, path=tmp_path / "b.xlsx")
    assert (second.number, second.status, second.mapping) == (2, "ok", MAPPING)
    with selectors.audited(ctx_of(holder), object_type="test"):
        ids = [
            set(DatasetEntity.objects.filter(version=v, schema="Person").values_list("entity_id", flat=True))
            for v in (first, second)
        ]
    assert len(ids[0] & ids[1]) == 1  # Jan van der Berg, in both deliveries


def test_ftm_export_and_import_give_the_same_entities(holder, dataset, tmp_path):
    """Exported FollowTheMoney JSON lines imported as a new version give the same entities."""
    version = services.version_upload(
        ctx=ctx_of(holder), dataset=dataset, path=_csv(tmp_path / "a.csv", FIRST), mapping=MAPPING
    )
    exported = selectors.version_export_ftm(ctx=ctx_of(holder), version=version)
    path = tmp_path / "out.ftm.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in exported) + "{niet json\n", encoding="utf-8")
    again = services.version_import_ftm(ctx=ctx_of(holder), dataset=dataset, path=path)
    assert again.run["problems"][0]["row"] == len(exported) + 1
    back = selectors.version_export_ftm(ctx=ctx_of(holder), version=again)
    key = lambda e: e["id"]  # noqa: E731
    assert sorted(back, key=key) == sorted(exported, key=key)
    assert {e["schema"] for e in back} == {"Person", "Address"}


def test_a_non_holder_cannot_read_the_dataset_by_any_path(holder, other, dataset, tmp_path):
    """Another municipality's analyst, even with shielded clearance, sees no dataset, version,
    entity, export or linkage run of it; the refused reads are audited."""
    version = services.version_upload(
        ctx=ctx_of(holder), dataset=dataset, path=_csv(tmp_path / "a.csv", FIRST), mapping=MAPPING
    )
    ctx = ctx_of(other)
    assert selectors.dataset_list(ctx=ctx) == []
    assert selectors.dataset_get(ctx=ctx, pk=dataset.pk) is None
    assert selectors.version_get(ctx=ctx, pk=version.pk) is None
    assert selectors.version_list(ctx=ctx, dataset=dataset) == []
    assert selectors.version_entities(ctx=ctx, version=version) == []
    assert selectors.version_export_ftm(ctx=ctx, version=version) == []
    with pytest.raises(Exception, match="not allowed"):
        services.version_upload(ctx=ctx, dataset=dataset, path=tmp_path / "a.csv")
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(actor="ander", result="refused", object_id=str(version.pk))
        .count()
        == 2
    )


def test_hit_no_hit_for_a_non_holder_gives_only_the_answer_and_is_audited(holder, other, dataset, tmp_path):
    """A non-holder asks by name and date of birth (written otherwise) and by address: the
    answer is hit or no hit and whom to ask; the question and answer are in the audit log."""
    services.version_upload(
        ctx=ctx_of(holder), dataset=dataset, path=_csv(tmp_path / "a.csv", FIRST), mapping=MAPPING
    )
    ctx = ctx_of(other)
    hit = hit_question_ask(
        ctx=ctx, dataset_pk=dataset.pk, kind="persoon", value="Berg, J. van der", birth_date="4 maart 1980"
    )
    assert hit is not None and hit.hit is True
    assert hit.ask == "team-ondermijning@zwolle.example"
    assert set(vars(hit)) == {"hit", "dataset", "ask", "way"}
    assert set(vars(hit.dataset)) == {"pk", "name", "holder", "contact"}
    assert (
        hit_question_ask(ctx=ctx, dataset_pk=dataset.pk, kind="adres", value="Ergens 12A, 8011AB Zwolle").hit
        is True
    )
    assert (
        hit_question_ask(ctx=ctx, dataset_pk=dataset.pk, kind="adres", value="Ergens 12B, 8011AB Zwolle").hit
        is False
    )
    entries = list(AuditEntry.objects.using(AUDIT_DB).filter(actor="ander", action="exists").order_by("id"))
    assert [e.detail["antwoord"] for e in entries] == [True, True, False]
    assert entries[0].detail["vraag"]["soort"] == "persoon"
    assert "Berg" not in json.dumps(entries[0].detail)
    assert hit_question_ask(ctx=ctx_of(None), dataset_pk=dataset.pk, kind="kvk", value="12345678") is None


def test_judgements_survive_a_rerun_and_make_clusters(holder, tmp_path, settings):
    """A linkage job stores scored, explained pairs; a "same" judgement is shown again on the
    pairs of a later run over a new delivery, and merges the entities into one cluster."""
    settings.WEERBAAR_JOBS_IMMEDIATE = True
    ctx = ctx_of(holder)
    a = services.dataset_create(ctx=ctx, name="Bewoners", access_level=AccessLevel.INTERN)
    b = services.dataset_create(ctx=ctx, name="Vergunninghouders", access_level=AccessLevel.INTERN)
    va = services.version_upload(
        ctx=ctx, dataset=a, path=_csv(tmp_path / "a.csv", FIRST[:3]), mapping=MAPPING
    )
    other_lines = [
        "Naam;Geb.datum;PC;Nr;Plaats",
        "J. v.d. Berg;4-3-1980;8011AB;12A;Zwolle",
        "Emile Dupre;01-12-1975;8011 AC;3;Zwolle",
    ]
    vb = services.version_upload(
        ctx=ctx, dataset=b, path=_csv(tmp_path / "b.csv", other_lines), mapping=MAPPING
    )
    run = linkage.linkage_start(ctx=ctx, left=va, right=vb)
    run.refresh_from_db()
    assert run.status == "done" and run.matcher == "weerbaar-fellegi-sunter"
    pairs = linkage.run_pairs(ctx=ctx, run=run)
    assert len(pairs) >= 2
    assert all(p["pair"].explanation for p in pairs)
    first = pairs[0]["pair"]
    linkage.judgement_set(ctx=ctx, pair=first, verdict=Verdict.SAME)
    vb2 = services.version_upload(ctx=ctx, dataset=b, path=_csv(tmp_path / "b2.csv", other_lines))
    rerun = linkage.linkage_start(ctx=ctx, left=va, right=vb2)
    again = {
        (p["pair"].left_id, p["pair"].right_id): p["judgement"] for p in linkage.run_pairs(ctx=ctx, run=rerun)
    }
    assert again[(first.left_id, first.right_id)].verdict == Verdict.SAME
    found = linkage.clusters(ctx=ctx, entity_ids={first.left_id})
    assert found[first.left_id] == found[first.right_id] == min(first.left_id, first.right_id)
    with selectors.audited(ctx, object_type="test"):
        assert CandidatePair.objects.filter(run=rerun).count() == len(pairs)


def _tenants(ctx, tmp_path: Path, rows: list[str]):
    """A municipality's list of tenants (a new dataset) delivered once: its version."""
    dataset = services.dataset_create(ctx=ctx, name="Huurders", access_level=AccessLevel.INTERN)
    lines = ["Naam;Geb.datum;PC;Nr;Plaats", *rows]
    return services.version_upload(
        ctx=ctx, dataset=dataset, path=_csv(tmp_path / "huurders.csv", lines), mapping=MAPPING
    )


@pytest.mark.usefixtures("registers")
def test_a_dataset_is_linked_against_the_registers_only_with_clearance_and_each_person_logged(
    holder, tmp_path, settings
):
    """Against the registers: persons written otherwise are paired with the register persons
    (read through the registers' selector), each register person in a pair is logged under their
    own id; without a second factor the run is refused, and its pairs stay hidden from such a context."""
    settings.WEERBAAR_JOBS_IMMEDIATE = True
    ctx = ctx_of(holder, purpose="gebiedsanalyse")
    version = _tenants(
        ctx,
        tmp_path,
        [
            "Berg, J.W. van der;04-03-1965;;;Zwolle",  # P1 as the KvK import left him
            "Eva Muller;1990-01-01;;;Zwolle",
            "Kees Smit;01-01-1960;;;Zwolle",
        ],
    )
    run = linkage.linkage_start(ctx=ctx, left=version, right=None)
    run.refresh_from_db()
    assert run.status == "done" and run.against == "registers", run.status
    pairs = {p["pair"].right_id: p for p in linkage.run_pairs(ctx=ctx, run=run)}
    matched = {right for right, p in pairs.items() if p["matched"]}
    assert matched == {"register:persoon:P1", "register:persoon:P3"}, pairs.keys()
    assert "04-03-1965" in pairs["register:persoon:P1"]["pair"].right_label
    logged = set(
        AuditEntry.objects.using(AUDIT_DB)
        .filter(actor=holder.username, object_type="registers.persoon", object_id=str(run.pk))
        .values_list("data_subject_id", flat=True)
    )
    assert {"P1", "P3"} <= logged
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(actor=holder.username, object_type="registers.persoon", action="search", result="allowed")
        .exists()
    )

    without = ctx_of(holder, second_factor=False, purpose="gebiedsanalyse")
    assert linkage.run_get(ctx=without, pk=run.pk) is None
    assert linkage.run_pairs(ctx=without, run=run) == []
    refused = linkage.linkage_start(ctx=without, left=version, right=None)
    refused.refresh_from_db()
    assert refused.status == "refused" and not CandidatePair.objects.filter(run=refused).exists()
    assert linkage.run_get(ctx=without, pk=refused.pk) == refused  # its starter sees why


@pytest.mark.usefixtures("registers")
def test_the_api_starts_a_linkage_against_the_registers_and_reports_it(holder, client, tmp_path, settings):
    """POST …/versies/{id}/koppelingen without `tegen` links against the registers (with the
    purpose in `Doelbinding`); the run is readable by its id with its status and pair count; the
    version page offers the registers as the other side."""
    from django.urls import reverse

    from weerbaar.core.testing import login_verified

    settings.WEERBAAR_JOBS_IMMEDIATE = True
    ctx = ctx_of(holder, purpose="gebiedsanalyse")
    version = _tenants(ctx, tmp_path, ["Eva Muller;1990-01-01;;;Zwolle"])
    login_verified(client, holder)
    assert 'value="registers"' in client.get(reverse("crossref:version", args=[version.pk])).content.decode()
    url = f"/api/v1/partnerbestanden/versies/{version.pk}/koppelingen"
    started = client.post(url, {}, content_type="application/json", HTTP_DOELBINDING="gebiedsanalyse")
    assert started.status_code == 201, started.content
    assert started.json()["tegen"] == "registers" and started.json()["rechts"] is None
    run_url = f"/api/v1/partnerbestanden/koppelingen/{started.json()['id']}"
    run = client.get(run_url, HTTP_DOELBINDING="gebiedsanalyse").json()
    assert run["status"] == "done" and run["paren"] >= 1 and run["algoritme"].startswith("weerbaar-")
    assert client.get(run_url).status_code == 404  # its pairs name register persons: only with a purpose
    unknown = client.post(url, {"tegen": 99999}, content_type="application/json")
    assert unknown.status_code == 404
