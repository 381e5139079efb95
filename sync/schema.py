"""The sync wire protocol, version 1: what tills and head office send each other (pydantic).

Both sides import these models, so a field renamed here is renamed for both. Event payloads
have their own per-type models in `sync/payloads.py`. Money is integer fen, times ISO-8601
with an offset, ids UUIDv7 strings made where the record was born.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from domain.hlc import Stamp
from domain.text import CLEAN_PATTERN, bad_char
from sync.protocol import HEADER_APP_VERSION as HEADER_APP_VERSION  # head office reads them
from sync.protocol import HEADER_PROTOCOL as HEADER_PROTOCOL  # from here, beside the models
from sync.protocol import MAX_EVENTS_PER_BATCH as MAX_EVENTS_PER_BATCH
from sync.protocol import MAX_PULL_LIMIT as MAX_PULL_LIMIT
from sync.protocol import PROTOCOL_VERSION as PROTOCOL_VERSION

Status = Literal["applied", "duplicate", "quarantined"]


def _clean(text: str) -> str:
    if bad_char(text) is not None:
        raise PydanticCustomError("control_character", "a control character is not allowed")
    return text


# A string sent to head office: no control characters (domain/text.py), a clear 422 naming
# the field instead of a database error.
Text = Annotated[str, AfterValidator(_clean), Field(json_schema_extra={"pattern": CLEAN_PATTERN})]


def _stamp(text: str) -> str:
    try:
        Stamp.parse(text)
    except ValueError:
        raise PydanticCustomError("hlc_stamp", "not a clock stamp (ms-counter-node)") from None
    return text


# A hybrid-logical-clock stamp as domain/hlc.py writes it; head office parses it, so a bad one
# is a 422 naming the field (or a quarantined event), never a server error.
StampText = Annotated[str, Field(max_length=80, pattern=r"^\d{13}-\d{5}-.+$"),
                      AfterValidator(_stamp)]


class Wire(BaseModel):
    """Unknown keys are refused: a typo must not silently drop a field."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class Event(Wire):
    """One outbox event; `event_id` is the idempotency key at head office."""

    event_id: Text = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1)
    type: Text = Field(min_length=1, max_length=40)
    v: int = Field(default=1, ge=1)
    occurred_at: AwareDatetime
    merchant_id: Text
    store_id: Text
    terminal_id: Text
    member_id: str | None = None  # checked per event: a bad one quarantines only its event
    payload: dict[str, Any]


_MAC = r"^[0-9a-f]{0,64}$"


class ChainHead(Wire):
    """Where the till's audit chain and outbox stand, sent with every push (tamper evidence).

    Head office keeps every head it was sent and opens a case when a later push shows the
    chain shorter than before, another link at a seq it has seen, or the outbox counter
    behind: what a till's own database cannot prove once someone rewrote it.
    """

    audit_seq: int = Field(ge=0, description="the newest audit entry (0: none yet)")
    audit_mac: str = Field(default="", pattern=_MAC, description="its link (HMAC, hex)")
    outbox_seq: int = Field(ge=0, description="the till's outbox counter")
    anchor_seq: int | None = Field(default=None, ge=1,
                                   description="the head head office last acknowledged")
    anchor_mac: str | None = Field(default=None, pattern=_MAC,
                                   description="the link at anchor_seq now; null: it is gone")


class PushRequest(Wire):
    """A batch of a terminal's events in seq order. `batch_id` is new for every attempt (it is
    the request's replay key); the events of a retried batch are the same."""

    batch_id: Text = Field(min_length=1, max_length=64)
    terminal_id: Text
    hlc: StampText | None = None
    events: list[Event] = Field(description=f"at most {MAX_EVENTS_PER_BATCH} (413 beyond)")
    chain: ChainHead | None = None  # absent from tills older than the keyed chain


class EventResult(Wire):
    event_id: str
    seq: int
    status: Status
    code: str | None = None  # why: "duplicate" of what, or the quarantine reason


class PushResponse(Wire):
    acked_through_seq: int  # every seq up to this one is answered and may leave the outbox
    results: list[EventResult]
    server_time: datetime
    server_hlc: str


