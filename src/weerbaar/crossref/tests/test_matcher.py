"""The matcher: blocking keeps the true pairs, EM finds weights, messy Dutch duplicates are linked,
strangers are not, and every result names the matcher, its version and why."""

import random

import numpy as np

from weerbaar.crossref.matching.blocking import candidate_pairs, phonetic
from weerbaar.crossref.matching.matcher import WeerbaarMatcher
from weerbaar.crossref.matching.records import company, person

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
    "Fatima",
    "Mehmet",
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
    "Yilmaz",
    "Bos",
    "van Dijk",
]
STRATEN = ["Hoofdstraat", "Kerkweg", "Molenstraat", "Stationsplein", "Dorpsstraat", "Schoolstraat"]
PLAATSEN = ["Enschede", "Hengelo", "Almelo", "Oldenzaal"]


def population(n, seed=7):
    rng = random.Random(seed)
    people = []
    for i in range(n):
        people.append(
            {
                "id": f"p{i}",
                "first_name": rng.choice(VOORNAMEN),
                "surname": rng.choice(ACHTERNAMEN),
                "birth_date": f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "street": rng.choice(STRATEN),
                "number": str(rng.randint(1, 200)),
                "postcode": f"{rng.randint(7500, 7599)} {rng.choice(['AB', 'CD', 'EF', 'GH'])}",
                "place": rng.choice(PLAATSEN),
            }
        )
    return people


def messy(p):
    """The same person as another organisation's export writes them (three ways, by birth day)."""
    y, m, d = p["birth_date"].split("-")
    vv, _, achternaam = p["surname"].rpartition(" ")
    way = int(d) % 3
    name = [
        f"{achternaam.upper()}, {p['first_name'][0]}. {vv}".strip(),
        f"{vv.upper()} {achternaam.upper()} {p['first_name']}".strip(),
        f"{p['first_name'][0]}. {'vd ' if vv == 'van der' else vv + ' '}{achternaam}",
    ][way]
    number = [f"{p['number']}-a", f"{p['number']} hs", p["number"]][way]
    return dict(
        name=name,
        birth_date=f"{d}/{m}/{y}",
        address=f"{p['street']} {number}, {p['postcode'].replace(' ', '').lower()} {p['place']}",
    )


def test_messy_dutch_duplicates_are_linked_and_strangers_not():
    """Surname first in capitals, initials, trailing voorvoegsel, day-first slashes, a letter added to
    the house number and a lower-case postcode without space still link; the rest stays apart."""
    people = population(300)
    left = [person(p["id"], **{k: v for k, v in p.items() if k != "id"}) for p in people]
    right = [person(f"r{p['id']}", **messy(p)) for p in people[:60]]
    right += [
        person(p["id"].replace("p", "s"), **{k: v for k, v in p.items() if k != "id"})
        for p in population(60, seed=99)
    ]
    matches = WeerbaarMatcher().link(left, right)
    found = {(m.left_id, m.right_id) for m in matches}
    truth = {(p["id"], f"r{p['id']}") for p in people[:60]}
    assert len(found & truth) >= 57
    assert len(found - truth) <= 3


def test_dedupe_finds_the_duplicates_written_otherwise_within_one_list_and_not_a_look_alike():
    """Within one list: two people written again otherwise (capitals, initials, day-first dates) are
    found, each pair once with the earlier record left; a namesake born elsewhere and living
    elsewhere is not, and no record is paired with itself."""
    people = population(200)
    records = [person(p["id"], **{k: v for k, v in p.items() if k != "id"}) for p in people]
    records += [person(f"d{p['id']}", **messy(p)) for p in people[:2]]
    namesake = {**people[2], "birth_date": "1931-02-17", "street": "Elders", "number": "999"}
    records.append(person("namesake", **{k: v for k, v in namesake.items() if k not in ("id", "postcode")}))
    found = {(m.left_id, m.right_id) for m in WeerbaarMatcher().dedupe(records)}
    assert found == {("p0", "dp0"), ("p1", "dp1")}


