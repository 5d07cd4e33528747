"""WCAG 2.1 contrast (success criteria 1.4.3 and 1.4.11), computed as the guideline defines it.

https://www.w3.org/TR/WCAG21/#dfn-relative-luminance and #dfn-contrast-ratio
"""

import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a `#rrggbb` colour: 0 for black, 1 for white."""
    if not HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: from 1 (equal) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
