"""The member at the front desk: found by a swipe, a scanned QR, or a typed mobile or card."""

from __future__ import annotations

from datetime import datetime

from desktop.viewmodels.desk_slips import SlipHead
from desktop.viewmodels.env import TillEnv
from domain import dynamicqr
from domain.errors import DomainError
from domain.records import Staff
from domain.services.members import MemberView, find_by_card, find_by_code, find_by_swipe
from domain.services.members import member_view as read_member


class DeskMember:
    """Who is at the desk; `view` is None until someone has been found."""

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        self.view: MemberView | None = None
        self.presented = False  # a card or member QR was shown, not only a mobile typed

    def by_text(self, text: str) -> MemberView:
        """A typed mobile or 13-digit card number (or a pasted member QR)."""
        code = text.strip()
        if not code:
            raise DomainError("desk.member_needed", field="member")
        return self.by_code(code, presented=False)

    def by_code(self, code: str, presented: bool = True) -> MemberView:
        ctx = self.env.ctx
        if dynamicqr.is_dynamic(code):
            token = dynamicqr.read_payload(code, ctx.now(), ctx.qr_verify,
                                           ctx.pack.cards.dynamic_qr_ttl_s)
            self.env.seen_qr.admit(token)  # a QR screenshot is not used twice
            return self._found(find_by_card(ctx, token.card_number), True)
        return self._found(find_by_code(ctx, code), presented)

    def by_swipe(self, track1: str | None, track2: str | None) -> MemberView:
        return self._found(find_by_swipe(self.env.ctx, track1, track2), True)

    def refresh(self) -> MemberView | None:
        """Re-read balances and coupons after the desk changed them."""
        if self.view is not None:
            self.view = read_member(self.env.ctx, self.view.member.id)
        return self.view

    def clear(self) -> None:
        self.view, self.presented = None, False

    def require(self) -> MemberView:
        if self.view is None:
            raise DomainError("desk.member_needed", field="member")
        return self.view

    def slip_head(self, staff: Staff, at: datetime | None = None) -> SlipHead:
        view = self.require()
        ctx = self.env.ctx
        return SlipHead(self.env.store_name, staff.name, at or ctx.now(), ctx.calendar,
                        view.member, view.card.number if view.card else None,
                        self.env.receipt_lang)

    def _found(self, view: MemberView, presented: bool) -> MemberView:
        self.view, self.presented = view, presented
        return view
