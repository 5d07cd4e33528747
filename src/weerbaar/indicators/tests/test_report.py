"""The municipality's PDF report (nl, de): the same figures as the profile page, suppression
strings included, in the report's language; an unknown municipality is a 404."""

from __future__ import annotations

import re

import pytest

from weerbaar.core.testing import pdf_text
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context

from ..charts import localised
from ..services import cbs_criminaliteit_load

PLATFORM = command_context(command="test")


@pytest.fixture
def figures(region):
    cbs_criminaliteit_load(ctx=PLATFORM, owner=Organisation.objects.get(kind=OrganisationKind.PROVINCIE))


@pytest.mark.parametrize(
    ("language", "title", "column"),
    [
        ("nl", "Ondermijning in cijfers: Zwolle", "Vergelijkbare gemeenten (mediaan)"),
        ("de", "Zwolle", "Provinz"),
    ],
)
def test_the_report_holds_the_figures_of_the_page(client, figures, language, title, column):
    page = client.get("/indicatoren/gemeente/GM0193")
    comparisons = page.context["comparisons"]
    assert comparisons
    response = client.get(f"/indicatoren/gemeente/GM0193.pdf?taal={language}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"rapport-GM0193-{language}.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert title in text and column in text
    from django.utils import translation

    with translation.override(language):
        for c in comparisons:
            assert c.period in text, c.period
            for shown in (c.own, c.similar, c.province):
                if shown:
                    assert localised(shown) in text, (c.name, shown)
    assert {"nl": "Bron: CBS / Politie", "de": "Quelle: CBS / Politie"}[language] in text


def test_the_german_report_writes_decimal_commas_and_no_dutch_headings(client, figures):
    text = pdf_text(client.get("/indicatoren/gemeente/GM0193.pdf?taal=de").content)
    assert re.search(r"\b40,4\b", text)  # Zwolle's brengdelicten per 1,000, as the page shows it in de
    assert (
        "Indicatoren vergeleken" not in text and "Vergelijkbare gemeenten" not in text and "Bron:" not in text
    )


def test_an_unknown_municipality_has_no_report(client, figures):
    assert client.get("/indicatoren/gemeente/GM9999.pdf?taal=nl").status_code == 404


@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Ondermijning in cijfers: Overijssel"), ("de", "Unterwanderung in Zahlen: Overijssel")],
)
def test_the_province_report_holds_the_dashboards_figures_for_every_municipality(
    client, figures, language, title
):
    """For the dashboard's indicator and period, every municipality's published figure (in the
    report's language) is in the province's PDF."""
    from django.utils import translation

    client.cookies["weerbaar_language"] = language
    with translation.override("nl"):
        page = client.get("/indicatoren/dashboard/?indicator=cbs-brengdelicten-per-1000")
    rows = page.context["rows"]
    assert len(rows) == 25
    response = client.get(f"/indicatoren/provincie.pdf?taal={language}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert title in text and page.context["period_label"] in text
    for row in rows:
        assert row.name in text and (row.shown or "-") in text, row
