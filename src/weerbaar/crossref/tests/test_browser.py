"""In a real browser, in Dutch and German: a municipal analyst creates a partner dataset,
uploads a CSV, maps its columns, sees the preview name the bad row, imports it and reads the
version's row report; every page passes axe-core's WCAG 2.1 AA checks."""

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

pytestmark = pytest.mark.browser

CSV = (
    "Achternaam;Voornamen;Geboortedatum;Postcode;Huisnummer\r\n"
    "Berg, van der;Jan;04-03-1980;8011 AB;12 a\r\n"
    "Bakker;Piet;31-02-1990;8011 AD;7\r\n"
)
TARGETS = [
    "person.last_name",
    "person.first_name",
    "person.birth_date",
    "address.postcode",
    "address.huisnummer",
]


@pytest.mark.parametrize("language", ["nl", "de"])
def test_upload_mapping_preview_and_version(page, context, region, settings, tmp_path, language):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="browser-analist"))
    set_language(context, language)
    page.goto("/kruisverwijzing/partnerbestanden/")
    assert not axe_violations(page), axe_violations(page)
    page.fill("#id_naam", "Bewoners De Eik (fictief)")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/partnerbestanden/*")
    dataset_url = page.url
    path = tmp_path / "bewoners.csv"
    path.write_bytes(CSV.encode("cp1252"))
    page.set_input_files("#id_bestand", str(path))
    page.locator("form", has=page.locator("#id_bestand")).locator("button[type=submit]").click()
    page.wait_for_url("**/koppeling")
    for i, target in enumerate(TARGETS):
        page.select_option(f"#kolom-{i}", target)
    page.locator("button[name=voorbeeld]").click()
    page.get_by_text("1980-03-04", exact=False).first.wait_for()
    preview = page.locator("main").inner_text()
    assert "Geboortedatum: '31-02-1990'" in preview
    assert not axe_violations(page), axe_violations(page)
    page.locator("button[name=opslaan]").click()
    page.wait_for_url("**/versies/*")
    report = page.locator("main").inner_text()
    assert (
        "31-02-1990" in report and ("Rapport per rij" if language == "nl" else "Bericht je Zeile") in report
    )
    assert not axe_violations(page), axe_violations(page)

    # the holder's page: the index the platform made from the delivery, the offline way, no questions yet
    page.goto(dataset_url)
    index = page.locator("main").inner_text()
    made = "door het platform gemaakt" if language == "nl" else "von der Plattform aus einer Lieferung"
    assert made in index and "xref_index" in index
    assert ("Nog geen vragen." if language == "nl" else "Noch keine Anfragen.") in index
    assert not axe_violations(page), axe_violations(page)
