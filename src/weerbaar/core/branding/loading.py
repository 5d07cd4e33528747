"""Read and check a theme directory (`theme.yaml`, optionally a logo): every error names the file,
the key and the reason, and a theme that would make text unreadable is refused."""

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

from .contrast import HEX_COLOUR, contrast_ratio
from .tokens import COLOUR_TOKENS, PAIRS, stylesheet

LANGUAGES = ("nl", "de", "en")
TOP_KEYS = {"name", "organisation", "logo", "colours"}
LOGO_KEYS = {"file", "alt"}
#: image types a logo may have; served as they are, so nothing that a browser would run
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
LOGO_MAX_BYTES = 512 * 1024


class ThemeError(ImproperlyConfigured):
    """A theme that cannot be used: which file, which key, why."""

    def __init__(self, path: Path, key: str, reason: str) -> None:
        self.path, self.key, self.reason = path, key, reason
        super().__init__(f"{path}: {key}: {reason}")


@dataclass(frozen=True)
class Logo:
    content: bytes
    content_type: str
    alt: dict[str, str]
    etag: str

    @property
    def version(self) -> str:
        """Part of the logo's address, so a changed file is fetched at once despite the cache."""
        return self.etag.strip('"')


@dataclass(frozen=True)
class Theme:
    """A loaded, checked theme; `css` and `etag` are computed once."""

    key: str
    directory: Path
    name: dict[str, str]
    colours: dict[str, str]
    organisation: dict[str, str] = field(default_factory=dict)
    logo: Logo | None = None

    @functools.cached_property
    def css(self) -> str:
        return stylesheet(self.colours)

    @functools.cached_property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.css.encode()).hexdigest()[:20] + '"'

    @property
    def version(self) -> str:
        """Part of the stylesheet's address, so a changed theme is fetched at once despite the cache."""
        return self.etag.strip('"')

    # per-language text for templates: the current language, else Dutch (the source language)
    def _in_language(self, texts: dict[str, str]) -> str:
        return texts.get((get_language() or "nl")[:2], texts.get("nl", ""))

    @property
    def display_name(self) -> str:
        return self._in_language(self.name)

    @property
    def organisation_name(self) -> str:
        return self._in_language(self.organisation)

    @property
    def logo_alt(self) -> str:
        return self._in_language(self.logo.alt) if self.logo else ""


def theme_directory(setting: str) -> Path:
    """`WEERBAAR_THEME` names a theme under `data/themes/` or is a path to a theme directory."""
    if "/" in setting or "\\" in setting:
        return Path(setting)
    return Path(settings.DATA_DIR) / "themes" / setting


def current_theme() -> Theme:
    """The theme `WEERBAAR_THEME` picks; loaded once per process (and again when the setting changes)."""
    return load_theme(theme_directory(settings.WEERBAAR_THEME))


@functools.lru_cache(maxsize=8)
def load_theme(directory: Path) -> Theme:
    path = directory / "theme.yaml"
    if not path.is_file():
        raise ThemeError(path, "WEERBAAR_THEME", "no theme.yaml in this directory")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ThemeError(path, "(file)", f"not readable as YAML: {error}") from error
    if not isinstance(data, dict):
        raise ThemeError(path, "(file)", "must be a mapping of keys")
    _no_unknown(path, "", data, TOP_KEYS)
    for key in ("name", "colours"):
        if key not in data:
            raise ThemeError(path, key, "is required")
    colours = _colours(path, data["colours"])
    logo = _logo(path, directory, data["logo"]) if data.get("logo") is not None else None
    return Theme(
        key=directory.name,
        directory=directory,
        name=_texts(path, "name", data["name"]),
        organisation=_texts(path, "organisation", data["organisation"]) if data.get("organisation") else {},
        colours=colours,
        logo=logo,
    )


def _no_unknown(path: Path, prefix: str, data: dict, known: set[str]) -> None:
    for key in data:
        if key not in known:
            expected = ", ".join(sorted(known))
            raise ThemeError(path, f"{prefix}{key}", f"unknown key (expected one of: {expected})")


def _texts(path: Path, key: str, value: Any) -> dict[str, str]:
    """A text in each language: {nl: ..., de: ..., en: ...}, all three present and non-empty."""
    if not isinstance(value, dict):
        raise ThemeError(path, key, "must give the text per language: nl, de, en")
    _no_unknown(path, f"{key}.", value, set(LANGUAGES))
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise ThemeError(path, f"{key}.{language}", "is required (a non-empty text)")
    return {language: value[language].strip() for language in LANGUAGES}


def _colours(path: Path, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ThemeError(path, "colours", "must be a mapping of token names to #rrggbb colours")
    _no_unknown(path, "colours.", value, set(COLOUR_TOKENS))
    colours: dict[str, str] = {}
    for token in COLOUR_TOKENS:
        if token not in value:
            raise ThemeError(path, f"colours.{token}", f"is required ({COLOUR_TOKENS[token]})")
        colour = value[token]
        if not isinstance(colour, str) or not HEX_COLOUR.fullmatch(colour):
            raise ThemeError(path, f"colours.{token}", f"{colour!r} is not a colour written as #rrggbb")
        colours[token] = colour.lower()
    for pair in PAIRS:
        ratio = contrast_ratio(colours[pair.foreground], colours[pair.background])
        if ratio < pair.minimum:
            raise ThemeError(
                path,
                f"colours.{pair.foreground}",
                f"contrast of {pair.foreground} ({colours[pair.foreground]}) on {pair.background} "
                f"({colours[pair.background]}) is {ratio:.2f}:1, WCAG 2.1 AA needs at least {pair.minimum:g}:1",
            )
    return colours


def _logo(path: Path, directory: Path, value: Any) -> Logo:
    if not isinstance(value, dict):
        raise ThemeError(path, "logo", "must have file and alt")
    _no_unknown(path, "logo.", value, LOGO_KEYS)
    name = value.get("file")
    if not isinstance(name, str) or not name:
        raise ThemeError(path, "logo.file", "is required (a file name next to theme.yaml)")
    file = directory / name
    if file.parent.resolve() != directory.resolve():
        raise ThemeError(path, "logo.file", f"{name!r} must lie in the theme's own directory")
    content_type = LOGO_TYPES.get(file.suffix.lower())
    if content_type is None:
        raise ThemeError(path, "logo.file", f"{name!r} is no SVG or PNG file")
    if not file.is_file():
        raise ThemeError(path, "logo.file", f"{name!r} does not exist in {directory}")
    content = file.read_bytes()
    if len(content) > LOGO_MAX_BYTES:
        raise ThemeError(path, "logo.file", f"{name!r} is larger than {LOGO_MAX_BYTES // 1024} KiB")
    if "alt" not in value:
        raise ThemeError(path, "logo.alt", "is required (the logo's text alternative per language)")
    return Logo(
        content=content,
        content_type=content_type,
        alt=_texts(path, "logo.alt", value["alt"]),
        etag='"' + hashlib.sha256(content).hexdigest()[:20] + '"',
    )
