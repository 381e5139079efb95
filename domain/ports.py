"""Ports: what the services need from storage, as Protocols the db package implements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Protocol, Self

from domain.alliance_card import AllianceCoupon, RosterCard
from domain.allowances import OfflineGate
from domain.analysis import BuyingFigures, MemberFacts
from domain.catalog import Product
from domain.hlc import StampSource
from domain.import_jobs import ImportJob, MemberBatch, PreparedBatch
from domain.luckydraw import Draw, Prize, Spin
from domain.records import (
    AuditBreak,
    AuditEntry,
    AuditQuery,
    Balances,
    Card,
    CardHolder,
    ClosedDay,
    Coupon,
    CouponTemplate,
    Gift,
    HeldSale,
    Member,
    MemberPin,
    OutboxEvent,
    PanelExtras,
    PointsEntry,
    PointsLot,
    Sale,
    Shift,
    Staff,
    StoreSettings,
    TierChange,
    WalletEntry,
)
from domain.serials import SerialBlock


class SettingsRepo(Protocol):
    def get(self) -> StoreSettings: ...
    def save(self, settings: StoreSettings) -> None: ...


class ProductRepo(Protocol):
    def get(self, sku: str) -> Product | None: ...
    def by_barcode(self, code: str) -> Product | None: ...
    def search(self, text: str, limit: int = 20) -> list[Product]:
        """Prefix match on sku, barcode and pinyin initials; substring match on name."""
        ...
    def add(self, product: Product) -> None: ...
    def save(self, product: Product) -> None: ...


class MemberRepo(Protocol):
    def get(self, member_id: str) -> Member | None: ...
    def by_mobile(self, mobile: str) -> Member | None: ...
    def add(self, member: Member) -> None:
        """Also creates the member's zero balances projection row."""
        ...
    def save(self, member: Member) -> None: ...
    def balances(self, member_id: str) -> Balances: ...
    def tier_since_on_or_before(self, day: date, tiers: Sequence[str]) -> list[Member]:
        """Active members whose current tier was reached on or before `day` (reviews due)."""
        ...
    def due_for_review(self, tier: str, day: date, after: tuple[date, str] | None,
                       limit: int) -> list[Member]:
        """Up to `limit` active members of `tier` whose tier dates from `day` or earlier,
        in (tier_since, id) order after `after` (None: from the start)."""
        ...
    def count_due_for_review(self, tier: str, day: date) -> int:
        """How many members `due_for_review` pages through from the start."""
        ...
    def search(self, text: str, limit: int = 50) -> list[Member]:
        """Members of any status by card number, mobile prefix or ending, name or initials;
        the latest to join when `text` is blank."""
        ...
    def by_card(self, number: str) -> CardHolder | None:
        """The card with its member and balances, one consistent read; None for an unknown
        number. The till's swipe reads this first."""
        ...
    def panel_extras(self, member_id: str, today: date, expiring_by: date) -> PanelExtras:
        """The member's lots holding points that expire from `today` to `expiring_by`, and
        issued coupons valid on `today` (issue order), one consistent read."""
        ...


class CardRepo(Protocol):
    def get(self, number: str) -> Card | None: ...
    def for_member(self, member_id: str) -> list[Card]: ...
    def add(self, card: Card) -> None: ...
    def save(self, card: Card) -> None: ...


class CardSerialRepo(Protocol):
    """The serial blocks head office allotted this till and the pre-printed stock registered
    to its store (domain/serials.py)."""

    def enrolled(self) -> bool:
        """True once the till enrolled: from then on head office allots its numbers."""
        ...
    def blocks(self, prefix: str) -> list[SerialBlock]:
        """Head office's blocks for `prefix`, lowest first."""
        ...
    def add_blocks(self, blocks: Sequence[SerialBlock]) -> None:
        """Keep blocks head office allotted; one already here is left as it is."""
        ...
    def highest(self, block: SerialBlock) -> int | None:
        """The highest serial of a card here inside the block; None if it holds none."""
        ...
    def registered(self, number: str) -> bool:
        """The number is in pre-printed stock head office registered to this store."""
        ...


