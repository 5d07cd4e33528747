"""The text of a PDF drawn with fpdf2's core fonts: every `(...) Tj` string of every page's
(deflated) content stream, so a test reads what a reader would see without a PDF library."""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_STRING = re.compile(rb"\((.*?)(?<!\\)\)\s*Tj", re.S)


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-"), data[:20]
    parts: list[str] = []
    for raw in _STREAM.findall(data):
        try:
            content = zlib.decompress(raw)
        except zlib.error:
            content = raw
        for s in _STRING.findall(content):
            text = re.sub(rb"\\([()\\])", rb"\1", s)
            parts.append(text.decode("latin-1"))
    return " ".join(parts)
