"""Static checks of the templates: what the Content-Security-Policy would silently block."""

import re
from pathlib import Path

import pytest

TEMPLATES = sorted(
    (Path(__file__).resolve().parent.parent / "src" / "weerbaar").glob("*/templates/**/*.html")
)
#: a style attribute, an inline <script> with code, an event handler attribute
BLOCKED = [
    (re.compile(r"\sstyle=\""), "an inline style attribute (style-src 'self' blocks it: use a class)"),
    (re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>\s*\S"), "an inline script"),
    (re.compile(r"\son(click|change|load|submit|input)=\""), "an inline event handler"),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parts[-4]}/{p.name}")
def test_a_template_has_nothing_the_csp_blocks(template):
    text = template.read_text(encoding="utf-8")
    found = [
        f"line {text.count(chr(10), 0, m.start()) + 1}: {reason}"
        for pattern, reason in BLOCKED
        for m in pattern.finditer(text)
    ]
    assert not found, found
