"""Object information as data: per layer a title template and the fields to show, with human
labels in nl/de/en (`Layer.info`, shipped in `data/layers/layers.yaml`).

    info:
      title: {nl: "Gemeente {statnaam}", de: "Gemeinde {statnaam}", en: "Municipality of {statnaam}"}
      fields:
        - {name: oppervlakte_ha, unit: ha, label: {nl: Oppervlakte, de: Fläche, en: Area}}
      context: 1      # a containing area (municipality 1, province 2): summarised in one line
      link: {url: "/parken/{profiel}", label: {nl: Profiel van het park, de: ..., en: ...}}

A `link` leads from the object to its page in the platform (a relative URL only). It is shown
only when every attribute its URL names is there, so a link built on an attribute the reader may
not see (attribute access) is not offered to that reader at all.
The viewer shows the configured fields only, in this order, under their labels; a layer without
`fields` (absent, not empty) shows its attributes minus the internal ones (`INTERNAL_FIELDS`: codes and flags that
mean nothing to a reader), named after the attribute. Access is not decided here: the server
already left out what the reader may not see (`LayerPolicy.visible_attributes`)."""

from __future__ import annotations

import re
from typing import Any

LANGUAGES = ("nl", "de", "en")
#: attributes that are identifiers or bookkeeping, never shown as information
INTERNAL_FIELDS = frozenset(
    {
        "id",
        "fid",
        "statcode",
        "jrstatcode",
        "gemeentecode",
        "gemeente_statcode",
        "rubriek",
        "fictief",
        "identificatie",
        "top10nl_id",
        "snijdt_overijssel",
    }
)
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
UNITS = ("", "m²", "ha", "km", "km²", "%")


class InfoConfigError(ValueError):
    """A layer's `info` definition is wrong; the message names the layer, the field and why."""


def texts_per_language(code: str, where: str, value: Any) -> dict[str, str]:
    """A text of layer `code` in every language (a plain string is Dutch; missing languages fall
    back to Dutch); InfoConfigError naming the layer and `where` when there is no Dutch."""
    if isinstance(value, str):
        value = {"nl": value}
    if not isinstance(value, dict) or not value.get("nl"):
        raise InfoConfigError(f"kaartlaag {code}: {where} heeft geen Nederlandse tekst (nl)")
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise InfoConfigError(f"kaartlaag {code}: {where} kent de taal {sorted(unknown)} niet")
    return {language: str(value.get(language) or value["nl"]) for language in LANGUAGES}


def validate_info(code: str, info: Any) -> dict[str, Any]:
    """`info` checked and completed (every label in every language, falling back to Dutch);
    InfoConfigError naming the layer, the field and the reason otherwise."""
    if info in (None, {}):
        return {}
    if not isinstance(info, dict):
        raise InfoConfigError(f"kaartlaag {code}: info moet een object zijn")
    unknown = set(info) - {"title", "fields", "context", "link"}
    if unknown:
        raise InfoConfigError(f"kaartlaag {code}: onbekende sleutels in info: {sorted(unknown)}")
    checked: dict[str, Any] = {}
    if "title" in info:
        checked["title"] = texts_per_language(code, "info.title", info["title"])
    fields = []
    seen: set[str] = set()
    for number, field in enumerate(info.get("fields") or [], start=1):
        name = field.get("name") if isinstance(field, dict) else None
        if not name:
            raise InfoConfigError(f"kaartlaag {code}: info.fields veld {number} heeft geen name")
        if name in seen:
            raise InfoConfigError(f"kaartlaag {code}: info.fields {name} staat er twee keer in")
        if name in INTERNAL_FIELDS:
            raise InfoConfigError(
                f"kaartlaag {code}: info.fields {name} is een interne code, niet om te tonen"
            )
        unit = field.get("unit", "")
        if unit not in UNITS:
            raise InfoConfigError(f"kaartlaag {code}: info.fields {name}: onbekende eenheid {unit!r}")
        seen.add(name)
        fields.append(
            {
                "name": name,
                "label": texts_per_language(code, f"info.fields {name}", field.get("label")),
                "unit": unit,
            }
        )
    if "fields" in info:  # an empty list: the title says it all
        checked["fields"] = fields
    if "context" in info:
        if not isinstance(info["context"], int) or isinstance(info["context"], bool) or info["context"] < 1:
            raise InfoConfigError(f"kaartlaag {code}: info.context moet een rangnummer ≥ 1 zijn")
        checked["context"] = info["context"]
    if "link" in info:
        checked["link"] = _link(code, info["link"])
    return checked


def _link(code: str, link: Any) -> dict[str, Any]:
    url = link.get("url") if isinstance(link, dict) else None
    if not isinstance(url, str) or not url.startswith("/") or url.startswith("//"):
        raise InfoConfigError(
            f"kaartlaag {code}: info.link.url moet een pad in het platform zijn (begint met /)"
        )
    if not PLACEHOLDER_RE.search(url):
        raise InfoConfigError(f"kaartlaag {code}: info.link.url noemt geen attribuut, zoals {{id}}")
    return {"url": url, "label": texts_per_language(code, "info.link.label", link.get("label"))}


def human_label(name: str) -> str:
    """An attribute name as a reader sees it when no label is configured: `type_gebied` → `Type gebied`."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def info_config(info: dict[str, Any], *, layer_title: str, language: str) -> dict[str, Any]:
    """What the viewer needs for one language: the title template, the fields with their labels
    (None: every non-internal attribute), the context rank (0: not a containing area)."""
    language = language if language in LANGUAGES else "nl"
    title = info.get("title")
    return {
        "title": title[language] if title else "",
        "layerTitle": layer_title,
        "fields": [
            {"name": f["name"], "label": f["label"][language], "unit": f.get("unit", "")}
            for f in info["fields"]
        ]
        if "fields" in info
        else None,
        "context": info.get("context", 0),
        "internal": sorted(INTERNAL_FIELDS),
        "link": {"url": info["link"]["url"], "label": info["link"]["label"][language]}
        if "link" in info
        else None,
    }


def feature_title(config: dict[str, Any], properties: dict[str, Any]) -> str:
    """The title of one object (the viewer does the same in JavaScript): the template with the
    object's attributes, or else its `naam`, or else the layer's title."""
    if config["title"]:
        missing = [
            name for name in PLACEHOLDER_RE.findall(config["title"]) if properties.get(name) in (None, "")
        ]
        if not missing:
            return PLACEHOLDER_RE.sub(lambda m: str(properties[m.group(1)]), config["title"])
    return str(properties.get("naam") or config["layerTitle"])


def feature_rows(config: dict[str, Any], properties: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(label, value, unit) for the fields to show, in order; empty values and internal codes left out."""
    if config["fields"] is not None:
        return [
            (f["label"], properties[f["name"]], f["unit"])
            for f in config["fields"]
            if properties.get(f["name"]) not in (None, "")
        ]
    used = set(PLACEHOLDER_RE.findall(config["title"])) | {"naam"}
    return [
        (human_label(name), value, "")
        for name, value in properties.items()
        if name not in INTERNAL_FIELDS and name not in used and value not in (None, "")
    ]
