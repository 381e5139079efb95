"""Stored value at the front desk without Qt: bonus preview, top-up with its slip, closing."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.viewmodels import desk_slips
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member_finder import DeskMember
from domain.errors import ValidationError
from domain.records import Staff, TenderKind
from domain.services import wallet as wallet_service
from domain.services.proofs import Approval
from domain.services.wallet import TopUpPreview
from hardware.receipt import Receipt

__all__ = ["ClosePreview", "TopUpDone", "TopUpPreview", "WalletDesk"]


@dataclass(frozen=True, slots=True)
class TopUpDone:
    principal_fen: int
    bonus_fen: int
    balance_fen: int
    balance_bonus_fen: int
    slip: Receipt


@dataclass(frozen=True, slots=True)
class ClosePreview:
    refund_fen: int  # principal, paid back in cash
    forfeit_fen: int  # bonus, gone


class WalletDesk:
    """Top-ups and closing for the member at the desk; every refusal is a DomainError."""

    def __init__(self, env: TillEnv, staff: Staff) -> None:
        self.env, self.staff = env, staff
        self.member = DeskMember(env)

    def tiers(self) -> list[tuple[int, int]]:
        """(top-up from, bonus) of the pack's tiers, smallest first."""
        return sorted((t.min_topup_fen, t.bonus_fen) for t in self.env.ctx.pack.wallet.bonus_tiers)

    def preview(self, amount_fen: int | None) -> TopUpPreview:
        """The bonus and the next tier (domain/services/wallet.py); None: not a number."""
        if amount_fen is None:
            raise ValidationError("wallet.bad_amount", field="amount_fen")
        return wallet_service.preview_topup(self.env.ctx, amount_fen)

    def top_up(self, amount_fen: int | None, tender: TenderKind, reference: str,
               confirmed: bool = False) -> TopUpDone:
        """Credit principal and bonus (the service decides the bonus, as previewed; a card or
        mobile top-up without its slip number, or one above the pack's threshold not
        `confirmed`, is refused there)."""
        view = self.member.require()
        if amount_fen is None:
            raise ValidationError("wallet.bad_amount", field="amount_fen")
        done = wallet_service.top_up(self.env.ctx, view.member.id, amount_fen, self.staff.id,
                                     tender, reference.strip(), confirmed=confirmed)
        self.member.refresh()
        slip = desk_slips.topup_slip(self.member.slip_head(self.staff, done.entry.at),
                                     done.entry.principal_fen, done.entry.bonus_fen,
                                     tender.value, done.balances)
        return TopUpDone(done.entry.principal_fen, done.entry.bonus_fen,
                         done.balances.wallet_principal_fen + done.balances.wallet_bonus_fen,
                         done.balances.wallet_bonus_fen, slip)

    def close_preview(self) -> ClosePreview:
        """What closing would refund and forfeit, shown before a manager approves."""
        view = self.member.require()
        return ClosePreview(*wallet_service.preview_close(self.env.ctx, view.member.id))

    def close(self, approval: Approval | None) -> tuple[ClosePreview, Receipt]:
        """Close with a manager's approval for this member (None: a manager is at the desk)."""
        view = self.member.require()
        refund, forfeit = wallet_service.close_wallet(self.env.ctx, view.member.id,
                                                      self.staff.id, approval)
        slip = desk_slips.close_slip(self.member.slip_head(self.staff), refund, forfeit,
                                     approval.approver_name if approval else self.staff.name)
        self.member.refresh()
        return ClosePreview(refund, forfeit), slip
