"""Charts a manager reads at a glance, drawn with QPainter: a bar chart and a share donut.

No charting dependency: two small widgets cover what the manager's pages show (counts per
band or tier, one share of a whole), and they print the figures beside the shapes so the
chart never has to be read by eye alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop import i18n

# The till's calm palette (resources/styles/till.qss); red stays for what needs attention.
PALETTE = ("#2f6fdb", "#14a38b", "#e0a526", "#8f5bd6", "#e5732c", "#5f7a99", "#c2417d")
INK, MUTED, GRID = QColor("#1d2430"), QColor("#5f6b7a"), QColor("#d9dee6")


def colour(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


class BarChart(QWidget):
    """Horizontal bars, one per (label, value), each with its figure at the bar's end."""

    def __init__(self, title: str = "", parent: QWidget | None = None,
                 value_text: Callable[[int], str] = i18n.number) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, int]] = []
        self.value_text = value_text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self.bars = list(bars)
        self.updateGeometry()
        self.update()

    def values(self) -> list[tuple[str, int]]:
        return list(self.bars)

    def sizeHint(self) -> QSize:
        return QSize(360, 40 + 34 * max(len(self.bars), 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 40 + 26 * max(len(self.bars), 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self._title(painter)
        if self.bars:
            self._draw_bars(painter, QRectF(8, top, self.width() - 16, self.height() - top - 6))
        painter.end()

    def _title(self, painter: QPainter) -> float:
        if not self.title:
            return 6.0
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(QRectF(8, 4, self.width() - 16, 24),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        return 32.0

    def _draw_bars(self, painter: QPainter, area: QRectF) -> None:
        metrics = painter.fontMetrics()
        label_w = min(max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 12,
                      area.width() * 0.45)
        value_w = max(metrics.horizontalAdvance(self.value_text(v)) for _, v in self.bars) + 10
        biggest = max((v for _, v in self.bars), default=0) or 1
        step = min(area.height() / len(self.bars), 40.0)  # few bars stay bars, not slabs
        room = max(area.width() - label_w - value_w, 1.0)
        for i, (label, value) in enumerate(self.bars):
            y = area.top() + i * step
            row = QRectF(area.left(), y, label_w - 8, step)
            painter.setPen(INK)
            painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                int(row.width())))
            length = room * max(value, 0) / biggest
            thick = min(step * 0.64, 24.0)
            bar = QRectF(area.left() + label_w, y + (step - thick) / 2, max(length, 2.0), thick)
            painter.fillRect(bar, colour(i))
            painter.setPen(MUTED)
            painter.drawText(QRectF(bar.right() + 6, y, value_w, step),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.value_text(value))


class ShareDonut(QWidget):
    """One part of a whole as a ring (e.g. the top 20 % of buyers' share of revenue), with
    the percentage written in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part, self.whole, self.centre = 0, 0, ""
        self.setMinimumSize(150, 150)

    def set_share(self, part: int, whole: int, centre: str) -> None:
        self.part, self.whole, self.centre = part, whole, centre
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(180, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height(), 224) - 24
        ring = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        thickness = max(side / 6, 10)
        painter.setPen(QPen(GRID, thickness))
        painter.drawEllipse(ring)
        if self.whole > 0 and self.part > 0:
            span = round(360 * 16 * min(self.part, self.whole) / self.whole)
            pen = QPen(colour(0), thickness)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawArc(ring, 90 * 16, -span)  # clockwise from twelve o'clock
        font = QFont(self.font())
        font.setPointSizeF(max(side / 9, 9))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(ring, Qt.AlignmentFlag.AlignCenter, self.centre)
        painter.end()
