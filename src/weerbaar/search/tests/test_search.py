"""The one search service, on SQLite's FTS5 and PostgreSQL's tsvector alike: stemming in nl/de/en,
ranking, typo tolerance, facets, access levels and organisation scope in the query, and an index
that follows every change."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from weerbaar.core.access import AccessLevel
from weerbaar.search.backends import TsvectorIndex, full_text_index
from weerbaar.search.models import IndexedDocument, IndexedFacet, IndexedTerm
from weerbaar.search.selectors import search
from weerbaar.search.services import search_index_remove, search_index_update, search_reindex

from .conftest import ANONYMOUS, CLEARED, NOTES, PARTNER, Note, context


def found(query: str = "", ctx=CLEARED, **kwargs) -> list[int]:
    return [int(hit.object_id) for hit in search(ctx=ctx, query=query, kinds=["testnotitie"], **kwargs).hits]


# --- stemming ---------------------------------------------------------------------------------


def test_dutch_plural_and_singular_find_each_other(notes):
    notes(Note(1, "Vergunningen voor vakantieparken"), Note(2, "De haven van Zwolle"))
    assert found("vergunning vakantiepark") == [1]
    assert found("havens") == [2]


def test_a_german_or_english_title_is_stemmed_in_its_own_language(notes):
    """'Genehmigungen' and 'Genehmigung' meet through the German stemmer, 'permits' and 'permit'
    through the English one; the Dutch stemmer would keep them apart."""
    notes(
        Note(1, "Vergunningen", title_de="Genehmigungen für Ferienparks"),
        Note(2, "Havenregister", title_en="Harbour permits"),
    )
    assert found("Genehmigung") == [1]
    assert found("permit") == [2]
    assert found("Ferienpark") == [1]


def test_stop_words_do_not_match(notes):
    notes(Note(1, "Wie bel ik over de haven"), Note(2, "Vakantieparken in Twente"))
    assert found("wie bel ik over vakantieparken in Twente") == [2]


# --- ranking ----------------------------------------------------------------------------------


def test_a_title_hit_outranks_a_keyword_hit_and_that_a_body_hit(notes):
    notes(
        Note(1, "Register", body="Over drugsafval in het buitengebied", day=9),
        Note(2, "Drugsafval", day=1),
        Note(3, "Lijst", keywords="drugsafval", day=5),
    )
    assert found("drugsafval") == [2, 3, 1]


def test_documents_matching_every_word_come_first(notes):
    notes(Note(1, "Vakantieparken", day=9), Note(2, "Vakantieparken in Twente"), Note(3, "Twente", day=9))
    assert found("vakantieparken Twente")[0] == 2


def test_a_rare_word_weighs_more_than_a_common_one(notes):
    """Both notes match one of the two words in the title; the rarer word wins."""
    common = [Note(10 + n, f"Register nummer {n}") for n in range(6)]
    notes(*common, Note(1, "Register", day=2), Note(2, "Ondermijning", day=1))
    assert found("register ondermijning")[0] == 2


def test_freshness_sorts_newest_first_and_breaks_ties(notes):
    notes(Note(1, "Haven", day=3), Note(2, "Haven", day=7), Note(3, "Havenkraan", day=9))
    assert found("haven")[:2] == [2, 1]
    assert found("haven", sort="freshness") == [3, 2, 1]


# --- typo tolerance and compounds -------------------------------------------------------------


def test_typos_are_tolerated(notes):
    notes(Note(1, "Registratie drugsafvaldumpingen"), Note(2, "Vitaliteit vakantiepark"))
    assert found("drugsafvaldumpngen") == [1]
    assert found("vakantieprak") == [2]


def test_a_word_finds_the_compound_that_contains_it(notes):
    notes(Note(1, "Registratie drugsafvaldumpingen"), Note(2, "Recreatieparkenregister"))
    assert found("dumping") == [1]
    assert found("recreatiepark") == [2]


def test_corrections_come_only_from_documents_the_context_may_find(notes):
    """A typo is corrected to a word of an intern note for a partner, never for the public."""
    notes(Note(1, "Zonnebloemveld", level=AccessLevel.INTERN))
    assert search(ctx=PARTNER, query="zonnebloemvled", kinds=["testnotitie"]).corrections == {
        "zonnebloemvled": ["zonnebloemveld"]
    }
    public = search(ctx=ANONYMOUS, query="zonnebloemvled", kinds=["testnotitie"])
    assert public.corrections == {"zonnebloemvled": []} and public.total == 0


# --- facets and pagination --------------------------------------------------------------------


def test_facet_counts_ignore_their_own_filter_but_apply_the_others(notes):
    notes(
        Note(1, "Drugsafval", level=AccessLevel.INTERN, topics=["drugs"]),
        Note(2, "Vakantieparken", level=AccessLevel.INTERN, topics=["parken"]),
        Note(3, "Personen", level=AccessLevel.AFGESCHERMD, topics=["drugs"]),
        Note(4, "Vakantiepark vitaal", topics=["parken"]),
    )
    result = search(ctx=CLEARED, kinds=["testnotitie"], facets={"access": ["intern"]})
    assert result.total == 2 and {h.object_id for h in result.hits} == {"1", "2"}
    assert result.facets["access"] == {"intern": 2, "afgeschermd": 1, "openbaar": 1}
    assert result.facets["topic"] == {"drugs": 1, "parken": 1}
    both = search(ctx=CLEARED, kinds=["testnotitie"], facets={"access": ["intern"], "topic": ["drugs"]})
    assert [h.object_id for h in both.hits] == ["1"]
    assert both.facets["access"] == {"afgeschermd": 1, "intern": 1}
    assert both.facets["topic"] == {"drugs": 1, "parken": 1}


def test_facets_count_only_the_documents_the_query_matches(notes):
    notes(Note(1, "Haven", topics=["water"]), Note(2, "Haven Zwolle", topics=["stad"]), Note(3, "Bos"))
    assert search(ctx=CLEARED, query="haven", kinds=["testnotitie"]).facets["topic"] == {
        "stad": 1,
        "water": 1,
    }


def test_an_unknown_facet_is_ignored(notes):
    notes(Note(1, "Haven"))
    assert found(facets={"kleur": ["rood"]}) == [1]


def test_pages(notes):
    notes(*[Note(n, f"Haven {n}", day=n) for n in range(1, 8)])
    first = search(ctx=CLEARED, query="haven", kinds=["testnotitie"], per_page=3)
    third = search(ctx=CLEARED, query="haven", kinds=["testnotitie"], per_page=3, page=3)
    beyond = search(ctx=CLEARED, query="haven", kinds=["testnotitie"], per_page=3, page=9)
    assert [h.object_id for h in first.hits] == ["7", "6", "5"] and first.total == 7
    assert [h.object_id for h in third.hits] == ["1"] and third.total == 7
    assert beyond.hits == [] and beyond.total == 7


# --- access levels and organisation scope, in the query ---------------------------------------


def test_an_intern_note_never_reaches_an_anonymous_search_and_a_shielded_one_only_a_cleared_context(notes):
    notes(
        Note(1, "Haven openbaar"),
        Note(2, "Haven intern", level=AccessLevel.INTERN),
        Note(3, "Haven afgeschermd", level=AccessLevel.AFGESCHERMD),
    )
    assert sorted(found("haven", ctx=ANONYMOUS)) == [1]
    assert sorted(found("haven", ctx=PARTNER)) == [1, 2]
    assert sorted(found("haven", ctx=CLEARED)) == [1, 2, 3]
    public = search(ctx=ANONYMOUS, kinds=["testnotitie"])
    assert public.total == 1 and public.facets["access"] == {"openbaar": 1}


def test_a_context_without_any_level_finds_nothing(notes):
    notes(Note(1, "Haven"))
    assert search(ctx=context(), query="haven", kinds=["testnotitie"]).total == 0


def test_a_scoped_kind_is_found_only_by_its_own_organisation(notes):
    notes(
        Note(1, "Dossier haven", organisation_id=7),
        Note(2, "Dossier haven", organisation_id=8),
        kind="testdossier",
    )

    def dossiers(ctx):
        return sorted(int(h.object_id) for h in search(ctx=ctx, query="haven", kinds=["testdossier"]).hits)

    assert dossiers(context(AccessLevel.OPENBAAR, organisation_id=7)) == [1]
    assert dossiers(context(AccessLevel.OPENBAAR, organisation_id=8)) == [2]
    assert dossiers(ANONYMOUS) == []


# --- the index follows every change -----------------------------------------------------------


def test_an_edit_is_found_at_once_and_the_old_words_are_gone(notes):
    (note,) = notes(Note(1, "Zonnebloemveld"))
    assert found("zonnebloemveld") == [1]
    note.title = "Korenbloemakker"
    search_index_update(kind="testnotitie", obj=note)
    assert found("korenbloemakker") == [1] and found("zonnebloemveld") == []
    assert not IndexedTerm.objects.filter(term="zonnebloemveld").exists()
    assert IndexedTerm.objects.get(term="korenbloemakker").documents == 1


def test_a_changed_access_level_moves_the_terms_with_it(notes):
    (note,) = notes(Note(1, "Zonnebloemveld", level=AccessLevel.INTERN))
    note.level = AccessLevel.OPENBAAR
    search_index_update(kind="testnotitie", obj=note)
    assert found("zonnebloemveld", ctx=ANONYMOUS) == [1]
    assert list(
        IndexedTerm.objects.filter(term="zonnebloemveld").values_list("access_level", "documents")
    ) == [("openbaar", 1)]


def test_a_removed_document_is_gone_with_its_facets_and_terms(notes):
    notes(Note(1, "Zonnebloemveld", topics=["bloemen"]), Note(2, "Zonnebloemveld en haven"))
    assert search_index_remove(kind="testnotitie", object_id=1)
    assert found("zonnebloemveld") == [2]
    assert IndexedTerm.objects.get(term="zonnebloemveld").documents == 1
    assert not IndexedFacet.objects.filter(value="bloemen").exists()
    assert not search_index_remove(kind="testnotitie", object_id=1)


def test_a_rolled_back_change_leaves_the_index_as_it_was(notes):
    (note,) = notes(Note(1, "Zonnebloemveld"))
    note.title = "Korenbloemakker"
    with pytest.raises(RuntimeError), transaction.atomic():
        search_index_update(kind="testnotitie", obj=note)
        raise RuntimeError("the app's service failed after indexing")
    assert found("zonnebloemveld") == [1] and found("korenbloemakker") == []


def test_a_full_reindex_rebuilds_from_the_objects(notes):
    notes(Note(1, "Zonnebloemveld"), Note(2, "Haven"))
    NOTES[1].title = "Korenbloemakker"  # changed without the service, as a bulk load does
    del NOTES[2]
    NOTES[3] = Note(3, "Drugsafval", topics=["drugs"])
    assert search_reindex(kinds=["testnotitie"]) == {"testnotitie": 2}
    assert found("korenbloemakker") == [1] and found("haven") == [] and found("drugsafval") == [3]
    assert IndexedDocument.objects.filter(kind="testnotitie").count() == 2
    assert set(IndexedTerm.objects.filter(kind="testnotitie").values_list("term", flat=True)) == {
        "korenbloemakker",
        "drugsafval",
    }


def test_the_text_index_is_the_databases_own(db):
    """FTS5 on SQLite; on PostgreSQL a tsvector column with a GIN index."""
    with connection.cursor() as cursor:
        if isinstance(full_text_index(connection), TsvectorIndex):
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_text'")
            assert any("USING gin (vector)" in row[0] for row in cursor.fetchall())
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_text'")
            assert "USING fts5" in cursor.fetchone()[0]


def test_migrate_indexes_a_kind_that_has_objects_but_no_documents_yet(notes):
    """An existing database gets its objects indexed by the first `migrate` after the index
    came (post_migrate); a kind that is indexed already is left alone."""
    from weerbaar.search.services import search_index_empty_kinds

    NOTES[1] = Note(1, "Zonnebloemveld")
    assert "testnotitie" in search_index_empty_kinds()
    assert found("zonnebloemveld") == [1]
    NOTES[2] = Note(2, "Korenbloemakker")
    assert "testnotitie" not in search_index_empty_kinds()
    assert search_index_empty_kinds(using="audit") == {}
