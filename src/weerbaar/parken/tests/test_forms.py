"""The forms on the park profile: the provincial adviser records an assessment and a managing
partner starts a trajectory; bad input comes back naming the field, and nothing is stored."""

import pytest

from weerbaar.parken.models import Step, Trajectory, TrajectoryEvent, VitalityAssessment
from weerbaar.signals.tests.factories import client_for

pytestmark = pytest.mark.django_db

ASSESSMENT = {
    "beoordeling-quality": "4",
    "beoordeling-outlook": "7,5",
    "beoordeling-assessed_on": "2026-11-02",
    "beoordeling-assessor": "M. de Adviseur",
}
TRAJECTORY = {
    "traject-municipality_code": "GM0175",
    "traject-partners": "gemeente Ommen, VvE",
    "traject-first_step": "Keukentafelgesprekken met de bewoners",
    "traject-next_date": "2026-12-15",
}


def test_the_adviser_records_an_assessment(park, adviser):
    """Quality 4, outlook 7.5 is the quadrant kansrijk; the page says it was recorded."""
    client = client_for(adviser)
    response = client.post(f"/parken/{park.pk}/beoordeling", ASSESSMENT, follow=True)
    assessment = VitalityAssessment.objects.get(park=park)
    assert assessment.typology == "kansrijk" and assessment.assessor == "M. de Adviseur"
    assert "De vitaliteitsbeoordeling is vastgelegd." in response.content.decode()


def test_a_bad_assessment_names_the_field_and_stores_nothing(park, adviser):
    client = client_for(adviser)
    response = client.post(f"/parken/{park.pk}/beoordeling", {**ASSESSMENT, "beoordeling-quality": "12"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "weerbaar-error-summary" in page and 'href="#id_beoordeling-quality"' in page
    assert not VitalityAssessment.objects.exists()


def test_only_the_provincial_adviser_assesses(client, park, analyst):
    """A municipal analyst manages parks but does not assess them: no form, and a post is refused."""
    client = client_for(analyst)
    assert "beoordeling-quality" not in client.get(f"/parken/{park.pk}").content.decode()
    assert client.post(f"/parken/{park.pk}/beoordeling", ASSESSMENT).status_code == 403
    assert not VitalityAssessment.objects.exists()


def test_a_trajectory_is_started_from_the_profile(park, analyst):
    """The trajectory starts in intake with the municipality, partners and the first step agreed."""
    response = client_for(analyst).post(f"/parken/{park.pk}/traject", TRAJECTORY, follow=True)
    trajectory = Trajectory.objects.get(park=park)
    assert trajectory.step == Step.INTAKE and trajectory.partners == "gemeente Ommen, VvE"
    assert TrajectoryEvent.objects.get(trajectory=trajectory).text == "Keukentafelgesprekken met de bewoners"
    assert "Het traject is gestart." in response.content.decode()


def test_a_bad_trajectory_start_names_the_field(park, analyst):
    client = client_for(analyst)
    bad = {**TRAJECTORY, "traject-municipality_code": "GM9999", "traject-first_step": ""}
    response = client.post(f"/parken/{park.pk}/traject", bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_traject-municipality_code"' in page and 'href="#id_traject-first_step"' in page
    assert not Trajectory.objects.exists()


def test_a_second_open_trajectory_is_refused_above_the_fields(park, analyst):
    """The service's rule (one open trajectory per park) comes back on the form."""
    client = client_for(analyst)
    client.post(f"/parken/{park.pk}/traject", TRAJECTORY)
    response = client.post(f"/parken/{park.pk}/traject", TRAJECTORY)
    assert response.status_code == 400 and "lopend traject" in response.content.decode()
    assert Trajectory.objects.count() == 1
