"""A value remembered until the current transaction ends (saves a read per event or entry)."""

from __future__ import annotations

from typing import Generic, TypeVar

from sqlalchemy.orm import Session, SessionTransaction

T = TypeVar("T")


class TxCache(Generic[T]):
    """Valid only inside the transaction that set it: after a commit or a rollback another
    process may have written, so the next transaction reads the database again."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._tx: SessionTransaction | None = None
        self._value: T | None = None

    def get(self) -> T | None:
        tx = self._s.get_transaction()
        return self._value if tx is not None and tx is self._tx else None

    def set(self, value: T) -> None:
        self._tx = self._s.get_transaction()
        self._value = value

    def clear(self) -> None:
        self._tx = None
        self._value = None