class PointsRepo(Protocol):
    def lots(self, member_id: str) -> list[PointsLot]:
        """Every lot of the member, remaining > 0 or not, oldest first."""
        ...
    def save_lots(self, member_id: str, lots: Sequence[PointsLot]) -> None:
        """Insert new lots and update the remaining points of existing ones."""
        ...
    def add_entry(self, entry: PointsEntry) -> None:
        """Append to the ledger and move the balances projection in the same transaction."""
        ...
    def entries(self, member_id: str) -> list[PointsEntry]: ...
    def add_draws(self, draws: Sequence[tuple[str, str, str, int]]) -> None:
        """(entry id, lot id, sale id, points): what a sale's points payment took from a lot
        (> 0), or what a refund gave back to it (< 0)."""
        ...
    def draws(self, sale_id: str) -> list[tuple[str, int]]:
        """(lot id, points) the sale took from each lot and no refund has given back."""
        ...
    def members_with_lots_expiring_by(self, day: date) -> list[str]: ...
    def lapsing_lots(self, before: date, members: int) -> list[tuple[str, str, int]]:
        """(lot id, member id, remaining) of the unspent lots whose last valid day is before
        `before`: all such lots of about `members` members, those whose points lapsed
        first."""
        ...
    def lapsing_members(self, before: date) -> int:
        """How many members `lapsing_lots` would reach, all batches together."""
        ...
    def empty_lots(self, lot_ids: Sequence[str]) -> None:
        """Set these lots' remaining points to zero (expired)."""
        ...
    def add_entries(self, entries: Sequence[PointsEntry]) -> None:
        """Append many entries, each moving its member's balance, in this transaction."""
        ...


class WalletRepo(Protocol):
    def add_entry(self, entry: WalletEntry) -> None:
        """Append to the ledger and move the balances projection in the same transaction."""
        ...
    def entries(self, member_id: str) -> list[WalletEntry]: ...
    def by_staff_since(self, staff_id: str, since: datetime) -> list[WalletEntry]:
        """Movements a staff member recorded since a time (cash top-ups in a shift)."""
        ...


class SaleRepo(Protocol):
    def add(self, sale: Sale) -> None: ...
    def get(self, sale_id: str) -> Sale | None: ...
    def by_receipt(self, receipt_no: str) -> Sale | None: ...
    def returns_of(self, sale_id: str) -> list[Sale]: ...
    def in_shift(self, shift_id: str) -> list[Sale]: ...
    def on_date(self, business_date: date) -> list[Sale]: ...
    def member_sales(self, member_id: str, since: date, until: date) -> list[Sale]:
        """Sales and returns of a member with business dates in [since, until]."""
        ...
    def lowest_unit_price(self, sku: str, since: date, until: date,
                          member_id: str | None) -> tuple[int, str] | None:
        """(unit fen, receipt number): the lowest a unit of `sku` cost in a sale dated in
        [since, until], the member's sales only, or anyone's when `member_id` is None."""
        ...
    def busy_members(self, since: date, until: date, more_than: int) -> list[tuple[date, str, int]]:
        """(business date, member id, sales) for members with more than `more_than` sales on
        one business date in [since, until], newest date first."""
        ...


class CouponRepo(Protocol):
    def get(self, code: str) -> Coupon | None: ...
    def for_member(self, member_id: str) -> list[Coupon]: ...
    def add(self, coupon: Coupon) -> None: ...
    def save(self, coupon: Coupon) -> None: ...
    def issued_valid_to_before(self, day: date) -> list[Coupon]:
        """Coupons still in state issued whose last valid day is before `day`."""
        ...
    def template(self, code: str) -> CouponTemplate | None: ...
    def add_template(self, template: CouponTemplate) -> None: ...
    def templates(self) -> list[CouponTemplate]:
        """Every template stored here (besides the rule pack's), by code."""
        ...


class StaffRepo(Protocol):
    def get(self, staff_id: str) -> Staff | None: ...
    def by_number(self, number: str) -> Staff | None: ...
    def add(self, staff: Staff) -> None: ...
    def save(self, staff: Staff) -> None: ...
    def all(self) -> list[Staff]:
        """Every staff account, active or not, by staff number."""
        ...


class ShiftRepo(Protocol):
    def get(self, shift_id: str) -> Shift | None: ...
    def open_for(self, cashier_id: str) -> Shift | None: ...
    def all_open(self) -> list[Shift]:
        """Every shift not yet closed, whatever its business date, oldest first."""
        ...
    def add(self, shift: Shift) -> None: ...
    def save(self, shift: Shift) -> None: ...


class AuditRepo(Protocol):
    def append(self, entry: AuditEntry) -> None:
        """Chained: each entry stores the hash of the one before it."""
        ...
    def count(self, query: AuditQuery) -> int: ...
    def page(self, query: AuditQuery, offset: int, limit: int) -> list[AuditEntry]:
        """Entries matching `query`, newest first, paged in SQL (the trail can be long)."""
        ...
    def actions(self) -> list[str]:
        """Every action kind recorded so far, sorted."""
        ...
    def first_break(self) -> AuditBreak | None:
        """Walk the whole chain oldest first; the first entry whose links do not hold."""
        ...


class TierRepo(Protocol):
    def add_change(self, change: TierChange) -> None: ...
    def history(self, member_id: str) -> list[TierChange]: ...


