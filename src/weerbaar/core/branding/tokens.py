"""The colour tokens a theme defines, the pairs that must stay readable, and the stylesheet that
hands them to the page: Weerbaar's own `--weerbaar-*` tokens and the NL Design System (Utrecht)
component tokens that take their value from them."""

from dataclasses import dataclass

#: every colour a theme names, with what it colours (all are required: a theme says what it means)
COLOUR_TOKENS: dict[str, str] = {
    "primary": "the brand colour: the line under the header, the current tab and step, map controls",
    "primary-contrast": "text and icons on the brand colour",
    "action": "primary buttons; text and border of secondary buttons",
    "action-hover": "primary buttons under the pointer or with focus",
    "action-active": "buttons while pressed",
    "action-contrast": "text on primary buttons",
    "link": "links",
    "link-hover": "links under the pointer or with focus",
    "text": "running text",
    "background": "the page",
    "header-background": "the header",
    "header-text": "menus and text in the header",
    "header-link": "links in the header (the name, the navigation)",
    "header-focus": "the focus ring in the header",
    "focus": "the focus ring around what the keyboard is on",
}

#: WCAG 2.1 AA: normal text needs 4.5:1 (1.4.3), a focus ring or other user-interface part 3:1 (1.4.11)
TEXT_CONTRAST = 4.5
NON_TEXT_CONTRAST = 3.0


@dataclass(frozen=True)
class Pair:
    """A colour shown on another one; the theme is refused when their contrast is below `minimum`."""

    foreground: str
    background: str
    minimum: float


PAIRS: tuple[Pair, ...] = (
    Pair("text", "background", TEXT_CONTRAST),
    Pair("link", "background", TEXT_CONTRAST),
    Pair("link-hover", "background", TEXT_CONTRAST),
    Pair("primary", "background", TEXT_CONTRAST),  # tabs and menus are text in the brand colour
    Pair("primary-contrast", "primary", TEXT_CONTRAST),
    Pair("action", "background", TEXT_CONTRAST),  # secondary buttons: action-coloured text
    Pair("action-contrast", "action", TEXT_CONTRAST),
    Pair("action-contrast", "action-hover", TEXT_CONTRAST),
    Pair("action-contrast", "action-active", TEXT_CONTRAST),
    Pair("header-text", "header-background", TEXT_CONTRAST),
    Pair("header-link", "header-background", TEXT_CONTRAST),
    Pair("focus", "background", NON_TEXT_CONTRAST),
    Pair("header-focus", "header-background", NON_TEXT_CONTRAST),
)

#: the Utrecht component tokens the page's components use, each set from one of the theme's tokens
UTRECHT_TOKENS: dict[str, str] = {
    "document-color": "text",
    "document-background-color": "background",
    "page-background-color": "background",
    "link-color": "link",
    "link-visited-color": "link",
    "link-active-color": "link",
    "link-hover-color": "link-hover",
    "link-focus-color": "link-hover",
    "focus-outline-color": "focus",
    "button-primary-action-background-color": "action",
    "button-primary-action-color": "action-contrast",
    "button-primary-action-hover-background-color": "action-hover",
    "button-primary-action-hover-color": "action-contrast",
    "button-primary-action-focus-background-color": "action-hover",
    "button-primary-action-focus-border-color": "action-hover",
    "button-primary-action-active-background-color": "action-active",
    "button-primary-action-active-border-color": "action-active",
    "button-primary-action-active-color": "action-contrast",
    "button-secondary-action-color": "action",
    "button-secondary-action-border-color": "action",
    "button-secondary-action-background-color": "background",
    "button-secondary-action-hover-color": "action",
    "button-secondary-action-hover-border-color": "action-hover",
    "button-secondary-action-hover-background-color": "background",
    "button-secondary-action-active-color": "action-active",
    "button-secondary-action-active-border-color": "action-active",
    "button-secondary-action-active-background-color": "background",
    "button-subtle-color": "action",
    "button-subtle-hover-color": "action",
    "button-subtle-hover-border-color": "action-hover",
    "button-subtle-hover-background-color": "background",
    "button-subtle-focus-color": "action",
    "button-subtle-focus-border-color": "action",
    "button-subtle-focus-background-color": "background",
    "button-subtle-active-color": "action-contrast",
    "button-subtle-active-background-color": "action",
}

#: the class on <html> the tokens are declared on, as an NL Design System theme does (`.utrecht-theme`)
THEME_CLASS = "weerbaar-theme"


def stylesheet(colours: dict[str, str]) -> str:
    """The theme as CSS custom properties on the theme class; loaded after Utrecht's tokens, so its
    declarations win on the same element."""
    lines = [f"/* Weerbaar theme: design tokens (data/themes/<name>/theme.yaml). */\n.{THEME_CLASS} {{"]
    lines += [f"  --weerbaar-{name}: {colours[name]};" for name in COLOUR_TOKENS]
    lines += [f"  --utrecht-{name}: var(--weerbaar-{token});" for name, token in UTRECHT_TOKENS.items()]
    lines.append("}\n")
    return "\n".join(lines)
