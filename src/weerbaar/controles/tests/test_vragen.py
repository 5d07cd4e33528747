"""Checklist questions per language: a German team reads the shipped questions in German on the
checklist page and in the API; a question without a translation falls back to Dutch; loading the
shipped set again fills missing translations without overwriting a partner's own text."""

from __future__ import annotations

import pytest

from weerbaar.core.testing import login_verified
from weerbaar.privacy.testing import ctx_of

from .. import services
from ..models import Vraag
from .factories import BINNEN

pytestmark = pytest.mark.django_db

DRUGS_NL = "Zijn er aanwijzingen voor drugsproductie of -opslag?"
DRUGS_DE = "Gibt es Hinweise auf Drogenherstellung oder -lagerung?"
DRUGS_EN = "Are there signs of drug production or storage?"


def test_the_german_checklist_page_shows_the_german_question(controle, politie, client):
    """With German active the checklist shows the police question in German, not in Dutch; in
    Dutch it shows the Dutch text."""
    login_verified(client, politie)
    url = f"/controles/{controle.pk}/adres/{BINNEN[0]}"
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert DRUGS_DE in german and DRUGS_NL not in german
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert DRUGS_NL in dutch and DRUGS_DE not in dutch


def test_the_api_gives_the_questions_in_the_asked_language(controle, politie, client):
    """`/vragen` answers in the Accept-Language: English text for English."""
    login_verified(client, politie)
    rows = client.get(f"/api/v1/controles/{controle.pk}/vragen", HTTP_ACCEPT_LANGUAGE="en").json()
    assert DRUGS_EN in [r["tekst"] for r in rows]
    assert DRUGS_NL not in [r["tekst"] for r in rows]


def test_an_untranslated_question_falls_back_to_dutch_and_reloading_keeps_own_text(controle, analist):
    """A partner's own question without German shows Dutch under German; reloading the shipped set
    fills an emptied German text again but leaves a partner's changed English text alone."""
    from django.utils import translation

    eigen = Vraag.objects.create(organisatie_soort="politie", tekst_nl="Is de poort open?")
    shipped = Vraag.objects.get(tekst_nl=DRUGS_NL)
    Vraag.objects.filter(pk=shipped.pk).update(tekst_de="", tekst_en="Own English text")
    assert services.vragen_standaard_laden(ctx=ctx_of(analist, second_factor=True)) == 0
    shipped.refresh_from_db()
    assert (shipped.tekst_de, shipped.tekst_en) == (DRUGS_DE, "Own English text")
    with translation.override("de"):
        assert eigen.tekst == "Is de poort open?"
        assert shipped.tekst == DRUGS_DE
