"""The attention score and the quadrant: every input visible with its weight and contribution,
missing inputs named and left out, and the bulk recompute storing what `explain` says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from weerbaar.parken.models import Park
from weerbaar.parken.services import scores_recompute
from weerbaar.parken.vitality import explain, indicator_set, typology_of
from weerbaar.privacy.context import command_context


def test_weights_come_from_the_data_file():
    """The indicator set is data: six indicators with positive weights and a version."""
    the_set = indicator_set()
    assert {i.code for i in the_set.indicators} >= {"permanente_bewoning", "signalen", "onderhoud"}
    assert all(i.weight > 0 for i in the_set.indicators) and the_set.version


def test_explanation_adds_up_to_the_score():
    """The contributions add up to the score; scaled values are clipped to 0..1."""
    exp = explain({"permanent_residents_share": 0.95, "signals_two_years": 0, "maintenance_state": 3})
    parts = {c.indicator.code: c for c in exp.contributions}
    assert parts["permanente_bewoning"].scaled == 1.0
    assert parts["signalen"].scaled == 0.0
    assert parts["onderhoud"].scaled == 0.5
    assert exp.score == pytest.approx(sum(c.points for c in exp.contributions), abs=0.05)
    # weights 3 (residents) + 2 (signals) + 1 (maintenance) of 11: (3*1 + 0 + 1*0.5) / 6
    assert exp.score == pytest.approx(100 * 3.5 / 6, abs=0.05)
    assert exp.coverage == pytest.approx(6 / 11, abs=0.001)


def test_missing_inputs_are_named_and_no_inputs_means_no_score():
    exp = explain({"signals_two_years": 8})
    assert "Aandeel leegstand" in exp.missing and exp.score == 100.0
    assert explain({}).score is None


@pytest.mark.parametrize(
    ("quality", "outlook", "typology"),
    [(8, 8, "vitaal"), (4, 8, "kansrijk"), (8, 4, "kwetsbaar"), (4, 4, "niet_vitaal"), (5.5, 5.5, "vitaal")],
)
def test_quadrant_gives_the_typology(quality, outlook, typology):
    assert typology_of(Decimal(str(quality)), Decimal(str(outlook))) == typology


@pytest.mark.django_db
def test_bulk_recompute_stores_the_explained_score(park):
    """After a recompute every park holds the score, coverage and version `explain` gives."""
    Park.objects.filter(pk=park.pk).update(attention_score=None, score_version="")
    result = scores_recompute(ctx=command_context(command="test"))
    park.refresh_from_db()
    expected = explain({"permanent_residents_share": 0.3, "signals_two_years": 4})
    assert result.parks == 1 and result.scored == 1
    assert park.attention_score == expected.score and park.score_version == indicator_set().version


@pytest.mark.parametrize(
    ("language", "label", "why_starts"),
    [
        ("nl", "Aandeel permanente bewoners", "Permanente bewoning"),
        ("de", "Anteil dauerhafter Bewohner", "Dauerhaftes Wohnen"),
        ("en", "Share of permanent residents", "Permanent residence"),
    ],
)
def test_indicator_names_follow_the_active_language(language, label, why_starts):
    """Every indicator has a name and a reason in nl, de and en; the active language picks one."""
    from django.utils import translation

    from weerbaar.parken.vitality import indicator_set

    the_set = indicator_set()
    assert all(set(i.labels) == set(i.whys) == {"nl", "de", "en"} for i in the_set.indicators)
    with translation.override(language):
        first = the_set.indicators[0]
        assert first.label == label and first.why.startswith(why_starts)
