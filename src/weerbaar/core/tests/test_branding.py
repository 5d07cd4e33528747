"""Themes as data: the shipped ones load, and a theme that is wrong in any way is refused with the
file, the key and the reason, including one whose text would be too faint to read (WCAG 2.1 AA)."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from weerbaar.core.branding.checks import check_theme
from weerbaar.core.branding.contrast import contrast_ratio
from weerbaar.core.branding.loading import ThemeError, current_theme, load_theme
from weerbaar.core.branding.tokens import COLOUR_TOKENS, PAIRS, UTRECHT_TOKENS

THEMES = Path(settings.DATA_DIR) / "themes"


def _theme_dir(tmp_path: Path, change=None, *, source: str = "overijssel") -> Path:
    """A copy of a shipped theme in tmp_path, its YAML changed by `change(data)`."""
    directory = tmp_path / "mijn-thema"
    shutil.copytree(THEMES / source, directory)
    data = yaml.safe_load((directory / "theme.yaml").read_text())
    if change:
        change(data)
    (directory / "theme.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    load_theme.cache_clear()
    return directory


def test_contrast_ratio_follows_wcag():
    """Black on white is 21:1, a colour on itself 1:1, and #767676 is the lightest grey that still
    passes 4.5:1 on white (#777777 does not): the figures WCAG's own examples give."""
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#154273", "#154273") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") >= 4.5 > contrast_ratio("#777777", "#ffffff")
    assert contrast_ratio("#ffffff", "#000000") == contrast_ratio("#000000", "#ffffff")


def test_the_default_theme_is_todays_look():
    """Weerbaar's own theme: no logo, no organisation, the name "Weerbaar", the Rijksoverheid blue
    as brand colour and Utrecht's blue-35 (#24578f) for links and buttons."""
    theme = load_theme(THEMES / "weerbaar")
    assert theme.name == {"nl": "Weerbaar", "de": "Weerbaar", "en": "Weerbaar"}
    assert theme.logo is None and theme.organisation == {}
    assert theme.colours["primary"] == "#154273"
    assert theme.colours["link"] == theme.colours["action"] == "#24578f"
    assert set(theme.colours) == set(COLOUR_TOKENS)


def test_the_example_theme_has_a_logo_and_the_organisation_in_each_language():
    theme = load_theme(THEMES / "overijssel")
    assert theme.logo is not None and theme.logo.content_type == "image/svg+xml"
    assert theme.logo.content.startswith(b"<svg")
    assert theme.logo.alt["de"] == "Beispiellogo"
    assert theme.organisation["en"] == "Province of Overijssel (example)"
    for pair in PAIRS:
        assert contrast_ratio(theme.colours[pair.foreground], theme.colours[pair.background]) >= pair.minimum


def test_the_stylesheet_declares_every_token_and_the_utrecht_tokens_from_them():
    css = load_theme(THEMES / "overijssel").css
    assert css.count("{") == 1 and ".weerbaar-theme {" in css
    assert "--weerbaar-primary: #0b4f6c;" in css and "--weerbaar-header-background: #0b4f6c;" in css
    assert "--utrecht-button-primary-action-background-color: var(--weerbaar-action);" in css
    assert "--utrecht-link-color: var(--weerbaar-link);" in css
    assert all(f"--utrecht-{name}:" in css for name in UTRECHT_TOKENS)


def test_the_setting_picks_a_theme_by_name_or_by_path(settings, tmp_path):
    settings.WEERBAAR_THEME = "overijssel"
    assert current_theme().directory == THEMES / "overijssel"
    settings.WEERBAAR_THEME = str(_theme_dir(tmp_path))
    assert current_theme().key == "mijn-thema"


def test_a_colour_that_is_not_rrggbb_is_refused_naming_the_key(tmp_path):
    directory = _theme_dir(tmp_path, lambda d: d["colours"].update({"link": "blue"}))
    with pytest.raises(ThemeError) as caught:
        load_theme(directory)
    message = str(caught.value)
    assert str(directory / "theme.yaml") in message
    assert "colours.link: 'blue' is not a colour written as #rrggbb" in message


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        (lambda d: d.update({"kleur": "#ffffff"}), "kleur", "unknown key"),
        (lambda d: d["colours"].update({"secondary": "#ffffff"}), "colours.secondary", "unknown key"),
        (lambda d: d["logo"].update({"width": 40}), "logo.width", "unknown key"),
        (lambda d: d["name"].update({"fr": "Weerbaar"}), "name.fr", "unknown key"),
        (lambda d: d["colours"].pop("focus"), "colours.focus", "is required"),
        (lambda d: d["logo"]["alt"].pop("de"), "logo.alt.de", "is required"),
        (lambda d: d["colours"].update({"primary": "#12345"}), "colours.primary", "is not a colour"),
    ],
)
def test_unknown_missing_and_malformed_keys_are_refused(tmp_path, change, key, reason):
    with pytest.raises(ThemeError) as caught:
        load_theme(_theme_dir(tmp_path, change))
    assert caught.value.key == key and reason in caught.value.reason


