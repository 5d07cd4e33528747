from django.test import Client

from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client


def test_anonymous_sees_only_open_factsheets(starter):
    """The public browses open factsheets; closed ones do not exist for them."""
    client = Client()
    page = client.get("/factsheets?q=kadaster").content.decode()
    assert "Basisregistratie Kadaster — kadastrale kaart" in page
    assert "eigenaren en zakelijk gerechtigden" not in page
    assert client.get("/factsheets/brp").status_code == 404


def test_partner_sees_closed_factsheets_as_discoverable(starter):
    """A logged-in partner finds the closed BRP factsheet: that it exists, who holds it, how to ask."""
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    response = client.get("/factsheets/brp")
    assert response.status_code == 200
    html = response.content.decode()
    assert "afgeschermd" in html and "Wet basisregistratie personen" in html


def test_the_list_shows_hits_facets_and_pages(starter):
    """A search lists the hits with owner and access level, the facet counts, and paging."""
    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    html = client.get("/factsheets", {"q": "vakantieparken"}).content.decode()
    assert 'href="/factsheets/recreatieparkenregister"' in html
    assert "Recreatieparkenregister Overijssel" in html and "weerbaar-badge--intern" in html
    assert 'name="theme" value="vakantieparken"' in html and 'name="access" value="intern"' in html
    everything = client.get("/factsheets").content.decode()
    assert "Pagina 1 van 3" in everything and "pagina=2" in everything


def test_the_detail_page_shows_the_source_and_its_contact_point(starter):
    """Who holds the data, how to ask, and whom to contact (the mailbox for logged-in users only)."""
    html = persona_client(Client, Role.PROVINCIAAL_ADVISEUR).get("/factsheets/bag").content.decode()
    assert "Basisregistratie Adressen en Gebouwen (BAG)" in html and "Eigenaar (bronhouder)" in html
    assert "Geo-informatieloket — dataviewer en luchtfoto&#x27;s — Provincie Overijssel" in html
    assert "mailto:geo-loket@provincie.example" in html
    public = Client().get("/factsheets/bag").content.decode()
    assert "Geo-informatieloket — dataviewer" in public and "geo-loket@provincie.example" not in public


def test_the_contact_point_shown_is_logged(starter):
    """The factsheet's contact entry is personal data: showing it writes an audit entry."""
    from weerbaar.audit.models import AuditEntry

    persona_client(Client, Role.PROVINCIAAL_ADVISEUR).get("/factsheets/bag")
    entry = AuditEntry.objects.using("audit").filter(object_type="contact").order_by("-id").first()
    assert entry.action == "view" and entry.actor == "persona-provinciaal_adviseur"
    assert entry.detail == {"via": "contactpunt"}


def test_the_version_history_lists_every_version(starter):
    html = persona_client(Client, Role.PROVINCIAAL_ADVISEUR).get("/factsheets/bag/versies").content.decode()
    assert "Versiegeschiedenis" in html and "startcatalogus" in html


def test_the_period_is_written_as_dates_or_left_out(starter):
    """No "Periode … – …" placeholders: an unknown period is left out, a half-open one reads
    "vanaf"/"tot", a closed one is two short dates of the page's language."""
    import datetime as dt

    from weerbaar.catalog.models import Factsheet

    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    Factsheet.objects.filter(identifier="bag").update(temporal_start=None, temporal_end=None)
    html = client.get("/factsheets/bag").content.decode()
    assert "…" not in html and "<dt>Periode</dt>" not in html
    Factsheet.objects.filter(identifier="bag").update(temporal_start=dt.date(2009, 7, 1))
    assert "vanaf 1-7-2009" in client.get("/factsheets/bag").content.decode()
    Factsheet.objects.filter(identifier="bag").update(temporal_end=dt.date(2026, 1, 31))
    assert "1-7-2009 – 31-1-2026" in client.get("/factsheets/bag").content.decode()
