"""Style helpers: re-apply the sheet after a property changed; keep room for messages."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget


def restyle(widget: QWidget) -> None:
    """Qt does not re-evaluate `[kind="refusal"]` selectors by itself after setProperty."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_kind(widget: QWidget, kind: str) -> None:
    """Set the `kind` the sheet styles by, re-polishing only when it changed: a re-polish
    lays the widget out and repaints it again, which every scan at the till would pay for."""
    if widget.property("kind") == kind:
        return
    widget.setProperty("kind", kind)
    restyle(widget)


def reserve_lines(made: QLabel, lines: int) -> None:
    """Keep room for a message of `lines` lines while there is none: a message appearing must
    not push the fields below it down under the finger about to touch them."""
    font = made.font()
    font.setBold(True)
    made.setMinimumHeight(QFontMetrics(font).lineSpacing() * lines + 2)
    policy = made.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    made.setSizePolicy(policy)