def test_a_missing_logo_file_is_refused(tmp_path):
    directory = _theme_dir(tmp_path)
    (directory / "logo.svg").unlink()
    with pytest.raises(ThemeError) as caught:
        load_theme(directory)
    assert caught.value.key == "logo.file" and "'logo.svg' does not exist" in caught.value.reason


def test_a_logo_outside_the_theme_directory_or_of_another_type_is_refused(tmp_path):
    with pytest.raises(ThemeError, match="must lie in the theme's own directory"):
        load_theme(_theme_dir(tmp_path, lambda d: d["logo"].update({"file": "../weerbaar/theme.yaml"})))
    shutil.rmtree(tmp_path / "mijn-thema")
    with pytest.raises(ThemeError, match="is no SVG or PNG file"):
        load_theme(_theme_dir(tmp_path, lambda d: d["logo"].update({"file": "theme.yaml"})))


@pytest.mark.parametrize(
    ("colours", "pair", "ratio", "minimum"),
    [
        # grey text on white: the classic too-light placeholder look
        ({"text": "#999999"}, "text (#999999) on background (#ffffff)", "2.85:1", "4.5:1"),
        # white on a light brand colour
        (
            {"primary": "#5fa8d3", "header-background": "#5fa8d3"},
            "primary (#5fa8d3) on background (#ffffff)",
            "2.62:1",
            "4.5:1",
        ),
        (
            {"header-link": "#9ab8c8"},
            "header-link (#9ab8c8) on header-background (#0b4f6c)",
            "4.28:1",
            "4.5:1",
        ),
        # the focus ring is no text: 3:1 (WCAG 1.4.11)
        ({"focus": "#bbbbbb"}, "focus (#bbbbbb) on background (#ffffff)", "1.92:1", "3:1"),
    ],
)
def test_too_little_contrast_is_refused_naming_the_pair_and_the_ratio(
    tmp_path, colours, pair, ratio, minimum
):
    directory = _theme_dir(tmp_path, lambda d: d["colours"].update(colours))
    with pytest.raises(ImproperlyConfigured) as caught:
        load_theme(directory)
    message = str(caught.value)
    assert f"contrast of {pair}" in message and f"is {ratio}" in message and f"at least {minimum}" in message


def test_the_system_check_reports_an_unusable_theme_at_start_up(settings, tmp_path):
    """`manage.py check` (and runserver, migrate) stops on a bad theme with the file and the key."""
    settings.WEERBAAR_THEME = str(_theme_dir(tmp_path, lambda d: d["colours"].update({"background": "#fff"})))
    [error] = check_theme()
    assert error.id == "core.E002" and "colours.background: '#fff' is not a colour" in error.msg
    settings.WEERBAAR_THEME = str(tmp_path / "bestaat-niet")
    [error] = check_theme()
    assert "no theme.yaml" in error.msg
    settings.WEERBAAR_THEME = "weerbaar"
    assert check_theme() == []