class Outbox(Protocol):
    def append(self, event_type: str, payload: dict[str, Any], *, member_id: str | None,
               occurred_at_iso: str) -> int:
        """Queue an event for head office in this transaction; returns its terminal seq."""
        ...
    def pending(self, limit: int = 500) -> list[OutboxEvent]:
        """Events not yet acknowledged by head office, in seq order."""
        ...
    def count_pending(self, limit: int) -> int:
        """How many events are not yet acknowledged, counting no further than `limit`."""
        ...
    def ack(self, seqs: Sequence[int]) -> None: ...
    def prune_acked(self, acked_before: datetime) -> int:
        """Drop events acknowledged before then (an old prefix; never the newest acked)."""
        ...
    def append_many(self, events: Sequence[tuple[str, dict[str, Any] | None, str | None]], *,
                    occurred_at_iso: str, payloads: Sequence[str] | None = None,
                    event_ids: Sequence[str] = ()) -> list[int]:
        """Queue (type, payload, member id) events in order in one statement; their seqs.
        With `payloads` (the events' texts, made already) the payloads may be None; with
        `event_ids` the events keep those ids (made with them), else each gets a new one."""
        ...


class ImportRepo(Protocol):
    """Member imports in batches (domain/import_jobs.py): the jobs and the bulk writes."""

    def job(self, key: str) -> ImportJob | None: ...
    def save_job(self, job: ImportJob) -> None:
        """Insert or replace the job with this key."""
        ...
    def add_members(self, batch: MemberBatch | PreparedBatch) -> None:
        """Insert new members with their balances (the sums of the batch's ledger rows),
        search terms, ledgers, lots, cards and tier history; a taken mobile or card raises
        RowsTaken. A prepared batch is the same rows made ready by `prepare_import`."""
        ...


class GiftRepo(Protocol):
    def get(self, code: str) -> Gift | None: ...
    def all(self) -> list[Gift]: ...
    def add(self, gift: Gift) -> None: ...
    def save(self, gift: Gift) -> None: ...


class DrawRepo(Protocol):
    """Lucky draws, their prizes with the stock allotted to this store, and every spin."""

    def get(self, code: str) -> Draw | None: ...
    def save(self, draw: Draw) -> None:
        """Insert or replace the draw's own terms (not its prizes)."""
        ...
    def prizes(self, draw_code: str) -> list[Prize]:
        """The draw's prizes in wheel order."""
        ...
    def save_prize(self, prize: Prize) -> None:
        """Insert or replace a prize, its weight and its stock counts."""
        ...
    def add_spin(self, spin: Spin) -> None: ...
    def spins(self, member_id: str, draw_code: str, business_date: date) -> list[Spin]: ...
    def all(self) -> list[Draw]:
        """Every draw this store knows, by code."""
        ...


class ReportRepo(Protocol):
    """Read-only queries behind the reports and the member analysis."""

    def points_total_until(self, business_date: date) -> int:
        """Sum of every points ledger entry with a business date on or before the date
        (read from a per-day rollup, so it costs days, not entries)."""
        ...
    def points_entries_on(self, business_date: date) -> list[PointsEntry]: ...
    def names_and_mobiles(self, member_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Member id -> (name, mobile) of those of `member_ids` that exist."""
        ...
    def points_before(self, member_ids: Sequence[str], business_date: date) -> dict[str, int]:
        """Member id -> sum of their ledger entries dated before `business_date` (members
        without any are left out)."""
        ...
    def wallet_entries_on(self, business_date: date) -> list[WalletEntry]: ...
    def shifts_on(self, business_date: date) -> list[Shift]: ...
    def coupons_issued_between(self, start: datetime, end: datetime) -> list[Coupon]:
        """Coupons issued in [start, end)."""
        ...
    def member_facts(self, window_start: date, until: date) -> list[MemberFacts]:
        """Every active member with their buying up to `until`; counts, revenue and
        categories only from `window_start` on."""
        ...
    def buying_figures(self, window_start: date, until: date, share: Decimal,
                       birthdays: Sequence[tuple[int, int]]) -> BuyingFigures:
        """member_facts' figures grouped and counted by the database: members per (last sale,
        orders, categories), buyers per third of the ticket ranking, the top `share` of
        buyers' revenue, members whose (birth month, day) is one of `birthdays`."""
        ...
    def birthday_facts(self, window_start: date, until: date,
                       birthdays: Sequence[tuple[int, int]]) -> list[MemberFacts]:
        """member_facts of the members whose (birth month, day) is one of `birthdays`."""
        ...
    def idle_facts(self, window_start: date, until: date, before: date,
                   limit: int) -> tuple[int, list[MemberFacts]]:
        """How many active members last bought before `before` (up to `until`), and the
        member_facts of the first `limit` of them, longest idle first."""
        ...
    def figures_window(self) -> tuple[date, date] | None:
        """The (window start, until) the kept per-member figures are for: buying_figures and
        idle_facts for exactly that window read them instead of every sale."""
        ...
    def move_figures_window(self, window_start: date, until: date) -> None:
        """Keep the per-member figures for this window from now on: recomputes only members
        with a sale on a day entering or leaving the window."""
        ...
    def members_per_tier(self) -> dict[str, int]:
        """Active members per tier name, counted by the database."""
        ...
    def tier_year_days(self, day: date,
                       tiers: Sequence[str]) -> dict[str, list[tuple[date, int]]]:
        """For each member `MemberRepo.tier_since_on_or_before(day, tiers)` lists: qualifying
        fen of their sales and returns summed per business date, at least over their tier
        year (from the tier date to its anniversary); members without any are left out."""
        ...
    def mobiles_taken(self, mobiles: Sequence[str]) -> dict[str, str]:
        """Mobile -> member id for those of `mobiles` that belong to a member."""
        ...
    def cards_taken(self, numbers: Sequence[str]) -> list[str]: ...


