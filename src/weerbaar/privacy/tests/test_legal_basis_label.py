"""A legal basis is named once, in the language of the page."""

import pytest
from django.utils import translation

from weerbaar.privacy.models import LegalBasis


@pytest.mark.django_db
def test_a_vocabulary_basis_is_named_once_and_translated():
    """The starter stores "Handelsregisterwet 2007" as title and article; it must not read
    "Handelsregisterwet 2007 (Handelsregisterwet 2007)", and German and English pages name it in
    their own language."""
    basis = LegalBasis(
        code="handelsregisterwet", title="Handelsregisterwet 2007", article="Handelsregisterwet 2007"
    )
    with translation.override("nl"):
        assert str(basis) == "Handelsregisterwet 2007"
    with translation.override("de"):
        assert str(basis) == "Handelsregistergesetz 2007 (NL)"
    with translation.override("en"):
        assert str(basis) == "Trade Register Act 2007"


@pytest.mark.django_db
def test_a_register_basis_shows_its_article_once():
    """A basis with a title and a separate article shows both; an article the title contains, once."""
    assert str(LegalBasis(code="x-1", title="Wet Bibob", article="art. 7a")) == "Wet Bibob (art. 7a)"
    assert str(LegalBasis(code="x-2", title="Opiumwet art. 13b", article="art. 13b")) == "Opiumwet art. 13b"