def test_a_housemate_at_the_same_address_with_the_same_surname_is_not_the_person():
    """Housemates share address and surname and outnumber the true pairs, so EM over all candidate
    pairs takes them for the matches: the same people written otherwise are linked, housemates
    with another first name and birth date are not."""
    people = population(300)
    left = [person(p["id"], **{k: v for k, v in p.items() if k != "id"}) for p in people]
    right = [person(f"r{p['id']}", **messy(p)) for p in people[:60]]
    for p in people[60:200]:
        other = VOORNAMEN[(VOORNAMEN.index(p["first_name"]) + 1) % len(VOORNAMEN)]
        housemate = {**p, "first_name": other, "birth_date": "2015-06-15"}
        right.append(person(f"h{p['id']}", **{k: v for k, v in housemate.items() if k != "id"}))
    found = {(m.left_id, m.right_id) for m in WeerbaarMatcher().link(left, right)}
    assert not {(a, b) for a, b in found if b == f"h{a}"}
    assert len({(a, b) for a, b in found if b == f"r{a}"}) >= 57


def test_results_name_the_matcher_and_explain_each_property():
    """Each result records name and version, and one contribution per compared property."""
    people = population(200)
    left = [person(p["id"], **{k: v for k, v in p.items() if k != "id"}) for p in people]
    right = [person(f"r{p['id']}", **messy(p)) for p in people[:30]]
    match = WeerbaarMatcher().link(left, right)[0]
    assert (match.matcher, match.version) == (WeerbaarMatcher.NAME, WeerbaarMatcher.VERSION)
    explained = {c.property: c for c in match.explanation}
    assert set(explained) == {
        "first_name",
        "surname",
        "birth_date",
        "identifier",
        "postcode",
        "number",
        "street",
        "place",
    }
    assert (
        explained["surname"].weight > 0
        and explained["identifier"].level == "missing"
        and explained["identifier"].weight == 0
    )
    assert 0.5 <= match.probability <= 1


def test_married_name_and_roepnaam_agree():
    """ "Jansen-de Vries" agrees with "de Vries"; "Hans" with "Johannes"."""
    people = population(200)
    left = [person(p["id"], **{k: v for k, v in p.items() if k != "id"}) for p in people]
    left.append(
        person(
            "x",
            first_name="Johannes",
            surname="de Vries",
            birth_date="1971-05-17",
            postcode="7511AB",
            number="4",
        )
    )
    right = [
        person("y", name="Hans Jansen-de Vries", birth_date="17-05-1971", postcode="7511 ab", number="4")
    ]
    right += [person(f"r{p['id']}", **messy(p)) for p in people[:40]]
    matches = [m for m in WeerbaarMatcher().link(left, right) if m.right_id == "y"]
    assert [(m.left_id, m.right_id) for m in matches] == [("x", "y")]
    levels = {c.property: c.level for c in matches[0].explanation}
    assert (
        levels["first_name"] == "exact or roepnaam" and levels["surname"] == "exact or one of a married name"
    )


def test_companies_link_on_kvk_and_name_without_legal_form():
    """Companies match across legal-form spellings; a shared KvK-nummer is decisive."""
    left = [
        company(
            f"c{i}",
            name=f"Bedrijf {i} B.V.",
            kvk=f"{10000000 + i * 7919}",
            postcode="7511AB",
            number=str(i + 1),
        )
        for i in range(100)
    ]
    right = [company("d1", name="Bedrijf 12 Besloten Vennootschap", kvk=f"KvK {10000000 + 12 * 7919}")]
    matches = WeerbaarMatcher().link(left, right)
    assert [(m.left_id, m.right_id) for m in matches] == [("c12", "d1")]


def test_blocking_keeps_pairs_and_skips_oversized_blocks():
    """A shared key makes a candidate; a key shared by more pairs than max_block makes none."""
    left = [person(f"l{i}", first_name="Jan", surname="Jansen", birth_date="1980-01-01") for i in range(50)]
    right = [person(f"r{i}", first_name="Jan", surname="Jansen", birth_date="1980-01-01") for i in range(50)]
    li, _ri = candidate_pairs(left, right, max_block=10_000)
    assert len(li) == 2500
    li, _ri = candidate_pairs(left, right, max_block=100)
    assert len(li) == 0
    assert isinstance(li, np.ndarray)


def test_phonetic_key_joins_dutch_spellings():
    """ij/y, ei, ch/g, c/k, z/s and double letters do not split a block."""
    assert phonetic("meijer") == phonetic("meyer") == phonetic("meier")
    assert phonetic("claassen") == phonetic("klasen")


def test_a_bsn_is_never_kept_for_matching():
    """An idNumber that is a BSN is dropped from the record; an RSIN-shaped company number stays."""
    assert person("p", name="Jan Jansen", identifiers=["111222333", "AB1234567"]).identifiers == frozenset(
        {"ab1234567"}
    )
    assert company("c", name="X B.V.", rsin_number="002385910").identifiers == frozenset({"002385910"})
