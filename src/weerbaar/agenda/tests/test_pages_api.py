"""The agenda's pages, PDF and API: what a partner sees, and that others see nothing."""

import pytest
from django.test import Client

from weerbaar.agenda.services import action_update, agenda_publish
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user, pdf_text, persona_client
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(agenda, region):
    province = ctx_of(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))
    action_update(
        ctx=province,
        key="expertisecentrum-vakantieparken",
        changes={"status": "gereed", "results_nl": "Het expertisecentrum begeleidt twaalf parken."},
    )
    return agenda_publish(ctx=province, reason="Jaarversie 2022", dvo=True)


def test_the_agenda_page_shows_the_five_themes_and_the_draft_state(agenda):
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    html = client.get("/agenda/").content.decode()
    for name in (
        "Informatiegestuurd werken",
        "Operationele samenwerking",
        "Leren van de BZK-pilots in Almelo en Dalfsen",
    ):
        assert name in html
    assert "Het concept is gelijk aan de laatste versie." in html


def test_the_diff_page_marks_deleted_and_inserted_words(two_versions):
    client = persona_client(Client, Role.RIEC_ANALIST)
    html = client.get("/agenda/versies/1/verschil/2").content.decode()
    assert (
        '<del class="weerbaar-del"><span class="weerbaar-visually-hidden">[verwijderd: </span>loopt' in html
    )
    assert (
        '<ins class="weerbaar-ins"><span class="weerbaar-visually-hidden">[toegevoegd: </span>gereed' in html
    )
    assert "twaalf parken" in html
    assert "Jaarversie 2022" in html
    assert client.get("/agenda/versies/1/verschil/9").status_code == 404
    assert (
        client.get("/agenda/versies/", {"oud": "1", "nieuw": "2"})["Location"]
        == "/agenda/versies/1/verschil/2"
    )


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        (
            "nl",
            [
                "Samenwerkingsagenda aanpak ondermijning in Overijssel",
                "Versie 2 van",
                "Buitengebied en vakantieparken",
                "Expertisecentrum vitale vakantieparken",
                "Status: gereed",
                "twaalf parken",
            ],
            "Ferienparks",
        ),
        (
            "de",
            [
                "Kooperationsagenda",
                "Version 2 vom",
                "Ländlicher Raum und Ferienparks",
                "Expertisezentrum vitale Ferienparks",
                "Status: fertig",
                "Grenzüberschreitende",
            ],
            "Buitengebied en",
        ),
    ],
)
def test_the_dvo_pdf_in_dutch_and_german(two_versions, language, expected, absent):
    """The DVO version as PDF: headings, themes, actions and statuses in the chosen language;
    a text without a German version (the new result) falls back to Dutch."""
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    response = client.get("/agenda/versies/2/dvo.pdf", {"taal": language})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for words in expected:
        assert words in text, words
    assert absent not in text


def test_the_public_and_anonymous_see_no_agenda(two_versions):
    public = persona_client(Client, Role.PUBLIEK)
    assert public.get("/agenda/versies/2/dvo.pdf").status_code == 403
    assert public.get("/api/v1/agenda/versies/1/verschil/2").status_code == 403
    assert Client().get("/api/v1/agenda/versies").status_code == 401


def test_the_api_lists_versions_gives_the_diff_and_takes_comments(two_versions):
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    versions = client.get("/api/v1/agenda/versies").json()
    assert [(v["nummer"], v["reden"]) for v in versions][:1] == [(2, "Jaarversie 2022")]
    diff = client.get("/api/v1/agenda/versies/1/verschil/2").json()
    assert diff["toegevoegd"] == [] and diff["verwijderd"] == []
    assert [(f["veld"], f["nieuw"]) for f in diff["gewijzigd"][0]["velden"]] == [
        ("status", "gereed"),
        ("results", "Het expertisecentrum begeleidt twaalf parken."),
    ]
    posted = client.post(
        "/api/v1/agenda/acties/bzk-pilots/opmerkingen",
        {"tekst": "Dalfsen deelt de evaluatie."},
        content_type="application/json",
    )
    assert posted.status_code == 201 and posted.json()["bijVersie"] == 2
    comments = client.get("/api/v1/agenda/acties/bzk-pilots/opmerkingen").json()
    assert [c["tekst"] for c in comments] == ["Dalfsen deelt de evaluatie."]
    assert client.get("/api/v1/agenda/acties/onbekend/opmerkingen").status_code == 404


def test_publishing_through_the_api_is_for_the_province(two_versions):
    analist = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    refused = analist.post("/api/v1/agenda/versies", {"reden": "x"}, content_type="application/json")
    assert refused.status_code == 403
    adviseur = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    unchanged = adviseur.post("/api/v1/agenda/versies", {"reden": "x"}, content_type="application/json")
    assert unchanged.status_code == 400
