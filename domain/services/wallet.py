"""Stored value at the front desk: top-up with the pack's bonus, and closing a wallet."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from domain import allowances, card_data
from domain import wallet as wallet_rules
from domain.errors import DomainError, NotFound, ValidationError
from domain.ports import UnitOfWork
from domain.records import Balances, TenderKind, WalletEntry
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.ledger import Posting, post_wallet
from domain.services.proofs import Approval

TOPUP_TENDERS = (TenderKind.CASH, TenderKind.BANK_CARD, TenderKind.MOBILE)


@dataclass(frozen=True, slots=True)
class TopUp:
    entry: WalletEntry
    balances: Balances
    deposit_rate_unlocked: str | None  # "0.75" when this deposit unlocked a discount


@dataclass(frozen=True, slots=True)
class TopUpPreview:
    """What the customer is told before paying: the bonus the amount earns, and the next
    tier up (to suggest topping up a little more)."""

    amount_fen: int
    bonus_fen: int
    next_tier_fen: int | None  # the next tier's threshold; None above the last
    next_bonus_fen: int

    @property
    def credited_fen(self) -> int:
        return self.amount_fen + self.bonus_fen


def preview_bonus(ctx: ServiceContext, amount_fen: int) -> int:
    """The bonus the front desk shows before the customer confirms."""
    wallet_rules.check_topup(amount_fen, ctx.pack.wallet)
    return wallet_rules.topup_bonus(amount_fen, ctx.pack.wallet)


def preview_topup(ctx: ServiceContext, amount_fen: int) -> TopUpPreview:
    """The bonus of `amount_fen` and the pack's next tier above it, refused as `top_up`
    refuses the amount (wallet.bad_amount, wallet.topup_too_small)."""
    bonus = preview_bonus(ctx, amount_fen)
    above = sorted((t.min_topup_fen, t.bonus_fen) for t in ctx.pack.wallet.bonus_tiers
                   if t.min_topup_fen > amount_fen)
    low, extra = above[0] if above else (None, 0)
    return TopUpPreview(amount_fen, bonus, low, extra)


def preview_close(ctx: ServiceContext, member_id: str) -> tuple[int, int]:
    """(principal refunded, bonus forfeited) if the wallet were closed now, shown before a
    manager approves; refused as `close_wallet` refuses (wallet.empty, wallet.overdrawn)."""
    with ctx.reader() as uow:
        bal = uow.members.balances(member_id)
    return _closing(member_id, bal)


def _closing(member_id: str, bal: Balances) -> tuple[int, int]:
    refund, forfeit = wallet_rules.close(bal.wallet_principal_fen, bal.wallet_bonus_fen)
    if refund == 0 and forfeit == 0:
        raise DomainError("wallet.empty", member_id=member_id)
    return refund, forfeit


def top_up(ctx: ServiceContext, member_id: str, amount_fen: int, staff_id: str,
           tender: TenderKind = TenderKind.CASH, reference: str = "", *,
           confirmed: bool = False) -> TopUp:
    """Add principal plus the pack's bonus; a large deposit may unlock a discount (DOMAIN §8).

    Above the pack's `confirm_above_fen` it is refused ("wallet.topup_confirm") unless the
    desk `confirmed` the amount with the customer.
    """
    if tender not in TOPUP_TENDERS:
        raise ValidationError("wallet.topup_tender", field="tender", tender=tender.value)
    card_data.check_text("reference", reference)  # the terminal's slip number, not the card's
    if tender is not TenderKind.CASH and not reference.strip():
        raise ValidationError("wallet.reference_required", field="reference",
                              tender=tender.value)
    bonus = preview_bonus(ctx, amount_fen)
    wallet_rules.check_confirmed(amount_fen, ctx.pack.wallet, confirmed)
    with guard(ctx, "wallet.top_up", staff_id), ctx.uow() as uow:
        member = uow.members.get(member_id)
        if member is None:
            raise NotFound("member.unknown", member_id=member_id)
        if tender is TenderKind.CASH:
            _require_drawer(uow, staff_id)
        entry = post_wallet(ctx, uow, Posting(member_id, "topup", staff_id), amount_fen, bonus,
                            tender.value, reference)
        unlocked = wallet_rules.deposit_discount(amount_fen, ctx.pack.wallet)
        if unlocked is not None and (member.deposit_rate is None
                                     or unlocked.rate <= member.deposit_rate):
            until = ctx.local_date() + timedelta(days=unlocked.days - 1)
            uow.members.save(replace(member, deposit_rate=unlocked.rate, deposit_until=until))
        audit(ctx, uow, "wallet_topup", staff_id, target=member_id, amount_fen=amount_fen,
              bonus_fen=bonus, tender=tender.value)
        balances = uow.members.balances(member_id)
        uow.commit()
    return TopUp(entry, balances, str(unlocked.rate) if unlocked else None)


def _require_drawer(uow: UnitOfWork, staff_id: str) -> None:
    """Cash taken or paid out at the desk goes through a drawer someone counts: the staff
    member's open shift, whose expected cash (and so the Z) includes it."""
    if uow.shifts.open_for(staff_id) is None:
        raise DomainError("wallet.no_drawer")


def close_wallet(ctx: ServiceContext, member_id: str, staff_id: str,
                 approval: Approval | None = None) -> tuple[int, int]:
    """Refund the principal in cash and forfeit the bonus; a manager approves it for this
    member (`staff.approve` for "wallet.close_wallet", the member id as subject), or is the
    one closing it.

    Returns (principal refunded, bonus forfeited).
    """
    with guard(ctx, "wallet.close_wallet", staff_id, approval, subject=member_id) as grant, \
            ctx.uow() as uow:
        manager_id = grant.authority
        refund, forfeit = _closing(member_id, uow.members.balances(member_id))
        if refund:
            _require_drawer(uow, staff_id)
        # Cash out of stored value another store may be spending: bounded offline like a sale.
        allowances.guard(uow.offline, member_id, allowances.Spend(wallet_fen=refund + forfeit),
                         ctx.today(), ctx.now(), ctx.pack.offline)
        post_wallet(ctx, uow, Posting(member_id, "close", staff_id), -refund, -forfeit,
                    TenderKind.CASH.value)
        audit(ctx, uow, "wallet_closed", staff_id, target=member_id, approved_by=manager_id,
              refund_fen=refund, forfeit_fen=forfeit)
        uow.commit()
    return refund, forfeit
