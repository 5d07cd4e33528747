"""Object information as data (`Layer.info`): titles and field labels per language, internal codes
never shown, bad definitions refused with the layer, the field and the reason; label points once
per feature."""

import json
import re

import pytest

from weerbaar.geo.demo import definitions
from weerbaar.geo.featureinfo import (
    INTERNAL_FIELDS,
    InfoConfigError,
    feature_rows,
    feature_title,
    info_config,
    validate_info,
)

PARK = {
    "identificatie": "VP0001",
    "naam": "Recreatiepark De Bosrand",
    "gemeentecode": "GM1774",
    "bron": "synthetisch",
    "oppervlakte_ha": 12.5,
    "fictief": "ja",
}
GEMEENTE = {"statcode": "GM1774", "jrstatcode": "2026GM1774", "statnaam": "Dinkelland", "rubriek": "gemeente"}


def _shipped(code):
    entry = next(e for e in definitions() if e["code"] == code)
    return validate_info(code, entry["info"])


@pytest.mark.parametrize(
    ("language", "title", "area"),
    [
        ("nl", "Gemeente Dinkelland", "Oppervlakte"),
        ("de", "Gemeinde Dinkelland", "Fläche"),
        ("en", "Municipality of Dinkelland", "Area"),
    ],
)
def test_shipped_titles_and_labels_are_human_in_every_language(language, title, area):
    """A municipality reads 'Gemeente Dinkelland' and shows no codes; a park's fields carry the
    label of the reader's language and its unit, never identificatie, gemeentecode or fictief."""
    gemeente = info_config(_shipped("gemeenten"), layer_title="Gemeenten", language=language)
    assert feature_title(gemeente, GEMEENTE) == title
    assert feature_rows(gemeente, GEMEENTE) == []
    park = info_config(_shipped("vakantieparken"), layer_title="Vakantieparken", language=language)
    assert feature_title(park, PARK).endswith("De Bosrand")
    rows = feature_rows(park, PARK)
    assert rows[0] == (area, 12.5, "ha")
    shown = {label for label, _, _ in rows} | {str(value) for _, value, _ in rows}
    assert not shown & {"VP0001", "GM1774", "ja", "synthetisch", "identificatie", "gemeentecode", "fictief"}


def test_every_shipped_layer_has_a_valid_definition_without_internal_fields():
    """Every layer of the shipped registry has object information whose fields are labelled in
    nl, de and en and name no internal code; the containing areas rank municipality before province."""
    for entry in definitions():
        info = validate_info(entry["code"], entry.get("info"))
        assert info.get("title"), entry["code"]
        for field in info.get("fields", []):
            assert field["name"] not in INTERNAL_FIELDS
            assert all(field["label"][language] for language in ("nl", "de", "en")), field
    ranks = {e["code"]: validate_info(e["code"], e["info"]).get("context") for e in definitions()}
    assert ranks["gemeenten"] < ranks["provincie"]
    assert {code for code, rank in ranks.items() if rank} == {"gemeenten", "provincie"}


def test_a_layer_without_fields_shows_its_attributes_minus_the_internal_ones():
    """Without `fields` the attributes are shown under readable names, and codes and flags are not."""
    config = info_config({}, layer_title="Import", language="de")
    rows = feature_rows(config, {**GEMEENTE, "type_gebied": "industriekern", "leeg": ""})
    assert rows == [("Statnaam", "Dinkelland", ""), ("Type gebied", "industriekern", "")]
    assert feature_title(config, {"naam": "Hengelo"}) == "Hengelo"
    assert feature_title(config, {"x": 1}) == "Import"  # nothing better: the layer's title


def test_title_with_a_missing_attribute_falls_back_instead_of_showing_a_placeholder():
    config = info_config(_shipped("vakantieparken"), layer_title="Vakantieparken", language="nl")
    assert feature_title(config, {"oppervlakte_ha": 1}) == "Vakantieparken"


def test_labels_fall_back_to_dutch_and_unknown_languages_are_refused():
    info = validate_info("x", {"fields": [{"name": "a", "label": {"nl": "Aa"}}]})
    assert info["fields"][0]["label"] == {"nl": "Aa", "de": "Aa", "en": "Aa"}
    with pytest.raises(InfoConfigError, match=r"x: info\.fields a kent de taal"):
        validate_info("x", {"fields": [{"name": "a", "label": {"nl": "Aa", "fr": "Aa"}}]})


