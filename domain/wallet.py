"""Stored value (DOMAIN §8): top-up bonus, deposit discounts, proportional draws, closing."""

from __future__ import annotations

from domain.errors import DomainError, ValidationError
from domain.rulepack import DepositDiscount, WalletRules


def check_topup(amount_fen: int, rules: WalletRules) -> None:
    """A top-up must be a positive whole number of fen of at least the pack's minimum."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen <= 0:
        raise ValidationError("wallet.bad_amount", field="amount_fen", amount_fen=amount_fen)
    if amount_fen < rules.min_topup_fen:
        raise DomainError("wallet.topup_too_small", amount_fen=amount_fen,
                          min_fen=rules.min_topup_fen)


def check_confirmed(amount_fen: int, rules: WalletRules, confirmed: bool) -> None:
    """A top-up above the pack's threshold needs the desk's explicit confirmation."""
    if amount_fen > rules.confirm_above_fen and not confirmed:
        raise DomainError("wallet.topup_confirm", amount_fen=amount_fen,
                          threshold_fen=rules.confirm_above_fen)


def topup_bonus(amount_fen: int, rules: WalletRules) -> int:
    """The bonus of the highest tier one top-up meets (¥5,000 → +¥500); 0 below the first."""
    met = [t for t in rules.bonus_tiers if amount_fen >= t.min_topup_fen]
    return max(met, key=lambda t: t.min_topup_fen).bonus_fen if met else 0


def topup(amount_fen: int, rules: WalletRules) -> tuple[int, int]:
    """(principal, bonus) credited by one checked top-up."""
    check_topup(amount_fen, rules)
    return amount_fen, topup_bonus(amount_fen, rules)


def deposit_discount(amount_fen: int, rules: WalletRules) -> DepositDiscount | None:
    """The discount one deposit unlocks (≥ ¥50,000 → 7.5折): the highest step it meets."""
    met = [d for d in rules.deposit_discounts if amount_fen >= d.min_deposit_fen]
    return max(met, key=lambda d: d.min_deposit_fen) if met else None


def draw(principal_fen: int, bonus_fen: int, amount_fen: int) -> tuple[int, int]:
    """(principal, bonus) a wallet payment takes, in proportion to the two balances.

    The bonus share is rounded down, so the remainder fen comes from principal: the member
    never loses more bonus than the proportion says. A negative part (an overdraft found
    on sync) counts as empty.
    """
    _check_amount(amount_fen)
    principal, bonus = max(principal_fen, 0), max(bonus_fen, 0)
    if amount_fen > principal + bonus:
        raise DomainError("wallet.insufficient", balance_fen=principal + bonus,
                          amount_fen=amount_fen)
    bonus_part = amount_fen * bonus // (principal + bonus)
    return amount_fen - bonus_part, bonus_part


def refund(original_principal_fen: int, original_bonus_fen: int,
           refund_fen: int) -> tuple[int, int]:
    """(principal, bonus) given back to the wallet for (part of) a wallet payment.

    Split in the payment's own proportions, bonus rounded down as in `draw`. For a second
    partial refund of the same payment pass what is still unrefunded of it: the parts then
    never exceed the payment and a last refund of the rest returns it exactly.
    """
    _check_amount(refund_fen)
    paid = original_principal_fen + original_bonus_fen
    if original_principal_fen < 0 or original_bonus_fen < 0 or refund_fen > paid:
        raise DomainError("wallet.refund_exceeds_payment", refund_fen=refund_fen, paid_fen=paid)
    bonus_part = refund_fen * original_bonus_fen // paid
    return refund_fen - bonus_part, bonus_part


def close(principal_fen: int, bonus_fen: int) -> tuple[int, int]:
    """(principal refunded in cash, bonus forfeited) when a wallet is closed (a manager's act).

    An overdrawn wallet must be settled first: nothing is paid out against a debt.
    """
    if principal_fen < 0 or bonus_fen < 0:
        raise DomainError("wallet.overdrawn", principal_fen=principal_fen, bonus_fen=bonus_fen)
    return principal_fen, bonus_fen


def needs_pin(amount_fen: int, rules: WalletRules) -> bool:
    """Paying more than the pack's threshold from the wallet needs the member's PIN."""
    return amount_fen > rules.pin_above_fen


def _check_amount(amount_fen: int) -> None:
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen <= 0:
        raise ValidationError("wallet.bad_amount", field="amount_fen", amount_fen=amount_fen)
