"""A holder's data never leaves it: the hit / no-hit index is made at home with
`weerbaar xref_index` and the dataset's key, published as a file of digests and Bloom filters,
and every question is audited for the other and logged for the holder."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel
from weerbaar.core.testing import login_verified
from weerbaar.crossref import bloom, hitindex, indexfile, selectors, services
from weerbaar.crossref.models import DatasetEntity, DatasetVersion, HitIndex, HitKey
from weerbaar.crossref.services import index as index_services
from weerbaar.crossref.services.questions import hit_question_ask
from weerbaar.privacy.testing import ctx_of

#: what the holder keeps at home, as FollowTheMoney writes it (messy like the source)
AT_HOME = [
    {"id": "p1", "schema": "Person", "properties": {"name": ["Jan van der Berg"], "birthDate": ["1980-03-04"]}},
    {"id": "p2", "schema": "Person", "properties": {"name": ["Fatma Yılmaz"], "birthDate": ["1991-11-23"]}},
    {"id": "c1", "schema": "Company", "properties": {"name": ["Berg Recreatie B.V."], "registrationNumber": ["31596640"]}},
    {"id": "a1", "schema": "Address", "properties": {"full": ["Parkweg 12-A, 8011 AB Zwolle"]}},
]  # fmt: skip
SECRET_VALUES = ["Berg", "berg", "Yılmaz", "31596640", "8011", "1980", "Parkweg"]


@pytest.fixture
def dataset(holder):
    return services.dataset_create(
        ctx=ctx_of(holder),
        name="Huurders bedrijventerrein (thuis gehouden)",
        access_level=AccessLevel.AFGESCHERMD,
        contact="informatie@zwolle.example",
    )


def _client(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _made_at_home(tmp_path: Path, key_text: str) -> Path:
    entities = tmp_path / "thuis.ftm.jsonl"
    entities.write_text("".join(json.dumps(e) + "\n" for e in AT_HOME), encoding="utf-8")
    key = tmp_path / "sleutel.txt"
    key.write_text(key_text, encoding="utf-8")
    out = tmp_path / "trefferindex.zip"
    call_command("xref_index", str(entities), key_file=str(key), out=str(out), stdout=io.StringIO())
    return out


def test_an_index_made_at_home_answers_exact_and_fuzzy_questions_without_a_value_in_the_platform(
    holder, other, dataset, tmp_path
):
    """The holder takes the key (audited), makes the index offline and publishes it; the file and
    the database hold no name, number, postcode or date; another organisation gets hits for an
    equal KvK-nummer and address, a hit for the same person written otherwise (Bloom filter), no
    hit for someone else; both sides are audited and the holder sees every question."""
    client = _client(holder)
    response = client.post(reverse("crossref:index_key", args=[dataset.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(object_type="crossref.indexsleutel", actor="houder")
        .exists()
    )
    index_zip = _made_at_home(tmp_path, response.content.decode())

    raw = index_zip.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        unpacked = b"".join(archive.read(n) for n in archive.namelist())
    assert not [v for v in SECRET_VALUES if v.encode() in unpacked]

    with index_zip.open("rb") as upload:
        response = client.post(
            reverse("crossref:index_publish", args=[dataset.pk]), {"index": upload}, follow=True
        )
    assert "Trefferindex gepubliceerd: 2 personen" in response.content.decode()
    assert not DatasetVersion.objects.filter(dataset=dataset).exists() and not DatasetEntity.objects.exists()
    assert HitIndex.objects.get(dataset=dataset).origin == "houder"

    ctx = ctx_of(other)

    def ask(kind, value, born=""):
        return hit_question_ask(ctx=ctx, dataset_pk=dataset.pk, kind=kind, value=value, birth_date=born)

    assert ask("kvk", "31596640").way == "exact"
    assert ask("adres", "Parkweg 12a, 8011AB Zwolle").hit is True
    assert ask("persoon", "Jan van der Berg", "04-03-1980").way == "exact"
    fuzzy = ask("persoon", "Berg, J. van der", "1980-04-03")  # initial, day and month swapped
    assert fuzzy.hit is True and fuzzy.way == "bloom"
    assert ask("persoon", "Piet van der Berg", "1980-03-04").hit is False  # another first name
    assert ask("persoon", "Jan van der Berg", "1966-07-15").hit is False

    asked = list(AuditEntry.objects.using(AUDIT_DB).filter(actor="ander", action="exists").order_by("id"))
    assert [e.detail["antwoord"] for e in asked] == [True, True, True, True, False, False]
    questions = selectors.questions_for(ctx=ctx_of(holder), dataset=dataset)
    assert len(questions) == 6 and {q.organisation for q in questions} == {str(other.organisation)}
    assert {q.trace_id for q in questions} <= {e.trace_id for e in asked}
    assert selectors.questions_for(ctx=ctx, dataset=dataset) == []  # only the holder reads them
    page = client.get(reverse("crossref:dataset", args=[dataset.pk])).content.decode()
    assert "Vragen aan dit bestand" in page and str(other.organisation) in page
    assert "Bergh" not in page and "1980" not in page

    client.logout()
    login_verified(client, other)
    answered = client.post(
        reverse("crossref:hit"),
        {
            "partnerbestand": dataset.pk,
            "soort": "persoon",
            "waarde": "Berg, J. van der",
            "geboortedatum": "1980-04-03",
        },
    ).content.decode()
    assert "Treffer in" in answered and "gelijkende naam en geboortedatum" in answered


def test_a_file_made_with_another_key_or_damaged_is_refused_and_the_old_index_keeps_answering(
    holder, other, dataset, tmp_path
):
    key = index_services.index_key_export(ctx=ctx_of(holder), dataset=dataset)
    good = _made_at_home(tmp_path, key)
    with good.open("rb") as upload:
        index_services.index_publish(ctx=ctx_of(holder), dataset=dataset, upload=upload)
    keys_before = set(HitKey.objects.filter(dataset=dataset).values_list("digest", flat=True))

    elsewhere = tmp_path / "ander"
    elsewhere.mkdir()
    wrong = _made_at_home(elsewhere, "ab" * 32)
    with wrong.open("rb") as upload, pytest.raises(indexfile.IndexFileError, match="andere sleutel"):
        index_services.index_publish(ctx=ctx_of(holder), dataset=dataset, upload=upload)

    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == indexfile.KEYS:
                data += b"persoon nietvanhex\n"
            target.writestr(name, data)
    damaged.seek(0)
    with pytest.raises(indexfile.IndexFileError, match=r"sleutels.txt, regel \d+: geen HMAC-SHA256"):
        index_services.index_publish(ctx=ctx_of(holder), dataset=dataset, upload=damaged)
    with pytest.raises(indexfile.IndexFileError, match="geen ZIP"):
        index_services.index_publish(ctx=ctx_of(holder), dataset=dataset, upload=io.BytesIO(b"Naam;KvK\n"))

    assert set(HitKey.objects.filter(dataset=dataset).values_list("digest", flat=True)) == keys_before
    answer = hit_question_ask(
        ctx=ctx_of(other),
        dataset_pk=dataset.pk,
        kind="persoon",
        value="Berg, J. van der",
        birth_date="4-3-1980",
    )
    assert answer.hit is True


def test_the_api_publishes_for_the_holder_only_and_names_a_bad_file(holder, other, dataset, tmp_path):
    key = index_services.index_key_export(ctx=ctx_of(holder), dataset=dataset)
    index_zip = _made_at_home(tmp_path, key)
    url = reverse("api:trefferindex", args=[dataset.pk])
    with index_zip.open("rb") as upload:
        assert _client(other).post(url, {"index": upload}).status_code == 404
    with index_zip.open("rb") as upload:
        response = _client(holder).post(url, {"index": upload})
    assert response.status_code == 201, response.content
    assert response.json()["aantallen"] == {"kvk": 1, "adres": 1, "persoon": 2, "bloom": 2}
    bad = io.BytesIO(b"PK\x05\x06" + b"\0" * 18)
    bad.name = "leeg.zip"
    response = _client(holder).post(url, {"index": bad})
    assert response.status_code == 422 and "ontbreekt" in response.json()["detail"]
    hit_question_ask(ctx=ctx_of(other), dataset_pk=dataset.pk, kind="kvk", value="31596640")
    questions = _client(holder).get(reverse("api:vragen", args=[dataset.pk])).json()
    assert [(q["soort"], q["treffer"], q["gevondenVia"]) for q in questions] == [("kvk", True, "exact")]
    assert _client(other).get(reverse("api:vragen", args=[dataset.pk])).status_code == 404


def test_xref_index_names_a_bad_line_and_a_bad_key_and_writes_nothing(tmp_path):
    entities = tmp_path / "thuis.ftm.jsonl"
    entities.write_text(json.dumps(AT_HOME[0]) + "\n{niet json\n", encoding="utf-8")
    key = tmp_path / "sleutel.txt"
    key.write_text("# sleutel\n" + "cd" * 32 + "\n", encoding="utf-8")
    out = tmp_path / "index.zip"
    with pytest.raises(CommandError, match=r"thuis\.ftm\.jsonl, regel 2: geen JSON"):
        call_command("xref_index", str(entities), key_file=str(key), out=str(out))
    key.write_text("geheim\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"sleutel\.txt: geen sleutel"):
        call_command("xref_index", str(entities), key_file=str(key), out=str(out))
    assert not out.exists() and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    ("name", "born", "similar"),
    [
        ("Berg, J. van der", "04-03-1980", True),  # voorvoegsel trailing, initial, day-first
        ("VAN DER BERG Jan", "4 maart 1980", True),
        ("Jan van der Bergh", "1980-03-04", True),  # a typo in the surname
        ("J. v.d. Bergh", "1980-03-04", False),  # an initial and a typo: two deviations, missed
        ("Jan van der Berg", "1980-04-03", True),  # day and month swapped
        ("Jan van der Berg", "1981-03-04", True),  # a typo in the year
        ("Johannes van der Berg", "1980-03-04", True),  # full name against roepnaam
        ("Jan van der Berg", "1980-03-14", True),  # a typo in the day
        ("Piet van der Berg", "1980-03-04", False),  # a brother born the same day
        ("Jan van den Bosch", "1980-03-04", False),
        ("Jan van der Berg", "1980-05-06", False),  # another day and month, same name and year
        ("Jan Jansen", "1980-03-04", False),
        ("Anna van der Berg", "1980-03-04", False),  # a sister born the same day
        ("Jan van der Berg", "1972-05-03", False),  # another year, one day/month part shared
        ("Jan van der Berg", "1952-03-04", False),  # the same birthday in another decade
    ],
)
def test_bloom_encodings_are_alike_for_the_same_person_written_otherwise(name, born, similar):
    encoder = bloom.Encoder(b"k" * 32)
    stored = encoder.encode(bloom.person_tokens("Jan van der Berg", "1980-03-04"))
    asked = encoder.encode(bloom.person_tokens(name, born))
    assert (bloom.dice(stored, asked) >= bloom.THRESHOLD) is similar


def test_without_the_key_the_filters_do_not_match():
    """The same person under two keys: no bit pattern in common beyond chance."""
    person = bloom.person_tokens("Jan van der Berg", "1980-03-04")
    one, two = bloom.Encoder(b"a" * 32).encode(person), bloom.Encoder(b"b" * 32).encode(person)
    assert bloom.dice(one, two) < 0.5


def test_a_question_is_compared_only_with_filters_in_its_blocks():
    """Same year or same start of the surname: a match with both wrong is out of reach (stated)."""
    secret = "cd" * 32
    content = hitindex.build(AT_HOME, secret)
    assert len(content.bloom) == 2 and content.bloom.filters.dtype == np.uint64
    both_wrong = hitindex.fuzzy_person(secret, "Jan van der Perg", "1979-03-04")
    assert content.bloom.best(*both_wrong) == 0.0
    one_wrong = hitindex.fuzzy_person(secret, "Jan van der Perg", "1980-03-04")
    assert content.bloom.best(*one_wrong) > 0.5
