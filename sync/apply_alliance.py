"""Applying an alliance partner's feed: agreements it honours and the issuers' roster (see
sync/apply.py for the transaction and versions; docs/alliance.md for the design)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.alliance import AgreementError, partner_terms
from domain.alliance_card import AllianceCoupon, RosterCard
from sync.schema import Change

if TYPE_CHECKING:
    from sync.apply import Applier

_ROSTER_TEXT = ("issuer", "issuer_member_id", "name_masked", "tier")


def agreement(a: Applier, change: Change) -> bool:
    """An agreement's terms as head office sent them (a new version when its end is set); one
    this till cannot read is skipped, not half-applied — the next version replaces it."""
    try:
        terms = partner_terms(change.data)
    except AgreementError:
        return False
    if not a.newer(change):
        return False
    a.uow.alliance.save_terms(terms.id, terms.issuer_brand, dict(change.data))
    return True


def member(a: Applier, change: Change) -> bool:
    """An issuer's card on the roster, or (`void`) taken off it: consent withdrawn, the card
    blocked or replaced, or no agreement left that honours it here."""
    d = change.data
    if not a.newer(change):
        return False
    if d.get("void") or not all(isinstance(d.get(k), str) for k in _ROSTER_TEXT):
        a.uow.alliance.drop_card(change.id)
        return True
    a.uow.alliance.put_card(RosterCard(card_number=change.id, issuer=d["issuer"],
                                       issuer_member_id=d["issuer_member_id"],
                                       name_masked=d["name_masked"], tier=d["tier"]))
    return True


def coupon(a: Applier, change: Change) -> bool:
    """An issuer's coupon this till may take from its card's holder, or (`void`) no longer:
    redeemed somewhere, expired, voided, its card off the roster or its template no longer
    honoured. One that does not read is dropped (the till must never honour a guess)."""
    if not a.newer(change):
        return False
    found = None if change.data.get("void") else _coupon(change.id, change.data)
    if found is None:
        a.uow.alliance.drop_coupon(change.id)
    else:
        a.uow.alliance.put_coupon(found)
    return True


def _coupon(code: str, d: Any) -> AllianceCoupon | None:
    amount = d.get("amount_fen")
    texts = [d.get(k) for k in ("card", "issuer", "template", "valid_from", "valid_to")]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        return None
    if not all(isinstance(t, str) and t for t in texts):
        return None
    try:
        start, end = date.fromisoformat(str(texts[3])), date.fromisoformat(str(texts[4]))
    except ValueError:
        return None
    return AllianceCoupon(code=code, card_number=str(texts[0]), issuer=str(texts[1]),
                          template=str(texts[2]), amount_fen=amount, valid_from=start,
                          valid_to=end)
