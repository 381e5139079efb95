"""The audit trail page's logic without Qt widgets: filters, pages, rows, export, chain check."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.viewmodels.env import TillEnv
from domain.progress import NO_PROGRESS, Progress, check_cancel
from domain.records import AuditBreak, AuditEntry, Staff
from domain.services import audit as audit_service

CONTEXT = "audit"
CHECKING = QT_TRANSLATE_NOOP("progress", "Checking every entry's link")
EXPORTING = QT_TRANSLATE_NOOP("progress", "Writing the entries")
DEFAULT_DAYS = 30

# What each recorded action is called on screen; a kind not listed shows its code.
ACTIONS: dict[str, str] = {
    "login": QT_TRANSLATE_NOOP("audit", "Log-in"),
    "login_failed": QT_TRANSLATE_NOOP("audit", "Failed log-in"),
    "override_discount": QT_TRANSLATE_NOOP("audit", "Discount override"),
    "override_price": QT_TRANSLATE_NOOP("audit", "Price override"),
    "approval_given": QT_TRANSLATE_NOOP("audit", "Manager's approval given"),
    "approval_refused": QT_TRANSLATE_NOOP("audit", "Manager's approval refused"),
    "access_refused": QT_TRANSLATE_NOOP("audit", "Refused: not allowed"),
    "points_adjusted": QT_TRANSLATE_NOOP("audit", "Points adjusted"),
    "return_without_receipt": QT_TRANSLATE_NOOP("audit", "Return without receipt"),
    "wallet_topup": QT_TRANSLATE_NOOP("audit", "Stored value top-up"),
    "wallet_closed": QT_TRANSLATE_NOOP("audit", "Wallet closed"),
    "card_issued": QT_TRANSLATE_NOOP("audit", "Card issued"),
    "card_linked": QT_TRANSLATE_NOOP("audit", "Card linked"),
    "card_replaced": QT_TRANSLATE_NOOP("audit", "Card replaced"),
    "member_registered": QT_TRANSLATE_NOOP("audit", "Member signed up"),
    "shift_opened": QT_TRANSLATE_NOOP("audit", "Shift opened"),
    "shift_closed": QT_TRANSLATE_NOOP("audit", "Shift closed"),
    "day_closed": QT_TRANSLATE_NOOP("audit", "Day closed"),
    "staff_added": QT_TRANSLATE_NOOP("audit", "Staff added"),
    "pin_reset": QT_TRANSLATE_NOOP("audit", "PIN reset"),
    "staff_role_changed": QT_TRANSLATE_NOOP("audit", "Role changed"),
    "cashier_signup_set": QT_TRANSLATE_NOOP("audit", "Cashier sign-up switched"),
    "staff_deactivated": QT_TRANSLATE_NOOP("audit", "Staff switched off"),
    "staff_reactivated": QT_TRANSLATE_NOOP("audit", "Staff switched on"),
    "staff_card_linked": QT_TRANSLATE_NOOP("audit", "Staff card flagged"),
    "rulepack_switched": QT_TRANSLATE_NOOP("audit", "Rule pack switched"),
    "devices_saved": QT_TRANSLATE_NOOP("audit", "Device settings saved"),
    "store_initialised": QT_TRANSLATE_NOOP("audit", "Store set up"),
    "draw_defined": QT_TRANSLATE_NOOP("audit", "Lucky draw set up"),
    "draw_stock_allotted": QT_TRANSLATE_NOOP("audit", "Prize stock allotted"),
    "gift_redeemed": QT_TRANSLATE_NOOP("audit", "Gift redeemed"),
    "gift_saved": QT_TRANSLATE_NOOP("audit", "Gift catalogue changed"),
    "event_checkin": QT_TRANSLATE_NOOP("audit", "Event check-in"),
    "coupons_bulk_issued": QT_TRANSLATE_NOOP("audit", "Coupons issued in bulk"),
    "members_imported": QT_TRANSLATE_NOOP("audit", "Members imported"),
    "segment_exported": QT_TRANSLATE_NOOP("audit", "Segment exported"),
    "refund": QT_TRANSLATE_NOOP("audit", "Refund"),
    "void_sale": QT_TRANSLATE_NOOP("audit", "Sale voided"),
    "price_changed": QT_TRANSLATE_NOOP("audit", "Price changed"),
    "member_updated": QT_TRANSLATE_NOOP("audit", "Member profile changed"),
    "member_pin_changed": QT_TRANSLATE_NOOP("audit", "Member payment PIN set"),
    "member_pin_set": QT_TRANSLATE_NOOP("audit", "Member payment PIN set"),
    "member_pin_wrong": QT_TRANSLATE_NOOP("audit", "Wrong member payment PIN"),
    "audit_keyed": QT_TRANSLATE_NOOP("audit", "Audit trail sealed with the store key"),
    "audit_head_lost": QT_TRANSLATE_NOOP("audit", "Audit trail found cut"),
    "sync_set_aside": QT_TRANSLATE_NOOP("audit", "Head office changes set aside"),
}

# What the chain check says for each kind of damage (db/audit.py ChainBreak).
_BROKEN: dict[str, str] = {
    "truncated": QT_TRANSLATE_NOOP(
        "audit", "Audit trail cut: it reached entry no. {head} but now ends at no. {seq}; "
                 "the entries after it were deleted. Call head office before anything else "
                 "is changed."),
    "rewritten": QT_TRANSLATE_NOOP(
        "audit", "Audit trail rewritten: from entry no. {seq} on, the entries were "
                 "recomputed without this store's key. Call head office before anything "
                 "else is changed."),
    "head_lost": QT_TRANSLATE_NOOP(
        "audit", "Audit trail cut: the seal on its last entry was removed (found at entry "
                 "no. {seq}). Call head office before anything else is changed."),
    "rekeyed": QT_TRANSLATE_NOOP(
        "audit", "Audit trail sealed a second time at entry no. {seq}: the store's upgrade "
                 "was forced again. Call head office before anything else is changed."),
    "broken_before_keyed": QT_TRANSLATE_NOOP(
        "audit", "Audit trail was already broken when it was sealed (entry no. {seq} says "
                 "where). Call head office before anything else is changed."),
}


def action_label(code: str) -> str:
    text = ACTIONS.get(code)
    return QCoreApplication.translate(CONTEXT, text) if text else code


@dataclass(frozen=True, slots=True)
class AuditRow:
    time: str
    staff: str
    action: str
    subject: str
    details: str
    entry_id: str


class AuditModel:
    """Filters (dates, staff, action), the page shown, and what each row says."""

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        today = env.ctx.today()
        self.since: date | None = today - timedelta(days=DEFAULT_DAYS - 1)
        self.until: date | None = today
        self.staff_id: str | None = None
        self.action: str | None = None
        self.offset = 0
        self.total = 0
        self.staff: dict[str, Staff] = {}
        self.entries: list[AuditEntry] = []

    def load(self) -> list[AuditRow]:
        """Re-read the page at the current offset (raises a DomainError for a bad range)."""
        ctx = self.env.ctx
        self.staff = audit_service.staff_by_id(ctx)
        query = audit_service.query_for(ctx, self.since, self.until, self.staff_id, self.action)
        found = audit_service.page(ctx, query, self.offset)
        self.entries, self.total = found.entries, found.total
        return [self.row(e) for e in found.entries]

    def apply(self, since: date | None, until: date | None, staff_id: str | None,
              action: str | None) -> list[AuditRow]:
        self.since, self.until, self.staff_id, self.action = since, until, staff_id, action
        self.offset = 0
        return self.load()

    def older(self) -> bool:
        """Move one page towards older entries; False at the end."""
        if self.offset + audit_service.PAGE_SIZE >= self.total:
            return False
        self.offset += audit_service.PAGE_SIZE
        return True

    def newer(self) -> bool:
        if self.offset == 0:
            return False
        self.offset = max(0, self.offset - audit_service.PAGE_SIZE)
        return True

    def position(self) -> str:
        if not self.total:
            return QCoreApplication.translate(CONTEXT, "No entries match.")
        last = min(self.offset + len(self.entries), self.total)
        return QCoreApplication.translate(CONTEXT, "Entries {first}–{last} of {total}").format(
            first=i18n.number(self.offset + 1), last=i18n.number(last),
            total=i18n.number(self.total))

    def staff_choices(self) -> list[tuple[str, str]]:
        """(id, "number name") of every staff account, for the staff filter."""
        everyone = self.staff or audit_service.staff_by_id(self.env.ctx)
        return [(s.id, f"{s.number} {s.name}") for s in sorted(everyone.values(),
                                                               key=lambda s: s.number)]

    def action_choices(self) -> list[tuple[str, str]]:
        return [(code, action_label(code)) for code in audit_service.action_kinds(self.env.ctx)]

    def row(self, entry: AuditEntry) -> AuditRow:
        local = self.env.ctx.calendar.local(entry.at)
        return AuditRow(time=i18n.datetime_text(local), staff=self._who(entry.staff_id),
                        action=action_label(entry.action), subject=entry.target,
                        details=self._details(entry), entry_id=entry.id)

    def export(self, path: Path) -> int:
        """Every entry of the current filter (not only this page) to a CSV file."""
        ctx = self.env.ctx
        query = audit_service.query_for(ctx, self.since, self.until, self.staff_id, self.action)
        with path.open("w", encoding="utf-8-sig", newline="") as out:  # BOM: Excel reads 中文
            return audit_service.export_csv(ctx, query, out)

    def export_job(self, path: Path) -> Callable[[Progress], int]:
        """The export as a job for the task runner: the filter as it is now, written from
        the runner's thread with its own units of work."""
        ctx = self.env.ctx
        query = audit_service.query_for(ctx, self.since, self.until, self.staff_id, self.action)

        def job(progress: Progress) -> int:
            progress.step(0, None, EXPORTING)
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                return audit_service.export_csv(ctx, query, out)
        return job

    def check(self, progress: Progress = NO_PROGRESS) -> AuditBreak | None:
        """The chain check as a job for the task runner: every entry's link, read on its
        own connection; a stop asked for meanwhile discards the answer (nothing was changed)."""
        progress.step(0, None, CHECKING)
        broken = audit_service.verify_chain(self.env.ctx)
        check_cancel(progress)
        return broken

    def verify(self) -> tuple[bool, str]:
        """(chain holds, the sentence to show)."""
        return self.verdict(self.check())

    def verdict(self, broken: AuditBreak | None) -> tuple[bool, str]:
        """What the check found as (chain holds, the sentence to show)."""
        if broken is None:
            return True, QCoreApplication.translate(
                CONTEXT, "Audit chain OK: no entry has been changed or removed.")
        return False, self._broken_text(broken)

    def _broken_text(self, broken: AuditBreak) -> str:
        if broken.reason in _BROKEN:
            return QCoreApplication.translate(CONTEXT, _BROKEN[broken.reason]).format(
                seq=i18n.number(broken.seq), head=i18n.number(broken.head_seq or 0))
        why = (QT_TRANSLATE_NOOP("audit", "was changed after it was written")
               if broken.reason == "hash" else
               QT_TRANSLATE_NOOP("audit", "follows an entry that was changed or removed"))
        return QCoreApplication.translate(
            CONTEXT, "Audit chain broken: entry no. {seq} ({entry}) {why}. Call head "
                     "office before anything else is changed.").format(
            seq=i18n.number(broken.seq), entry=broken.entry_id,
            why=QCoreApplication.translate(CONTEXT, why))

    def _who(self, staff_id: str | None) -> str:
        if staff_id is None:
            return QCoreApplication.translate(CONTEXT, "System")
        found = self.staff.get(staff_id)
        return f"{found.number} {found.name}" if found else staff_id

    def _details(self, entry: AuditEntry) -> str:
        parts = [_detail(key, value) for key, value in sorted(entry.details.items())]
        if entry.approved_by:
            parts.append(QCoreApplication.translate(CONTEXT, "approved by {who}").format(
                who=self._who(entry.approved_by)))
        return "; ".join(parts)


def _detail(key: str, value: Any) -> str:
    """`amount_fen: 100000` reads `amount: ￥1,000.00`; other values as stored."""
    if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
        return f"{key[:-4]}: {i18n.money(value)}"
    return f"{key}: {_plain(value)}"


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
