"""A layer's legend and source credit in the reader's language: the shipped layers give all three
languages, the German and English map show no Dutch legend or "Bron:", and a bad legend is
refused naming the layer, the item and the reason."""

import pytest
from django.test import Client

from weerbaar.geo.demo import definitions
from weerbaar.geo.featureinfo import InfoConfigError
from weerbaar.geo.texts import credit_fields, legend_in, validate_legend


def test_every_shipped_layer_has_its_legend_and_credit_in_three_languages():
    for entry in definitions():
        for item in validate_legend(entry["code"], entry.get("legend")):
            assert set(item["label"]) == {"nl", "de", "en"}
            assert item["label"]["de"] != item["label"]["nl"] or item["label"]["nl"] == "NNN", entry["code"]
        assert isinstance(entry["credit"], dict) and entry["credit"]["de"].startswith("Quelle:"), entry[
            "code"
        ]
        assert entry["credit"]["en"].startswith("Source:"), entry["code"]


@pytest.mark.parametrize(
    ("legend", "reason"),
    [
        ([{"label": {"de": "Gemeindegrenze"}}], "legend item 1 label heeft geen Nederlandse tekst"),
        ([{"label": "Gemeente", "fill": "blauw"}], "legend item 1 fill: 'blauw' is geen kleur"),
        ([{"label": "Gemeente"}, {"label": "Plaats", "colour": "#fff"}], "legend item 2: onbekende sleutels"),
        ({"label": "Gemeente"}, "legend moet een lijst zijn"),
    ],
)
def test_a_bad_legend_is_refused_naming_layer_item_and_reason(legend, reason):
    with pytest.raises(InfoConfigError, match=f"kaartlaag gemeenten: {reason}"):
        validate_legend("gemeenten", legend)


def test_a_plain_string_is_dutch_and_falls_back_to_dutch():
    legend = validate_legend("x", [{"label": "Gemeentegrens", "stroke": "#5a5a5a"}])
    assert legend_in(legend, "de") == [{"label": "Gemeentegrens", "stroke": "#5a5a5a"}]
    assert credit_fields("x", "Bron: CBS") == {
        "credit": "Bron: CBS",
        "credit_de": "Bron: CBS",
        "credit_en": "Bron: CBS",
    }


@pytest.mark.parametrize(
    ("language", "legend", "credit", "dutch"),
    [
        ("de", "Gemeindegrenze", "Quelle: CBS, Kadaster/PDOK", "Gemeentegrens"),
        ("en", "Municipal boundary", "Source: CBS, Kadaster/PDOK", "Gemeentegrens"),
        ("nl", "Gemeentegrens", "Bron: CBS, Kadaster/PDOK", "Gemeindegrenze"),
    ],
)
def test_the_map_page_shows_legend_and_credit_in_the_readers_language(
    public_layers, language, legend, credit, dutch
):
    client = Client()
    client.cookies["weerbaar_language"] = language
    html = client.get("/kaart/").content.decode()
    assert legend in html and credit in html
    assert dutch not in html
    if language != "nl":
        assert "Bron:" not in html