class Counters(Protocol):
    def next(self, name: str) -> int:
        """Next value of a per-terminal gapless counter (receipt numbers)."""
        ...
    def take(self, name: str, n: int) -> int:
        """Take the next `n` values at once; returns the last of them."""
        ...


class HeldSaleRepo(Protocol):
    """Sales on hold at this till (they survive closing the program)."""

    def all(self) -> list[HeldSale]:
        """Oldest first."""
        ...
    def get(self, held_id: str) -> HeldSale | None: ...
    def add(self, held: HeldSale) -> None: ...
    def remove(self, held_id: str) -> None: ...


class MemberPinRepo(Protocol):
    def get(self, member_id: str) -> MemberPin | None: ...
    def save(self, pin: MemberPin) -> None:
        """Insert or replace the member's PIN row."""
        ...


class DayRepo(Protocol):
    """Business dates the day close has closed at this till, each with its frozen Z."""

    def closed_through(self) -> date | None:
        """The latest closed business date, None before the first close."""
        ...
    def trading_days(self, after: date | None, before: date) -> list[date]:
        """Dates strictly between `after` and `before` with sales, wallet entries or shifts."""
        ...
    def get(self, day: date) -> ClosedDay | None: ...
    def add(self, closed: ClosedDay) -> None: ...


class AllianceRepo(Protocol):
    """What an alliance partner's till holds of the issuers (docs/alliance.md)."""

    def save_terms(self, terms_id: str, issuer_brand: str, data: dict[str, Any]) -> None: ...
    def terms(self) -> list[dict[str, Any]]: ...
    def put_card(self, card: RosterCard) -> None: ...
    def drop_card(self, card_number: str) -> None: ...
    def card(self, card_number: str) -> RosterCard | None: ...
    def put_coupon(self, coupon: AllianceCoupon) -> None:
        """Store the coupon's terms (whether it was used here is kept)."""
        ...
    def drop_coupon(self, code: str) -> None: ...
    def coupons_of(self, card_number: str) -> list[AllianceCoupon]: ...
    def coupon(self, code: str) -> AllianceCoupon | None: ...
    def use_coupon(self, code: str, sale_id: str | None) -> None:
        """Mark it used with the sale (None: given back by a return)."""
        ...


class UnitOfWork(Protocol):
    """One store-database transaction (BEGIN IMMEDIATE); rolled back unless committed."""

    settings: SettingsRepo
    products: ProductRepo
    members: MemberRepo
    cards: CardRepo
    card_serials: CardSerialRepo
    points: PointsRepo
    wallet: WalletRepo
    sales: SaleRepo
    coupons: CouponRepo
    staff: StaffRepo
    shifts: ShiftRepo
    audit: AuditRepo
    gifts: GiftRepo
    tiers: TierRepo
    outbox: Outbox
    counters: Counters
    draws: DrawRepo
    reports: ReportRepo
    held: HeldSaleRepo
    member_pins: MemberPinRepo
    days: DayRepo
    imports: ImportRepo
    alliance: AllianceRepo
    # Declared, not looked up: a renamed attribute must fail type checking, not switch the
    # offline spending limit or the profile stamps off without a word.
    offline: OfflineGate  # the till's offline allowance (a till never enrolled is not limited)
    hlc: StampSource  # hybrid logical clock stamps for member profile edits

    def __enter__(self) -> Self: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class DeviceSettingsStore(Protocol):
    """Where the till's device settings live: the devices file (hardware/devices_store.py,
    wired by desktop/bootstrap.py), not the store database."""

    @property
    def location(self) -> str: ...
    def current(self) -> dict[str, dict[str, Any]]:
        """The settings saved now ({} when none are)."""
        ...
    def problems(self, settings: Mapping[str, Mapping[str, Any]]) -> list[str]:
        """Each mistake as `role.key: code`; [] when the settings may be saved."""
        ...
    def save(self, settings: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace the saved settings (the previous ones kept as a backup)."""
        ...
