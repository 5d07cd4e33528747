"""Who may use each URL of the holiday-park register (tests/test_access_matrix.py runs every case
for every role). Pages are for partners; the Algoritmeregister page and the API's outline and
name are public; assessing a park is for the provincial adviser, starting and moving a trajectory for the managing roles (others get 403 from the service)."""

from weerbaar.core.matrix import EVERYONE, PARTNERS, Case

MANAGING = frozenset({"provinciaal_adviseur", "gemeentelijk_analist", "beheerder"})

CASES = [
    Case("parken:list", PARTNERS),
    Case("parken:detail", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("parken:trajectories", PARTNERS),
    Case("parken:algorithm", EVERYONE),
    Case("parken:trajectory_move", PARTNERS, kwargs={"pk": 999}, method="post", ok=404, html=False),
    Case("parken:assessment_add", PARTNERS, kwargs={"pk": 999}, method="post", ok=404, html=False),
    Case("parken:trajectory_start", PARTNERS, kwargs={"pk": 999}, method="post", ok=404, html=False),
    Case("api:park_list_api", EVERYONE, api=True),
    Case("api:park_get_api", EVERYONE, kwargs={"id": 999}, api=True, ok=404),
]
