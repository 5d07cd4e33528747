"""The case owns its team, interventions and evaluation: they are worked on the case page, in
tabs, and each action says what it did and returns to its tab. The signal page points there."""

from __future__ import annotations

from django.urls import reverse

from weerbaar.signals.workflow import State

from .conftest import org
from .factories import client_for, make_signal


def test_the_team_is_formed_on_the_case_page_and_the_action_says_so(riec):
    signal = make_signal(State.CASUS, team=("GM0193", "RIEC-ON"))
    client = client_for(riec)
    case_url = reverse("signals:case", args=[signal.case.pk])
    response = client.post(reverse("signals:team", args=[signal.case.pk]), {"organisation": org("BD").pk})
    assert response.status_code == 302 and response["Location"] == f"{case_url}#team"
    page = client.get(response["Location"]).content.decode()
    assert f"{org('BD').name} is aan het casusteam toegevoegd." in page
    assert signal.case.members.filter(organisation__code="BD").exists()
    # the form is on the case's team tab, for the RIEC
    assert 'id="team"' in page and 'id="team_organisation"' in page


def test_the_signal_page_has_tabs_and_points_to_its_case_without_the_case_forms(riec):
    signal = make_signal(State.EVALUATIE)
    body = client_for(riec).get(reverse("signals:detail", args=[signal.pk])).content.decode()
    for panel in ("overzicht", "onderwerpen", "verrijking", "casus", "opmerkingen", "geschiedenis"):
        assert f'href="#{panel}"' in body and f'id="{panel}"' in body, panel
    assert reverse("signals:case", args=[signal.case.pk]) in body
    # team, interventions and evaluation are worked on the case page, not here
    for form in ("team_organisation", "intervention_kind", "evaluation_effect"):
        assert f'id="{form}"' not in body, form
    assert reverse("signals:team", args=[signal.case.pk]) not in body


def test_an_outcome_is_recorded_by_the_executing_partner_or_the_lead_only(riec, politie):
    """The case page offers the outcome form to the executing partner (here the municipality) and
    to the lead (the RIEC); the police, in the team too, sees the intervention without the form.
    Without a result the page says so, and that the case cannot be closed yet."""
    signal = make_signal(State.EVALUATIE)
    intervention = signal.case.interventions.get()
    intervention.result = ""
    intervention.created_by = riec  # as the service records it (the factory builds it bare)
    intervention.save()
    case_url = reverse("signals:case", args=[signal.case.pk])
    as_riec = client_for(riec).get(case_url).content.decode()
    assert f'id="result-{intervention.pk}"' in as_riec
    assert "nog geen resultaat" in as_riec
    assert "De casus kan pas worden afgesloten als elke interventie een resultaat heeft." in as_riec
    as_politie = client_for(politie).get(case_url).content.decode()
    assert "bestuurlijk: sluiting art. 13b Opiumwet" in as_politie
    assert f'id="result-{intervention.pk}"' not in as_politie

    response = client_for(riec).post(
        reverse("signals:intervention_update", args=[intervention.pk]),
        {"executed_on": "2026-11-20", "result": "pand gesloten"},
    )
    assert response["Location"] == f"{case_url}#interventies"
    intervention.refresh_from_db()
    assert intervention.result == "pand gesloten"
    assert "De casus kan pas worden afgesloten" not in client_for(riec).get(case_url).content.decode()


def test_who_has_no_step_to_take_reads_whose_turn_it_is(gemeente, riec):
    """The reporter of a signal brought in has nothing to do: the page says the RIEC takes the next
    step, where the RIEC sees its step buttons instead."""
    signal = make_signal(State.INGEBRACHT)
    url = reverse("signals:detail", args=[signal.pk])
    as_reporter = client_for(gemeente).get(url).content.decode()
    assert "De volgende stap is aan het RIEC (informatieplein)." in as_reporter
    assert 'data-target="casus"' not in as_reporter
    as_riec = client_for(riec).get(url).content.decode()
    assert 'data-target="casus"' in as_riec and "De volgende stap is aan" not in as_riec
