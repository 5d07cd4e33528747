"""Base-register look-ups: open parts for everyone, owners, residents and persons only with clearance.

Which fields each persona gets back is tested in `tests/test_lookups_api.py`; here: who may call.
"""

from weerbaar.core.access import Role
from weerbaar.core.matrix import EVERYONE, LOGGED_IN, SHIELDED, Case

#: imports change the registers everyone reads from: administrators only (as ImportRunPolicy)
IMPORTERS = frozenset({Role.BEHEERDER})

CASES = [
    # addresses are BAG open data; residents in the answer only with clearance
    Case("api:adressen", EVERYONE, api=True, data={"postcode": "8011AB", "huisnummer": 1}),
    # not in the empty matrix database: 404 for everyone, never 401/403 (parcel outlines are open)
    Case("api:kadastraal_object", EVERYONE, kwargs={"aanduiding": "ZWL00 K 1234"}, api=True, ok=404),
    # openbare ruimten are BAG open data; an unknown (valid) identificatie is 404 for everyone
    Case("api:openbare_ruimten", EVERYONE, api=True, data={"naam": "ruyterlaan", "woonplaats": "Zwolle"}),
    Case("api:openbare_ruimte", EVERYONE, kwargs={"identificatie": "0193300000000001"}, api=True, ok=404),
    Case("api:onderneming", EVERYONE, kwargs={"kvkNummer": "12345678"}, api=True, ok=404),
    # suggestions while typing a subject: addresses open, companies as their policy says (the
    # empty matrix database answers [] for everyone); persons refused without clearance
    Case("api:suggesties", EVERYONE, api=True, data={"soort": "adres", "q": "Rietweg Almelo"}),
    Case(
        "api:suggesties",
        frozenset({Role.RIEC_ANALIST, Role.PARTNER}),
        api=True,
        data={"soort": "persoon", "q": "Berg"},
        headers={"Doelbinding": "informatieplein"},
    ),
    # a purpose-bound read: only the personas whose organisation holds a grant for the purpose
    # named in the Doelbinding header (the RIEC and the police: informatieplein) get persons
    Case(
        "api:personen",
        frozenset({Role.RIEC_ANALIST, Role.PARTNER}),
        api=True,
        data={"naam": "Berg"},
        headers={"Doelbinding": "informatieplein"},
    ),
    Case("registers:import", IMPORTERS),
    # no job exists in the matrix database: 404 for the administrator, refused for everyone else
    Case("registers:import_job", IMPORTERS, kwargs={"pk": 1}, ok=404, html=False),
    Case("registers:import_job_status", IMPORTERS, kwargs={"pk": 1}, ok=404, html=False),
]

# the look-up page: addresses, companies and parcels for every logged-in user (what each sees is
# the policies'); persons only for the personas with shielded clearance, refused (and logged) else
CASES += [
    Case("registers:lookup", LOGGED_IN, data={"soort": "adres", "straat": "Rietweg", "plaats": "Almelo"}),
    Case("registers:lookup_person", SHIELDED, data={"naam": "Berg"}),
]
