"""Turning the cashier's tender requests into settled tenders against the amount due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain import alliance_card, card_data
from domain import points as points_rules
from domain import wallet as wallet_rules
from domain.alliance_card import AllianceMember
from domain.errors import DomainError, ValidationError
from domain.records import Balances, Tender, TenderKind
from domain.rulepack import RulePack
from domain.services.cart import TenderRequest


@dataclass(frozen=True, slots=True)
class Settlement:
    tenders: tuple[Tender, ...]
    remaining_fen: int  # still due; the sale completes only at zero
    change_fen: int
    points_spent: int
    points_fen: int  # what the points paid
    wallet_principal_fen: int
    wallet_bonus_fen: int

    @property
    def non_money_fen(self) -> int:
        """Paid with points or wallet bonus: earns no points and no tier spend (DOMAIN §5, §7)."""
        return self.points_fen + self.wallet_bonus_fen


def settle(requests: Sequence[TenderRequest], due_fen: int, balances: Balances | None,
           pack: RulePack, partner: AllianceMember | None = None) -> Settlement:
    """Apply tenders in order; each takes at most what is still due (cash may give change).

    For an alliance member of another merchant (`partner`), stored value is refused (it never
    crosses merchants) and the issuer's points pay at the agreement's value; this till knows
    no balance of theirs, so the offline allowance bounds them (checkout) and head office
    books a shortfall as it does any offline overdraft.
    """
    remaining = due_fen
    tenders: list[Tender] = []
    points_left = balances.points if balances else 0
    principal = balances.wallet_principal_fen if balances else 0
    bonus = balances.wallet_bonus_fen if balances else 0
    for request in requests:
        if remaining <= 0:
            raise DomainError("tender.nothing_due", kind=request.kind.value)
        tender = (_partner(request, remaining, partner) if partner is not None
                  else _one(request, remaining, points_left, principal, bonus, balances, pack))
        points_left -= tender.points
        principal -= tender.wallet_principal_fen
        bonus -= tender.wallet_bonus_fen
        remaining -= tender.amount_fen
        tenders.append(tender)
    return Settlement(
        tenders=tuple(tenders), remaining_fen=remaining,
        change_fen=sum(t.change_fen for t in tenders),
        points_spent=sum(t.points for t in tenders),
        points_fen=sum(t.amount_fen for t in tenders if t.kind is TenderKind.POINTS),
        wallet_principal_fen=sum(t.wallet_principal_fen for t in tenders),
        wallet_bonus_fen=sum(t.wallet_bonus_fen for t in tenders))


def _partner(request: TenderRequest, remaining: int, partner: AllianceMember) -> Tender:
    if request.kind is TenderKind.WALLET:
        raise DomainError("alliance.wallet_not_here", issuer=partner.card.issuer)
    if request.kind is TenderKind.POINTS:
        fen = alliance_card.points_value_fen(partner, request.points, remaining)
        return Tender(kind=request.kind, amount_fen=fen, points=request.points)
    return _one(request, remaining, 0, 0, 0, None, None)


def _one(request: TenderRequest, remaining: int, points_left: int, principal: int, bonus: int,
         balances: Balances | None, pack: RulePack | None) -> Tender:
    kind = request.kind
    if kind in (TenderKind.POINTS, TenderKind.WALLET) and balances is None:
        raise DomainError("tender.member_required", kind=kind.value)
    if kind is TenderKind.POINTS:
        assert pack is not None  # a member's points: their balances came with their pack
        fen = points_rules.check_redeem(request.points, points_left, remaining, pack)
        return Tender(kind=kind, amount_fen=fen, points=request.points)
    if kind is TenderKind.CASH:
        return _cash(request, remaining)
    amount = _amount(request, remaining)
    if kind is TenderKind.WALLET:  # the member's PIN: checkout checks its proof
        p, b = wallet_rules.draw(principal, bonus, amount)
        return Tender(kind=kind, amount_fen=amount, wallet_principal_fen=p, wallet_bonus_fen=b)
    if kind in (TenderKind.BANK_CARD, TenderKind.MOBILE):
        # A slip number, never the card's own number (a swipe typed in as the reference).
        reference = card_data.check_text("reference", request.reference.strip())
        if not reference:  # the slip number is how a refund finds the payment again
            raise ValidationError("tender.reference_required", field="reference",
                                  kind=kind.value)
        return Tender(kind=kind, amount_fen=amount, reference=reference)
    raise DomainError("tender.kind_unsupported", kind=kind.value)


def _amount(request: TenderRequest, remaining: int) -> int:
    amount = remaining if request.amount_fen is None else request.amount_fen
    if amount > remaining:
        raise DomainError("tender.exceeds_due", kind=request.kind.value, amount_fen=amount,
                          due_fen=remaining)
    return amount


def _cash(request: TenderRequest, remaining: int) -> Tender:
    """Cash: the amount tendered is capped at what is due; the rest of `given` is change."""
    asked = remaining if request.amount_fen is None else request.amount_fen
    given = request.given_fen or asked
    if given < asked:
        raise DomainError("tender.cash_short", given_fen=given, amount_fen=asked)
    amount = min(asked, remaining)
    return Tender(kind=TenderKind.CASH, amount_fen=amount, given_fen=given,
                  change_fen=given - amount)
