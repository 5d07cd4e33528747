"""Factsheet search on the one search index: Dutch stemming, typo tolerance, compounds, facets,
the policy's access levels in the query, and an index that follows every edit."""

import pytest

from weerbaar.catalog.models import Factsheet
from weerbaar.catalog.selectors import factsheet_search
from weerbaar.catalog.services import factsheet_update
from weerbaar.catalog.tests.test_permissions import edit_input
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.testing import ctx_of
from weerbaar.search.models import IndexedDocument
from weerbaar.search.text import terms

ANONYMOUS = ctx_of(None)


def found(query="", ctx=ANONYMOUS, **kwargs) -> list[str]:
    return [f.identifier for f in factsheet_search(ctx=ctx, query=query, **kwargs).factsheets]


@pytest.fixture
def partner(starter):
    return ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("vakantieparken", "vakantiepark"),
        ("gemeenten", "gemeente"),
        ("vergunningen", "vergunning"),
        ("havens", "haven"),
        ("luchtfoto's", "luchtfoto"),
        ("mogelijkheden", "mogelijkheid"),
    ],
)
def test_dutch_plural_and_singular_are_one_term(word, other):
    assert terms(word, "nl") == terms(other, "nl")


def test_every_starter_factsheet_is_indexed_once(starter):
    assert IndexedDocument.objects.filter(kind="factsheet").count() == Factsheet.objects.count()


def test_a_plural_finds_the_singular(partner):
    assert "recreatieparkenregister" in found("recreatieparken", ctx=partner)
    assert found("luchtfoto's", ctx=partner)[0] == "luchtfotos"


def test_typos_are_tolerated(partner):
    assert found("drugsafvaldumpngen", ctx=partner)[0] == "drugsafvaldumpingen"
    assert found("ontgrondnig", ctx=partner)[0] == found("ontgronding", ctx=partner)[0]


def test_a_word_finds_the_compound_it_ends_and_a_part_the_compound(partner):
    assert "drugsafvaldumpingen" in found("dumping", ctx=partner)[:3]
    assert "recreatieparkenregister" in found("recreatiepark", ctx=partner)[:3]


def test_documents_matching_every_word_come_first(partner):
    """Every factsheet that holds both words (in any field) ranks above every one holding one."""
    results = factsheet_search(ctx=partner, query="vakantieparken twente", per_page=None).factsheets
    held = {int(d.object_id): set(d.terms.split()) for d in IndexedDocument.objects.filter(kind="factsheet")}
    both = [{"vakantiepark", "twent"} <= held[f.pk] for f in results]
    assert any(both) and not all(both)
    assert both == sorted(both, reverse=True)


def test_public_search_never_returns_what_the_public_may_not_see(starter):
    """The public does not find the closed BRP factsheet, not in hits and not in facet counts; a
    partner does (discoverable before disclosed)."""
    public = factsheet_search(ctx=ANONYMOUS, query="basisregistratie personen", per_page=None)
    assert "brp" not in [f.identifier for f in public.factsheets]
    assert {f.access_level for f in public.factsheets} == {"openbaar"}
    assert set(public.facets.get("access", {})) <= {"openbaar"}
    everything = factsheet_search(ctx=ANONYMOUS, per_page=None)
    assert everything.total == Factsheet.objects.filter(access_level="openbaar").count()
    riec = ctx_of(make_user(Role.RIEC_ANALIST, "RIEC-ON"))
    assert found("basisregistratie personen", ctx=riec)[0] == "brp"


def test_facet_counts_ignore_their_own_filter_but_apply_the_others(partner):
    page = factsheet_search(ctx=partner, filters={"access": ["intern"]}, per_page=None)
    assert page.total == Factsheet.objects.filter(access_level="intern").count()
    assert page.facets["access"] == {
        level: Factsheet.objects.filter(access_level=level).count()
        for level in ("afgeschermd", "intern", "openbaar")
        if Factsheet.objects.filter(access_level=level).exists()
    }
    assert sum(page.facets["personal"].values()) == page.total


def test_facets_owner_theme_personal_data_and_format(partner):
    page = factsheet_search(
        ctx=partner, filters={"theme": ["vakantieparken"], "personal": ["nee"]}, per_page=None
    )
    assert page.factsheets and all(not f.personal_data for f in page.factsheets)
    assert all("vakantieparken" in {t.code for t in f.themes.all()} for f in page.factsheets)
    assert {"owner", "theme", "access", "personal", "format"} <= set(page.facets)
    assert found(filters={"format": ["GPKG"]}, ctx=partner, per_page=None) == ["bag"]


def test_a_parent_theme_finds_its_subtopics(partner):
    page = factsheet_search(ctx=partner, filters={"theme": ["buitengebied-en-vakantieparken"]}, per_page=None)
    assert "recreatieparkenregister" in [f.identifier for f in page.factsheets]


def test_freshness_sort_puts_the_newest_first(partner):
    results = factsheet_search(ctx=partner, query="register", sort="freshness", per_page=None).factsheets
    days = [f.reviewed_on for f in results]
    assert len(days) > 3 and days == sorted(days, reverse=True)


def test_pages_of_twenty(partner):
    first = factsheet_search(ctx=partner, per_page=20)
    second = factsheet_search(ctx=partner, per_page=20, page=2)
    assert len(first.factsheets) == 20 and first.total == Factsheet.objects.count()
    assert not {f.pk for f in first.factsheets} & {f.pk for f in second.factsheets}


def test_an_edit_through_the_service_is_found_at_once(starter):
    adviser = ctx_of(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))
    assert found("zonnebloemveld", ctx=adviser) == []
    bag = Factsheet.objects.get(identifier="bag")
    factsheet_update(ctx=adviser, factsheet=bag, data=edit_input(bag, keywords=["zonnebloemveld"]))
    assert found("zonnebloemveld", ctx=adviser) == ["bag"]
    factsheet_update(ctx=adviser, factsheet=bag, data=edit_input(bag, keywords=[]))
    assert found("zonnebloemveld", ctx=adviser) == []


def test_german_words_find_the_german_title(partner):
    """A German reader's plural meets the German title's singular through the German stemmer."""
    assert "recreatieparkenregister" in found("Ferienparks", ctx=partner)[:5]
