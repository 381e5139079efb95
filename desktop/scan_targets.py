"""What a screen, page or dialog declares to take scans, swipes and device refusals: the till
routes a device's input by these protocols, not by looking a method up by name."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from domain.errors import DomainError
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


@runtime_checkable
class TakesScans(Protocol):
    """A barcode or QR read by a scanner (or typed as fast as one) goes here."""

    def on_scanned(self, code: ScannedCode) -> None: ...


@runtime_checkable
class TakesSwipes(Protocol):
    """A magnetic card swiped on the reader goes here."""

    def on_swiped(self, tracks: Tracks) -> None: ...


@runtime_checkable
class ShowsRefusals(Protocol):
    """A bad swipe or scan is said where the person is looking, not in the status bar."""

    def show_refusal(self, err: DomainError) -> None: ...