@pytest.mark.parametrize(
    ("info", "message"),
    [
        ({"fields": [{"name": "statcode", "label": "Code"}]}, "info.fields statcode is een interne code"),
        ({"fields": [{"label": "Naam"}]}, "info.fields veld 1 heeft geen name"),
        (
            {"fields": [{"name": "a", "label": "A"}, {"name": "a", "label": "B"}]},
            "info.fields a staat er twee keer",
        ),
        ({"fields": [{"name": "a", "label": {"de": "A"}}]}, "info.fields a heeft geen Nederlandse tekst"),
        ({"fields": [{"name": "a", "label": "A", "unit": "furlong"}]}, "onbekende eenheid"),
        ({"titel": "x"}, "onbekende sleutels in info"),
        ({"context": True}, "info.context moet een rangnummer"),
    ],
)
def test_bad_definitions_are_refused_naming_layer_field_and_reason(info, message):
    with pytest.raises(InfoConfigError, match=re.escape(message)) as raised:
        validate_info("mijnlaag", info)
    assert str(raised.value).startswith("kaartlaag mijnlaag:")


@pytest.mark.django_db
def test_layer_define_refuses_a_bad_info_and_keeps_the_stored_one(public_layers):
    """A bad `info` leaves the registry entry as it was."""
    from weerbaar.geo.models import Layer
    from weerbaar.geo.services import layer_define
    from weerbaar.privacy.context import command_context

    ctx = command_context(command="test")
    before = Layer.objects.get(code="gemeenten").info
    with pytest.raises(InfoConfigError):
        layer_define(ctx=ctx, code="gemeenten", info={"fields": [{"name": "jrstatcode", "label": "x"}]})
    assert Layer.objects.get(code="gemeenten").info == before
    assert before["title"]["de"] == "Gemeinde {statnaam}"


@pytest.mark.django_db
def test_viewer_config_carries_the_info_of_the_page_language(client, public_layers):
    html = client.get("/kaart/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    config = json.loads(html.split('id="geo-config" type="application/json">')[1].split("</script>")[0])
    gemeenten = next(layer for layer in config["layers"] if layer["code"] == "gemeenten")
    assert gemeenten["info"]["title"] == "Gemeinde {statnaam}" and gemeenten["info"]["context"] == 1
    assert gemeenten["info"]["layerTitle"] == "Gemeinden"
    assert gemeenten["labels"] == "/kaart/labels/gemeenten"
    percelen = next(layer for layer in config["layers"] if layer["code"] == "brk-percelen")
    assert percelen["labels"] == ""  # a register layer keeps its labels in the tiles
    assert percelen["info"]["fields"][0]["label"] == "Katastergemeinde"


@pytest.mark.django_db
def test_label_points_are_one_per_feature_inside_its_outline(client, public_layers):
    """Each municipality has exactly one label point, inside its own outline, in RD New."""
    from django.contrib.gis.geos import Point

    from weerbaar.geo.models import Feature

    response = client.get("/kaart/labels/gemeenten")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    body = response.json()
    layer = public_layers["gemeenten"]
    outlines = {f.fid: f.geometry for f in Feature.objects.filter(version_id=layer.current_version_id)}
    ids = [feature["id"] for feature in body["features"]]
    assert sorted(ids) == sorted(outlines) and len(ids) == len(set(ids)) == 25
    for feature in body["features"]:
        point = Point(*feature["geometry"]["coordinates"], srid=28992)
        assert outlines[feature["id"]].buffer(0.5).contains(point), feature
    labels = {f["properties"]["label"] for f in body["features"]}
    assert "Dinkelland" in labels and "GM1774" not in labels
    again = client.get("/kaart/labels/gemeenten", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/kaart/labels/brk-percelen").status_code == 404  # labels stay in its tiles
    assert client.get("/kaart/labels/bag-adressen").status_code in (401, 403)


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ({"url": "https://example.org/{id}", "label": "Profiel"}, "pad in het platform"),
        ({"url": "//example.org/{id}", "label": "Profiel"}, "pad in het platform"),
        ({"url": "/parken/", "label": "Profiel"}, "noemt geen attribuut"),
        ({"url": "/parken/{profiel}", "label": {"de": "Profil"}}, "geen Nederlandse tekst"),
    ],
)
def test_a_link_is_a_path_in_the_platform_with_an_attribute_and_a_dutch_label(link, reason):
    with pytest.raises(InfoConfigError, match=reason):
        validate_info("vakantieparken", {"link": link})


def test_a_link_gets_its_label_in_the_readers_language():
    info = validate_info(
        "vakantieparken", {"link": {"url": "/parken/{profiel}", "label": {"nl": "Profiel", "de": "Profil"}}}
    )
    assert info_config(info, layer_title="Vakantieparken", language="de")["link"] == {
        "url": "/parken/{profiel}",
        "label": "Profil",
    }
    assert info_config(info, layer_title="Vakantieparken", language="en")["link"]["label"] == "Profiel"
    assert info_config({}, layer_title="Vakantieparken", language="nl")["link"] is None
