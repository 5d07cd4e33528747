"""The summary report as PDF in Dutch and German: German headings in the German file; the partners'
version has the exact figures and signal numbers, the public-safe version shows a count below five
as "< 5" and names no address; a non-partner gets 404."""

from __future__ import annotations

import pytest

from weerbaar.core.testing import login_verified, pdf_text
from weerbaar.privacy.testing import ctx_of

from .. import services
from .factories import BINNEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def met_bevindingen(controle, analist):
    """Six findings: five needing follow-up, one without anything; one made a signal."""
    ctx = ctx_of(analist, second_factor=True)
    made = [
        services.bevinding_vastleggen(
            ctx=ctx,
            controle=controle,
            sleutel=f"rapport-{n:04d}",
            adres_sleutel=BINNEN[n % 3],
            opvolging=n < 5,
        ).bevinding
        for n in range(6)
    ]
    nummer = services.bevinding_naar_signaal(ctx=ctx, bevinding=made[0])
    return controle, nummer


def test_the_public_pdf_in_german_has_german_headings_and_hides_small_counts(
    met_bevindingen, analist, client
):
    """German headings (not the Dutch ones); three addresses appear as "< 5"; the five follow-ups
    as 5; no address and no signal number in the public file."""
    controle, nummer = met_bevindingen
    login_verified(client, analist)
    response = client.get(f"/controles/{controle.pk}/samenvatting/publiek.pdf?taal=de")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Feststellungen nach Art" in text and "Bevindingen per soort" not in text
    assert "Adressen in der Besuchsliste: < 5" in text
    assert "Nachverfolgung nötig: 5" in text
    assert "Controlestraat 1" not in text and nummer not in text


def test_the_partners_pdf_has_exact_figures_and_the_signal_numbers(met_bevindingen, analist, client):
    """The partners' version (Dutch) gives the exact count 3 and the signal's number."""
    controle, nummer = met_bevindingen
    login_verified(client, analist)
    text = pdf_text(client.get(f"/controles/{controle.pk}/samenvatting.pdf?taal=nl").content)
    assert "Adressen in de bezoeklijst: 3" in text
    assert "Bevindingen per soort" in text and nummer in text


def test_a_non_partner_gets_404_for_both_pdfs(controle, riec, client):
    login_verified(client, riec)
    assert client.get(f"/controles/{controle.pk}/samenvatting.pdf?taal=de").status_code == 404
    assert client.get(f"/controles/{controle.pk}/samenvatting/publiek.pdf").status_code == 404
