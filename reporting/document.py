"""A report as a format-neutral document (`Doc` of `Section`s) and its CSV and A4 PDF writers.

Imports `domain` only (and reportlab, when a PDF is asked for): the till (desktop) and head
office both print through it, and head office may not import desktop or hardware.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from domain import spreadsheet

PDF_FONT = "STSong-Light"  # reportlab's built-in CJK CID font: no font file to ship


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    header: tuple[str, ...] = ()
    table: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Doc:
    """A report laid out once, then written in every format the same way."""

    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]


def as_csv(doc: Doc) -> str:
    """section, label, value rows (tables: section then their cells); BOM for Excel.

    Cells that a spreadsheet would take for a formula are quoted (domain/spreadsheet.py).
    """
    out = io.StringIO()
    writer = spreadsheet.writer(out, lineterminator="\r\n")
    writer.writerow([doc.title])
    writer.writerows([["", label, value] for label, value in doc.meta])
    for section in doc.sections:
        writer.writerows([[section.title, label, value] for label, value in section.rows])
        if section.header:
            writer.writerow([section.title, *section.header])
            writer.writerows([[section.title, *row] for row in section.table])
    return "\ufeff" + out.getvalue()


# STSong-Light is read through Adobe's UniGB-UCS2-H map, which has no U+00B7 "·" (the PDF
# shows "�"): GB2312's own middle dot is U+30FB, the same glyph. Likewise the minus sign.
PDF_STAND_INS = str.maketrans({"·": "・", "−": "-", "\u00a0": " "})


def pdf_text(text: str) -> str:
    """`text` with each character the PDF font lacks replaced by the one it draws instead."""
    return text.translate(PDF_STAND_INS)


def as_pdf(doc: Doc) -> bytes:
    """An A4 PDF in reportlab's STSong-Light CID font (no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(pdf_text(doc.title))
    writer = _PdfWriter(page, A4[1])
    writer.line(doc.title, size=16)
    for label, value in doc.meta:
        writer.pair(label, value)
    for section in doc.sections:
        writer.gap()
        writer.line(section.title, size=12)
        for label, value in section.rows:
            writer.pair(label, value)
        if section.header:
            for row in [section.header, *section.table]:
                writer.cells(row)
    page.save()
    return buffer.getvalue()


class _PdfWriter:
    LEFT, RIGHT, BOTTOM, STEP = 50.0, 545.0, 60.0, 15.0

    def __init__(self, page: Any, height: float) -> None:
        self.page, self.height, self.y = page, height, height - 60.0

    def _room(self) -> None:
        if self.y < self.BOTTOM:
            self.page.showPage()
            self.y = self.height - 60.0

    def line(self, text: str, size: float = 10) -> None:
        self._room()
        self.page.setFont(PDF_FONT, size)
        self.page.drawString(self.LEFT, self.y, pdf_text(text))
        self.y -= self.STEP + size - 10

    def pair(self, label: str, value: str) -> None:
        self._room()
        self.page.setFont(PDF_FONT, 10)
        self.page.drawString(self.LEFT, self.y, pdf_text(label))
        self.page.drawRightString(self.RIGHT, self.y, pdf_text(value))
        self.y -= self.STEP

    def cells(self, row: Sequence[str]) -> None:
        self._room()
        self.page.setFont(PDF_FONT, 10)
        self.page.drawString(self.LEFT, self.y, pdf_text(row[0]))
        step = (self.RIGHT - self.LEFT - 150) / max(len(row) - 1, 1)
        for i, cell in enumerate(row[1:], start=1):
            self.page.drawRightString(self.LEFT + 150 + step * i, self.y, pdf_text(cell))
        self.y -= self.STEP

    def gap(self) -> None:
        self.y -= self.STEP / 2
