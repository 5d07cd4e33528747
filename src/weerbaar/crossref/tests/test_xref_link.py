"""`weerbaar xref_link` on small hand-made FollowTheMoney files with messy Dutch values."""

import csv
import json
import random

import pytest
from django.core.management import CommandError, call_command
from followthemoney import model

VOORNAMEN = [
    "Johannes",
    "Maria",
    "Pieter",
    "Anna",
    "Cornelis",
    "Elisabeth",
    "Hendrik",
    "Sanne",
    "Daan",
    "Lotte",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "van der Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
]


def entity(schema, entity_id, **values):
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, value in values.items():
        # as written by the source: followthemoney's own cleaning would drop "17/05/1971"
        proxy.add(prop, value, cleaned=True)
    return proxy.to_dict()


def write(path, entities):
    path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    return path


def crowd(prefix, n, seed):
    """Other people, so the matcher has data to estimate its parameters from."""
    rng = random.Random(seed)
    return [
        entity(
            "Person",
            f"{prefix}{i}",
            firstName=rng.choice(VOORNAMEN),
            lastName=rng.choice(ACHTERNAMEN),
            birthDate=f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            address=f"Dorpsstraat {rng.randint(1, 300)}, {rng.randint(7500, 7599)} AB Enschede",
        )
        for i in range(n)
    ]


@pytest.fixture
def files(tmp_path):
    left = [
        entity(
            "Person",
            "L-berg",
            firstName="Jan",
            lastName="van der Berg",
            birthDate="1971-05-17",
            address="Hoofdstraat 12-A, 7511 AB Enschede",
        ),
        entity("Person", "L-muller", name="Hans Müller", birthDate="1980-04-03", addressEntity="L-adres"),
        entity("Address", "L-adres", street="Kerkweg 3 hs", postalCode="7522 CD", city="Enschede"),
        entity(
            "Company",
            "L-bouw",
            name="Jansen Bouw B.V.",
            registrationNumber="12345678",
            address="Molenstraat 5, 7511AB Enschede",
        ),
        entity("Ownership", "L-own", owner="L-berg", asset="L-bouw"),
        *crowd("L", 150, 1),
    ]
    right = [
        entity(
            "Person",
            "R-berg",
            name="BERG, J. van der",
            birthDate="17/05/1971",
            address="hoofdstraat 12a 7511ab ENSCHEDE",
        ),
        entity(
            "Person",
            "R-muller",
            name="MÃ¼ller, Johannes",
            birthDate="03/04/1980",
            address="Kerkweg 3-hs, 7522cd Enschede",
        ),
        entity(
            "Company", "R-bouw", name="Jansen Bouw Besloten Vennootschap", registrationNumber="KvK 1234 5678"
        ),
        entity(
            "Person",
            "R-other",
            firstName="Pieter",
            lastName="Bakker",
            birthDate="1955-01-30",
            address="Stationsplein 1, 7511 JD Enschede",
        ),
        *crowd("R", 120, 2),
    ]
    return write(tmp_path / "left.ftm.jsonl", left), write(tmp_path / "right.ftm.jsonl", right)


def pairs(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_links_messy_dutch_entities(files, tmp_path):
    """Trailing voorvoegsel, capitals, Windows-1252 damage, roepnaam, day-first dates, written house
    numbers and legal forms: the same person or company is linked, the stranger is not."""
    out = tmp_path / "pairs.csv"
    call_command("xref_link", str(files[0]), str(files[1]), "--out", str(out))
    rows = pairs(out)
    found = {(r["left_id"], r["right_id"]) for r in rows}
    assert {("L-berg", "R-berg"), ("L-muller", "R-muller"), ("L-bouw", "R-bouw")} <= found
    assert not any(r["right_id"] == "R-other" for r in rows)
    assert all(0.5 <= float(r["score"]) <= 1 for r in rows)
    assert list(rows[0]) == ["left_id", "right_id", "score"]


def test_bad_line_names_file_line_and_reason(files, tmp_path):
    """A line that is no entity stops the command before the pairs file is written."""
    bad = tmp_path / "bad.ftm.jsonl"
    bad.write_text(files[1].read_text() + '{"id": "x", "schema": "Persoon"}\n', encoding="utf-8")
    out = tmp_path / "pairs.csv"
    with pytest.raises(CommandError, match=r"bad.ftm.jsonl, regel 125: schema 'Persoon'"):
        call_command("xref_link", str(files[0]), str(bad), "--out", str(out))
    assert not out.exists()
    bad.write_text("{niet json\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"regel 1: geen JSON"):
        call_command("xref_link", str(files[0]), str(bad), "--out", str(out))