class Change(Wire):
    """One entity in a pull page; a till applies it only if `version` is newer than its own."""

    entity: str
    id: str
    version: int
    op: Literal["upsert", "delete"] = "upsert"
    data: dict[str, Any]


class PullResponse(Wire):
    changes: list[Change]
    next_cursor: str
    has_more: bool
    acked_through_seq: int  # read in the same snapshot as the balances in `changes`
    server_time: datetime
    server_hlc: str


class StandingResponse(Wire):
    """Where a till stood at head office (asked after a restore: sync/standing.py)."""

    acked_through_seq: int  # the highest seq head office accepted from this terminal
    last_receipt_no: str | None  # the last receipt number it holds from this terminal
    server_time: datetime


class StoreInfo(Wire):
    """Who the till becomes when it enrols."""

    merchant_id: str
    merchant_code: str
    store_id: str
    store_code: str
    store_name: str
    region_code: str
    tz: str
    day_close: str  # HH:MM
    rulepack: str
    card_brand: str = ""  # BB of the merchant's card numbers, given by head office


class EnrollRequest(Wire):
    code: Text = Field(min_length=4, max_length=40)
    public_key: Text = Field(max_length=200)
    # The till's own id, kept so its outbox stays its own (a UUID: 36 characters).
    terminal_id: Text | None = Field(default=None, min_length=1, max_length=36)
    terminal_code: Text | None = Field(default=None, min_length=1, max_length=16)
    app_version: Text = Field(default="", max_length=40)


class CardBlock(Wire):
    """Card serials `first`..`last` under `prefix` (BB L RRRR), allotted to one terminal."""

    prefix: str = Field(pattern=r"^[0-9]{7}$")
    first: int = Field(ge=1, le=99999)
    last: int = Field(ge=1, le=99999)


class EnrollResponse(Wire):
    terminal_id: str
    terminal_code: str
    store: StoreInfo
    server_time: datetime
    # Head office's answer keys (Ed25519 public, base64url): the till accepts answers signed
    # by one of them from now on (sync/answers.py).
    server_keys: list[str] = Field(min_length=1)
    # The merchant's dynamic member QR keys (Ed25519 public, base64url; sync/qrkeys.py).
    qr_keys: list[str] = Field(default_factory=list)
    # The QR keys (public) of each alliance issuer whose agreement this merchant honours, by
    # the issuer's card brand: a partner verifies the issuer's members' codes offline.
    alliance_qr_keys: dict[str, list[str]] = Field(default_factory=dict)
    card_blocks: list[CardBlock] = Field(default_factory=list)


class CardBlocksRequest(Wire):
    """A terminal running low asks for another block of the card level it issues."""

    level: str = Field(pattern=r"^[0-9]$")


class CardBlocksResponse(Wire):
    """The merchant's brand and the terminal's blocks that still have numbers (head office's
    count), a new one among them when it was running low."""

    brand: str
    blocks: list[CardBlock]
    server_time: datetime


class Limits(Wire):
    """Offline spending limits head office grants a terminal (rule pack `[offline]`)."""

    per_sale_points: int
    per_sale_wallet_fen: int
    member_day_points: int
    member_day_wallet_fen: int
    terminal_points: int
    terminal_wallet_fen: int
    max_offline_hours: int
    online_grace_s: int = 60


class AllowanceGrant(Wire):
    grant_id: str
    terminal_id: str
    granted_at: datetime
    valid_until: datetime  # head office's clock; no offline spending after it
    limits: Limits
    # Head office's answer keys now: the till trusts these from here on (key rotation).
    server_keys: list[str] = Field(default_factory=list)
    # The merchant's dynamic member QR keys now (rotation, as `server_keys`).
    qr_keys: list[str] = Field(default_factory=list)
    # Honoured alliance issuers' QR keys now, by card brand (docs/alliance.md).
    alliance_qr_keys: dict[str, list[str]] | None = None


class LookupResponse(Wire):
    """An online member look-up: the same changes a pull would bring, for one member."""

    found: bool
    member_id: str | None = None
    changes: list[Change]
    acked_through_seq: int
    server_time: datetime
    server_hlc: str


class ErrorBody(Wire):
    """Every refusal: a stable code and parameters, never a sentence."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)
