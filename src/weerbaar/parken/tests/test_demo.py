"""The demo's holiday parks: every municipality of the region has one, inside its boundary,
marked fictitious, with a spread of typologies and scores; a second run changes nothing."""

from __future__ import annotations

import io

import pytest

from weerbaar.organisations.models import Area, AreaKind
from weerbaar.parken.demo import PARK_RICH, load, load_parks
from weerbaar.parken.models import Park, Trajectory, VitalityAssessment

pytestmark = pytest.mark.django_db


def test_every_municipality_has_a_fictitious_park_inside_its_boundary(region):
    """Each of the 25 municipalities gets at least one park, its outline's centre inside the
    municipality, all marked fictitious; the park-rich municipalities get a second."""
    parks = load_parks()
    municipalities = {a.code: a.geometry for a in Area.objects.filter(kind=AreaKind.GEMEENTE)}
    assert len(municipalities) == 25
    by_place: dict[str, list[Park]] = {}
    for park in parks:
        by_place.setdefault(park.municipality_code, []).append(park)
        assert park.fictitious and "fictief" in park.name
        assert municipalities[park.municipality_code].contains(park.geometry.centroid), park.code
    assert set(by_place) == set(municipalities)
    assert all(len(by_place[code]) == 2 for code in PARK_RICH)
    assert len(parks) == 25 + len(PARK_RICH)


def test_the_demo_shows_a_spread_of_typologies_and_scores(region):
    """All four quadrants occur, and the attention scores span most of the scale: the demo shows
    what the picture distinguishes, not thirty parks alike."""
    load_parks()
    parks = list(Park.objects.all())
    typologies = set(VitalityAssessment.objects.values_list("typology", flat=True))
    assert typologies == {"vitaal", "kansrijk", "kwetsbaar", "niet_vitaal"}
    scores = [float(p.attention_score) for p in parks if p.attention_score is not None]
    assert len(scores) == len(parks)
    assert max(scores) - min(scores) >= 50


def test_the_loader_is_deterministic_and_idempotent(region):
    """A second run updates the same parks by code: no new parks, assessments or trajectories,
    and the same places."""
    first = {p.code: p.geometry.wkt for p in load_parks()}
    trajectories = Trajectory.objects.count()
    load(io.StringIO())
    assert {p.code: p.geometry.wkt for p in Park.objects.all()} == first
    assert Trajectory.objects.count() == trajectories == 8
