"""Search: Dutch stemming, typo tolerance, compounds, facets, and the policy restriction."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from weerbaar.catalog.search import Document, SearchIndex, tokenize
from weerbaar.catalog.search.stemmer import stem
from weerbaar.catalog.selectors import factsheet_search
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("vakantieparken", "vakantiepark"),
        ("gemeenten", "gemeent"),
        ("gemeente", "gemeent"),
        ("vergunningen", "vergunn"),
        ("ontgrondingen", "ontgrond"),
        ("mogelijkheden", "mogelijk"),
        ("maan", "man"),
        ("lichamelijk", "licham"),
    ],
)
def test_snowball_dutch_stems(word, expected):
    assert stem(word) == expected


def test_plural_and_singular_meet():
    assert tokenize("havens") == tokenize("haven")
    assert tokenize("luchtfoto's") == tokenize("luchtfoto")


def _index():
    def doc(key, title, access, owner, day):
        return Document(
            key=key,
            fields={"title": title},
            facets={"access": (access,), "owner": (owner,)},
            freshness=dt.date(2026, 1, day),
        )

    return SearchIndex(
        [
            doc(1, "Registratie drugsafvaldumpingen", "intern", "PV23", 1),
            doc(2, "Recreatieparkenregister vakantieparken", "intern", "PV23", 2),
            doc(3, "Basisregistratie Personen", "afgeschermd", "GEMEENTEN", 3),
            doc(4, "Vitaliteit vakantiepark", "openbaar", "PV23", 4),
        ]
    )


def test_typos_are_tolerated():
    assert [k for k, _ in _index().search("drugsafvaldumpngen").hits] == [1]
    assert [k for k, _ in _index().search("vakantieprak").hits][:1] in ([2], [4])


def test_a_word_finds_the_compound_it_ends():
    assert [k for k, _ in _index().search("dumping").hits] == [1]


def test_a_part_of_a_compound_finds_the_compound():
    assert {k for k, _ in _index().search("recreatiepark").hits} == {2}


def test_facet_counts_ignore_their_own_filter_but_apply_the_others():
    result = _index().search("", filters={"access": ["intern"]})
    assert result.total == 2
    assert result.facets["access"] == {"intern": 2, "afgeschermd": 1, "openbaar": 1}
    assert result.facets["owner"] == {"PV23": 2}


def test_restriction_hides_documents_from_hits_and_counts():
    result = _index().search("", restrict={"access": ["openbaar"]})
    assert [k for k, _ in result.hits] == [4]
    assert result.facets["access"] == {"openbaar": 1}


def test_sort_by_freshness_puts_the_newest_first():
    assert [k for k, _ in _index().search("vakantiepark", sort="freshness").hits] == [4, 2]


def test_relevance_prefers_documents_matching_every_word():
    index = SearchIndex(
        [
            Document(key="a", fields={"title": "vakantieparken"}),
            Document(key="b", fields={"title": "vakantieparken in Twente"}),
            Document(key="c", fields={"title": "Twente"}),
        ]
    )
    assert index.search("vakantieparken Twente").hits[0][0] == "b"


def test_selector_never_returns_what_the_user_may_not_see(starter):
    """The public does not find the closed BRP factsheet; a partner does, and sees its facet."""
    public = factsheet_search(user=AnonymousUser(), query="basisregistratie personen")
    assert "brp" not in [f.identifier for f in public.factsheets]
    assert set(public.facets.get("access", {})) <= {"openbaar"}
    partner = factsheet_search(
        user=make_user(Role.RIEC_ANALIST, "RIEC-ON"), query="basisregistratie personen"
    )
    assert partner.factsheets[0].identifier == "brp"


def test_selector_facets_owner_theme_personal_data_and_format(starter):
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    page = factsheet_search(
        user=user, query="", filters={"theme": ["vakantieparken"], "personal": ["nee"]}, limit=None
    )
    assert page.factsheets and all(not f.personal_data for f in page.factsheets)
    assert all("vakantieparken" in {t.code for t in f.themes.all()} for f in page.factsheets)
    assert {"owner", "theme", "access", "personal", "format"} <= set(page.facets)
    geo = factsheet_search(user=user, filters={"format": ["GPKG"]}, limit=None)
    assert [f.identifier for f in geo.factsheets] == ["bag"]


def test_search_index_follows_edits(starter):
    from weerbaar.catalog.models import Factsheet

    user = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    assert factsheet_search(user=user, query="zonnebloemveld").total == 0
    Factsheet.objects.filter(identifier="bag").update(keywords=["zonnebloemveld"])
    bag = Factsheet.objects.get(identifier="bag")
    bag.save()  # touches modified_at, as every service write does
    assert [f.identifier for f in factsheet_search(user=user, query="zonnebloemveld").factsheets] == ["bag"]
