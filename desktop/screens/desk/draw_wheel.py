"""The lucky wheel (大转盘) drawn with QPainter; it spins with easing to a slice chosen beforehand.

Each slice is as wide as its prize's share of the odds: a prize that comes up once in a
hundred spins is a sliver, "thanks for playing" most of the wheel, as customers expect.

The outcome is drawn by the service before the wheel moves: the animation only shows it.

Signals:
    stopped(): the wheel came to rest on the slice it was sent to.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

SPIN_MS = 4500  # long enough to enjoy, short enough for a queue at the desk
TURNS = 6  # full turns before it settles
COLOURS = ("#d62828", "#f77f00", "#fcbf49", "#e85d75", "#2a9d8f", "#8e44ad", "#3a86ff")
THANKS_COLOUR = "#dfe4ea"
LABEL_MIN_DEGREES = 9.0  # narrower slices carry no text (the prize table beside names them)


class DrawWheel(QWidget):
    stopped = Signal()

    def __init__(self, parent: QWidget | None = None, duration_ms: int = SPIN_MS) -> None:
        super().__init__(parent)
        self.setObjectName("draw_wheel")
        self.setMinimumSize(360, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.duration_ms = duration_ms
        self.labels: list[tuple[str, bool]] = []  # (text, is "thanks")
        self.spans: list[float] = []  # each slice's width in degrees, clockwise from 12
        self.angle = 0.0  # clockwise rotation of the wheel, degrees
        self.target: int | None = None
        self._anim = QVariantAnimation(self)
        self._anim.setEasingCurve(QEasingCurve.Type.OutQuart)
        self._anim.valueChanged.connect(self._turn)
        self._anim.finished.connect(self._finished)

    @property
    def spinning(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def set_segments(self, labels: list[tuple[str, bool]],
                     weights: list[int] | None = None) -> None:
        """The slices, sized by `weights` (equal without them)."""
        if not self.spinning:
            self.labels = list(labels)
            self.spans = spans_of(weights if weights is not None else [1] * len(labels))
            self.update()

    def spin_to(self, index: int) -> bool:
        """Turn a few times and stop with slice `index` under the pointer; False (and
        nothing happens) while it is still turning."""
        if self.spinning or not 0 <= index < len(self.labels):
            return False
        self.target = index
        self._anim.setDuration(max(self.duration_ms, 1))
        self._anim.setStartValue(self.angle)
        self._anim.setEndValue(stop_angle(self.angle, index, len(self.labels),
                                          spans=self.spans))
        self._anim.start()
        return True

    def under_pointer(self) -> int | None:
        """The slice the pointer is on now (what a customer sees)."""
        if not self.labels:
            return None
        at = (-self.angle) % 360.0
        start = 0.0
        for index, span in enumerate(self.spans):
            if at < start + span:
                return index
            start += span
        return len(self.spans) - 1

    def _turn(self, value: object) -> None:
        self.angle = float(value)  # type: ignore[arg-type]
        self.update()

    def _finished(self) -> None:
        self.angle %= 360.0
        self.stopped.emit()

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 24
        radius = side / 2
        painter.translate(self.width() / 2, self.height() / 2 + 8)
        painter.save()
        painter.rotate(self.angle)
        self._paint_slices(painter, radius)
        painter.restore()
        self._paint_rim_and_hub(painter, radius)
        self._paint_pointer(painter, radius)
        painter.end()

    def _paint_slices(self, painter: QPainter, radius: float) -> None:
        box = QRectF(-radius, -radius, 2 * radius, 2 * radius)
        font = QFont(self.font())
        font.setPixelSize(max(int(radius / 11), 12))
        font.setBold(True)
        painter.setFont(font)
        begin = 0.0  # clockwise from 12 o'clock
        for index, ((text, thanks), width) in enumerate(zip(self.labels, self.spans,
                                                            strict=True)):
            colour = THANKS_COLOUR if thanks else COLOURS[index % len(COLOURS)]
            painter.setPen(QPen(QColor("#ffffff"), 2 if width >= 2 else 0))
            painter.setBrush(QColor(colour))
            # Qt counts angles from 3 o'clock, anticlockwise; slices start at 12, clockwise.
            painter.drawPie(box, round((90.0 - begin - width) * 16), max(round(width * 16), 1))
            begin += width
            if width < LABEL_MIN_DEGREES:
                continue
            painter.save()
            painter.rotate(begin - width / 2)
            painter.setPen(QColor("#5a6270" if thanks else "#ffffff"))
            label = QRectF(-radius * 0.42, -radius * 0.9, radius * 0.84, radius * 0.55)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                             text)
            painter.restore()

    def _paint_rim_and_hub(self, painter: QPainter, radius: float) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#b8860b"), max(radius / 30, 3)))
        painter.drawEllipse(QPointF(0, 0), radius, radius)
        hub = radius * 0.17
        painter.setPen(QPen(QColor("#ffffff"), 3))
        painter.setBrush(QColor("#b8860b"))
        painter.drawEllipse(QPointF(0, 0), hub, hub)

    def _paint_pointer(self, painter: QPainter, radius: float) -> None:
        tip = -radius + radius * 0.16
        arrow = QPolygonF([QPointF(0, tip), QPointF(-radius * 0.07, -radius - 10),
                           QPointF(radius * 0.07, -radius - 10)])
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.setBrush(QColor("#1d2430"))
        painter.drawPolygon(arrow)


def spans_of(weights: list[int]) -> list[float]:
    """Each slice's width in degrees, in proportion to its weight (equal if all are 0)."""
    total = sum(max(w, 0) for w in weights)
    if total <= 0:
        return [360.0 / len(weights)] * len(weights) if weights else []
    return [360.0 * max(w, 0) / total for w in weights]


def stop_angle(current: float, index: int, count: int, turns: int = TURNS,
               spans: list[float] | None = None) -> float:
    """The rotation that brings the centre of slice `index` under the pointer at 12 o'clock,
    after at least `turns` full turns from `current` (always clockwise, always forward)."""
    widths = spans if spans else [360.0 / count] * count
    centre = sum(widths[:index]) + widths[index] / 2
    wanted = (-centre) % 360.0  # rotating the wheel by this puts the centre at the top
    ahead = (wanted - current) % 360.0
    return current + turns * 360.0 + ahead

