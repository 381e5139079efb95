"""The payment step's figures for any caller: what is due, paid, left and given back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError
from domain.records import Balances, Tender
from domain.services.till import TillSale


@dataclass(frozen=True, slots=True)
class PaymentState:
    due_fen: int
    paid_fen: int  # what the tenders so far cover (cash capped at what was due)
    remaining_fen: int
    change_fen: int
    tenders: tuple[Tender, ...]
    points_available: int | None  # None without a member
    wallet_fen: int | None
    points_earned: int | None
    # An alliance member of another merchant: the issuer's name. Their stored value is never
    # taken here; the issuer's points pay at `point_value_fen` (0: they cannot).
    alliance_issuer: str | None = None
    point_value_fen: int = 0

    @property
    def balanced(self) -> bool:
        """Ready to complete: tendered, and nothing left due (checkout's `sale.unbalanced`)."""
        return self.remaining_fen == 0 and bool(self.tenders)


def state(sale: TillSale) -> PaymentState:
    """Where the sale's payment stands. A sale with no lines has nothing to pay
    (DomainError sale.empty, as `checkout.complete` would say)."""
    q = sale.quote
    if q is None or not sale.cart.lines:
        raise DomainError("sale.empty")
    balances = sale.member.balances if sale.member else None
    return PaymentState(
        due_fen=q.due_fen, paid_fen=sum(t.amount_fen for t in q.settlement.tenders),
        remaining_fen=q.settlement.remaining_fen, change_fen=q.settlement.change_fen,
        tenders=q.settlement.tenders, points_available=_points(balances),
        wallet_fen=_wallet(balances), points_earned=q.earning.points if q.earning else None,
        **_alliance(sale))


def _alliance(sale: TillSale) -> dict[str, Any]:
    found = sale.cart.alliance
    if found is None:
        return {}
    value = found.terms.agreement.point_value_fen if found.points_spendable else 0
    return {"alliance_issuer": found.terms.issuer_name, "point_value_fen": value}


def _points(balances: Balances | None) -> int | None:
    return balances.points if balances else None


def _wallet(balances: Balances | None) -> int | None:
    if balances is None:
        return None
    return balances.wallet_principal_fen + balances.wallet_bonus_fen
