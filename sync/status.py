"""What a sync round did (`RoundResult`, printed by `kaika sync`) and what the till's status
bar shows of sync (`SyncStatus`): plain values, loaded without the client."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class RoundResult:
    """What one sync round did."""

    pushed: Counter[str] = field(default_factory=Counter)  # by status
    pulled: int = 0  # changes received
    applied: int = 0  # changes that changed something here
    acked_through_seq: int = 0
    unsynced: int = 0
    alliance_terms: int = 0  # alliance agreements received (their keys come with a grant)

    def to_dict(self) -> dict[str, Any]:
        return {"pushed": dict(self.pushed), "pulled": self.pulled, "applied": self.applied,
                "acked_through_seq": self.acked_through_seq, "unsynced": self.unsynced}


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the till's status bar shows."""

    enrolled: bool
    online: bool
    unsynced: int
    last_contact_at: datetime | None
    last_error: str
    revoked: bool
    clock_skew_ms: int | None = None  # this till's clock minus head office's, as last measured
    clock_warn_s: int = 300  # the rule pack's limit beyond which the till is warned

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_ms is not None and abs(self.clock_skew_ms) > (
            self.clock_warn_s * 1000)
