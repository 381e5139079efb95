"""A printed receipt on screen as the paper shows it: the printer's text lines laid out on its
column grid, a Chinese character two columns wide as the printer prints it (so the amounts line
up as on paper, whatever the screen font's widths), with the QR codes and barcodes drawn where
they were printed."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from domain.errors import DomainError
from hardware.layout import char_width

# Fixed-pitch fonts whose Chinese characters are exactly two Latin columns wide, best first.
RECEIPT_FONTS = ("WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", "Sarasa Mono SC",
                 "NSimSun", "SimSun")
Code = tuple[int, str, str]  # (lines printed before it, "QRCODE" or a symbology, data)


def receipt_font() -> QFont:
    families = set(QFontDatabase.families())
    family = next((f for f in RECEIPT_FONTS if f in families), None)
    font = QFont(family) if family else QFontDatabase.systemFont(
        QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPixelSize(15)
    return font


def columns_of(ch: str) -> int:
    """Columns a character takes on the printer, as the receipt layout counted them."""
    return char_width(ch)


class PaperLines(QWidget):
    """Text lines painted on the printer's column grid."""

    def __init__(self, lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = list(lines)
        self.setFont(receipt_font())
        metrics = QFontMetrics(self.font())
        self.cell = max(metrics.horizontalAdvance("M"), -(-metrics.horizontalAdvance("中") // 2))
        self.row = metrics.lineSpacing()
        widest = max((sum(columns_of(ch) for ch in line) for line in self.lines), default=0)
        self.setMinimumSize(QSize(widest * self.cell + 8, len(self.lines) * self.row + 4))

    def column_x(self, line: int, index: int) -> int:
        """Where character `index` of line `line` starts, in pixels."""
        return 4 + self.cell * sum(columns_of(ch) for ch in self.lines[line][:index])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        for row, line in enumerate(self.lines):
            baseline = 2 + row * self.row + metrics.ascent()
            x = 4
            for ch in line:
                room = self.cell * columns_of(ch)
                left = x + (room - metrics.horizontalAdvance(ch)) / 2  # centred in its cells
                painter.drawText(QPointF(left, baseline), ch)
                x += room
        painter.end()


def code_picture(kind: str, data: str) -> QPixmap | None:
    """The QR code or barcode as the printer drew it; None for a kind we cannot draw."""
    from hardware import barcodes, raster

    makers = {"EAN13": barcodes.ean13_modules, "EAN8": barcodes.ean8_modules,
              "UPCA": barcodes.upca_modules, "CODE128": barcodes.code128_modules}
    try:
        if kind == "QRCODE":
            image = raster.qr_image(data, 4)
        elif kind in makers:
            image = raster.bars_image(makers[kind](data), 2, 60, data)
        else:
            return None
    except (ValueError, DomainError):
        return None
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    picture = QPixmap()
    picture.loadFromData(buffer.getvalue(), "PNG")
    return picture


class ReceiptView(QScrollArea):
    """One page of paper: text runs and pictures, top to bottom."""

    def __init__(self, lines: Sequence[str], codes: Sequence[Code],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receipt_view")
        self.setWidgetResizable(True)
        paper = QWidget(self)
        paper.setObjectName("receipt_paper")
        paper.setStyleSheet("#receipt_paper { background: #ffffff; }")
        self.column = QVBoxLayout(paper)
        self.column.setSpacing(0)
        self.text_runs: list[PaperLines] = []
        self.pictures: list[QLabel] = []
        at = 0
        for before, kind, data in sorted(codes, key=lambda code: code[0]):
            self._text(lines[at:before])
            self._picture(kind, data)
            at = max(at, before)
        self._text(lines[at:])
        self.column.addStretch(1)
        self.setWidget(paper)

    def _text(self, lines: Sequence[str]) -> None:
        if not lines:
            return
        run = PaperLines(lines, self)
        self.column.addWidget(run)
        self.text_runs.append(run)

    def _picture(self, kind: str, data: str) -> None:
        picture = code_picture(kind, data)
        shown = QLabel(self)
        shown.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        if picture is None:
            shown.setText(f"[{kind}] {data}")
        else:
            shown.setPixmap(picture)
            shown.setToolTip(data)
        self.column.addWidget(shown)
        self.pictures.append(shown)


def receipt_dialog(parent: QWidget, title: str, lines: Sequence[str],
                   codes: Sequence[Code]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("demo_printed_dialog")
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(ReceiptView(lines, codes, dialog))
    dialog.resize(560, 680)
    return dialog
