"""The case's link chart and timeline in a real browser (issue 16 item 4): Cytoscape.js draws one
node per entity (a person subject matched to the register person is one node, a company in two
signals is one node), with a legend by kind, a node list for the keyboard that selects in the
chart, expansion by kind, a table alternative, and a time axis above the list of events."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.signals.workflow import State

from .factories import add_subject, make_signal

pytestmark = pytest.mark.browser
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"


def _case(riec):
    signal = make_signal(State.CASUS)
    second = make_signal(State.CASUS)
    type(second).objects.filter(pk=second.pk).update(case=signal.case)
    for s in (signal, second):
        add_subject(s, "onderneming", "12345678")
        add_subject(s, "persoon", "Jan de Vries", name="Jan de Vries", birth_date=dt.date(1980, 1, 1))
    add_subject(signal, "adres", "8011 AB 12")
    return signal


def _shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}x{height}.png"), full_page=True)


def test_the_link_chart_shows_one_node_per_entity_with_a_legend(context, page, riec, registers_data):
    signal = _case(riec)
    page.goto("/health")
    log_in_as(context, riec)
    page.goto(reverse("signals:case", args=[signal.case.pk]) + "#netwerk")
    chart = page.locator("#network")
    page.wait_for_function("document.getElementById('network').dataset.nodeCount !== '0'")
    # two signals, one company, one person (subject = register person P-1), one address
    assert chart.get_attribute("data-node-count") == "5"
    assert chart.locator("canvas").count() >= 1  # drawn by Cytoscape.js
    buttons = page.locator("#network-list button")
    assert buttons.count() == 5
    assert page.locator("#network-list button", has_text="persoon:").count() == 1
    legend = page.locator("#network-legend li")
    assert sorted(t.strip() for t in legend.all_inner_texts()) == sorted(
        ["adres (1)", "onderneming (1)", "persoon (1)", "signaal (2)"]
    )
    # the table alternative: one row per link (each signal to its subjects)
    assert page.locator("#network-table tbody tr").count() == 5
    # keyboard: a node chosen in the list is selected in the chart; expand only its persons
    page.locator("#network-list button", has_text="onderneming:").focus()
    page.keyboard.press("Enter")
    assert page.locator("#network-current").inner_text().startswith("Gekozen: onderneming")
    assert page.evaluate(
        "document.querySelector('#network-list button[aria-pressed=true]').textContent"
    ).strip()
    page.locator("#network-expand button", has_text="Alle buren").click()
    page.wait_for_function("document.getElementById('network-status').textContent !== ''")
    assert int(chart.get_attribute("data-node-count")) >= 5
    # the time axis and its text alternative
    assert page.locator("svg.signals-timeline circle").count() >= 1
    assert page.locator("#case-timeline ~ ol li").count() >= 1
    assert not axe_violations(page)
    _shoot(page, "signals-case-network")


def test_the_german_chart_shows_no_dutch_kind_names(context, page, riec, registers_data):
    signal = _case(riec)
    page.goto("/health")
    set_language(context, "de")
    log_in_as(context, riec)
    page.goto(reverse("signals:case", args=[signal.case.pk]) + "#netwerk")
    page.wait_for_function("document.getElementById('network').dataset.nodeCount !== '0'")
    texts = " ".join(page.locator("#network-legend li, #network-list button").all_inner_texts())
    assert "Unternehmen" in texts or "unternehmen" in texts.lower()
    assert not re.search(r"\b(onderneming|persoon|signaal|adres)\b", texts), texts
    assert not axe_violations(page)
    _shoot(page, "signals-case-network-de")
