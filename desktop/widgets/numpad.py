"""An on-screen numpad for touch screens: digits, 00, point, backspace, clear and Enter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

KEYS = (("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"), ("0", "00", "."))


class Numpad(QWidget):
    """Types into a line edit without taking the focus from it.

    Signals:
        entered(): the Enter key was touched (the edit's returnPressed is emitted too).
    """

    entered = Signal()

    def __init__(self, parent: QWidget | None = None, *, point: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("numpad")
        self._target: QLineEdit | None = None
        self._edits: tuple[QLineEdit, ...] = ()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)  # the screen's own margins surround it
        grid.setSpacing(6)
        for row, keys in enumerate(KEYS):
            for col, key in enumerate(keys):
                if key == "." and not point:
                    continue
                grid.addWidget(self._button(key, f"numpad_{_name(key)}"), row, col)
        back = self._button("⌫", "numpad_back")
        clear = self._button(self.tr("C"), "numpad_clear")
        enter = self._button("↵", "numpad_enter")
        enter.setProperty("role", "primary")
        grid.addWidget(back, 0, 3)
        grid.addWidget(clear, 1, 3)
        grid.addWidget(enter, 2, 3, 2, 1)

    def attach(self, target: QLineEdit | None) -> None:
        """The edit the keys go to (the one with the focus, usually)."""
        self._target = target

    def follow(self, edits: tuple[QLineEdit, ...]) -> None:
        """Type into whichever of `edits` last had the focus (staff number, then PIN)."""
        self.attach(edits[0])
        for edit in edits:
            edit.installEventFilter(self)
        self._edits = edits

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.attach(watched)
        return False

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the edit keeps the focus and cursor
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setMinimumSize(56, 40)
        button.clicked.connect(lambda: self._press(name))
        return button

    def _press(self, name: str) -> None:
        edit = self._target
        if edit is None:
            return
        if name == "numpad_back":
            edit.backspace()
        elif name == "numpad_clear":
            edit.clear()
        elif name == "numpad_enter":
            edit.returnPressed.emit()
            self.entered.emit()
        else:
            edit.insert(_key(name))


def _name(key: str) -> str:
    return {".": "point", "00": "00"}.get(key, key)


def _key(name: str) -> str:
    part = name.removeprefix("numpad_")
    return {"point": "."}.get(part, part)
