"""Documents as PDF (fpdf2, its core fonts, no font files): case summaries, control reports, the
agenda's DVO version, the indicators' municipality report. Each module draws what its selectors
read; this one only knows pages, headings, lines and tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from fpdf import FPDF


def latin1(text: Any) -> str:
    """The PDF core fonts are Latin-1; anything else is replaced, never dropped silently."""
    value = str(text).replace("\u2014", "-").replace("\u2013", "-").replace("\u2019", "'")
    return value.encode("latin-1", "replace").decode("latin-1")


class PdfDocument:
    """One A4 document with headings, lines, label/value rows and tables."""

    def __init__(self, title: str) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(latin1(title))
        self.pdf.set_author("Weerbaar")
        self.pdf.set_creation_date(timezone.now())
        self.pdf.add_page()

    def line(self, text: str, size: int = 11, style: str = "") -> None:
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.pdf.ln(3)
        self.line(text, 13, "B")

    def rows(self, rows: dict[str, Any]) -> None:
        if not rows:
            self.line("-")
        for label, value in rows.items():
            self.line(f"{label}: {value}")

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
        """A table with a bold header row; `widths` in millimetres, one per column (A4 holds 190)."""
        self.pdf.set_font("Helvetica", "", 9)
        with self.pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=5) as table:
            heading = table.row()
            for cell in header:
                heading.cell(latin1(cell))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(latin1(value))

    def output(self) -> bytes:
        return bytes(self.pdf.output())
