"""In a real browser, in Dutch and German: a municipal analyst creates a partner dataset,
uploads a CSV, maps its columns, sees the preview name the bad row, imports it and reads the
version's row report; then links it with a second dataset, reviews the explained pairs, judges
one, and after the next delivery of the second dataset links again and finds the judgement
reused. Every page passes axe-core's WCAG 2.1 AA checks."""

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
#: the second partner's export: the same Jan written otherwise, and someone else
OTHER_CSV = (
    "Achternaam;Voornamen;Geboortedatum;Postcode;Huisnummer\r\n"
    "Berg, v.d.;J.;4-3-1980;8011AB;12A\r\n"
    "Smit;Kees;01-01-1960;8011 SA;9\r\n"
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
    dataset_url = _new_dataset(page, "Bewoners De Eik (fictief)")
    _upload_and_map(page, tmp_path / "bewoners.csv", CSV)
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

    # a second partner dataset, linked with the first: review, judge, next delivery, link again
    settings.WEERBAAR_JOBS_IMMEDIATE = True
    versions = page.locator("main a[href*='/versies/']")
    first_version_url = versions.first.get_attribute("href")
    other_dataset = _deliver(page, tmp_path, "Vergunninghouders (fictief)", OTHER_CSV)
    page.goto(first_version_url)
    page.select_option("#tegen", label="Vergunninghouders (fictief) v1")
    page.locator("form[action*='koppel'] button[type=submit]").click()
    page.wait_for_url("**/koppelingen/*")
    pair = page.locator("section[id^=paar-]").first
    assert "Berg" in pair.inner_text() and pair.locator("table tbody tr").count() >= 3  # the explanation
    explained = pair.locator("table").inner_text()
    assert ("geboortedatum\tgelijk" if language == "nl" else "Geburtsdatum\tgleich") in explained
    assert "birth_date" not in explained and "missing" not in explained
    assert not axe_violations(page), axe_violations(page)
    same = "dezelfde" if language == "nl" else "dieselbe"
    pair.get_by_role("button", name=same, exact=True).click()
    page.wait_for_url("**/koppelingen/*")
    judged = page.locator("section[id^=paar-]").first.inner_text()
    assert ("oordeel: dezelfde" if language == "nl" else "Urteil: dieselbe") in judged

    _deliver(page, tmp_path, None, OTHER_CSV, dataset_url=other_dataset)  # the next delivery: v2
    page.goto(first_version_url)
    page.select_option("#tegen", label="Vergunninghouders (fictief) v2")
    page.locator("form[action*='koppel'] button[type=submit]").click()
    page.wait_for_url("**/koppelingen/*")
    again = page.locator("section[id^=paar-]").first.inner_text()
    assert ("oordeel: dezelfde" if language == "nl" else "Urteil: dieselbe") in again  # reused
    assert not axe_violations(page), axe_violations(page)


def _new_dataset(page, name: str) -> str:
    """A new partner dataset named `name`, made on the list page; its URL."""
    page.goto("/kruisverwijzing/partnerbestanden/")
    page.fill("#id_naam", name)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/partnerbestanden/*")
    return page.url


def _upload_and_map(page, path, csv: str) -> None:
    """On a dataset's page: upload `csv` (Windows-1252) as `path` and map its columns to TARGETS."""
    path.write_bytes(csv.encode("cp1252"))
    page.set_input_files("#id_bestand", str(path))
    page.locator("form", has=page.locator("#id_bestand")).locator("button[type=submit]").click()
    page.wait_for_url("**/koppeling")
    for i, target in enumerate(TARGETS):
        page.select_option(f"#kolom-{i}", target)


def _deliver(page, tmp_path, name, csv, *, dataset_url=None):
    """A delivery through the pages: a new dataset named `name` (or the next delivery of the one
    at `dataset_url`), upload, map, save; the dataset's URL."""
    if dataset_url is None:
        dataset_url = _new_dataset(page, name)
    else:
        page.goto(dataset_url)
    _upload_and_map(page, tmp_path / f"levering-{len(list(tmp_path.glob('levering-*')))}.csv", csv)
    page.locator("button[name=opslaan]").click()
    page.wait_for_url("**/versies/*")
    return dataset_url
