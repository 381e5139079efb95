"""Re-applying the style sheet to a widget whose dynamic property changed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def restyle(widget: QWidget) -> None:
    """Qt does not re-evaluate `[kind="refusal"]` selectors by itself after setProperty."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
