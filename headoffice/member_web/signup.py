"""Self sign-up on the member page (DOMAIN §3): the front desk's form rules, the member made
at head office with an e-card, and the referrer's §7 bonus, all merged by ingest's own path
under the store's web terminal, so the store's tills learn them at their next pull."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain import forms, serials
from domain.clock import BusinessDay
from domain.errors import DomainError, NotFound
from domain.event_types import EventType as E
from domain.events import CouponIssued, MemberCreated
from domain.ids import new_id_str
from domain.records import Member
from domain.rulepack import RulePack
from headoffice import cardblocks, ingest
from headoffice.batch import Item, Terminal
from headoffice.packs import PackBook
from headoffice.tables import members, stores
from sync.payloads import CardV1, CouponIssuedV1, MemberCreatedV1, Payload, PointsEntryV1
from sync.schema import Event

# The member page signs members up as a terminal of the store whose link was followed: its
# id is fixed per store (so its card block is found again) and no till ever holds it.
_WEB_NAMESPACE = uuid.UUID("6f1c1d2e-8b7a-4d0e-9a52-6b61696b6177")
WEB_TERMINAL_CODE = "WEB"
CARD_BLOCK = 100  # e-card serials allotted to a store's web terminal at a time
CARD_KIND = "qr"  # shown as the phone's dynamic QR; no stripe is ever encoded


@dataclass(frozen=True)
class Joined:
    member_id: str
    created: bool  # False: the mobile was a member already (nothing was made)
    card: str | None = None
    merchant_code: str = ""


def store_of(conn: Connection, store_code: str) -> Any:
    row = conn.execute(sa.select(stores.c.id, stores.c.merchant_id, stores.c.name,
                                 stores.c.tz, stores.c.day_close).where(
        stores.c.code == store_code)).first()
    if row is None:
        raise NotFound("store.unknown", store=store_code)
    return row


def web_terminal(store: Any) -> Terminal:
    return Terminal(id=str(uuid.uuid5(_WEB_NAMESPACE, store.id)), store_id=store.id,
                    merchant_id=store.merchant_id, code=WEB_TERMINAL_CODE, public_key="")


def referrer_of(conn: Connection, merchant_id: str, member_id: str) -> Any:
    """The member whose invitation link was followed, if they are this merchant's."""
    if not member_id:
        return None
    return conn.execute(sa.select(members.c.id, members.c.profile).where(
        members.c.id == member_id[:36], members.c.merchant_id == merchant_id,
        members.c.canonical_id.is_(None))).first()


def sign_up(engine: Engine, packs: PackBook, store_code: str, raw: Mapping[str, object],
            referrer_id: str, now: datetime) -> Joined:
    """Validate (forms.FormErrors naming every bad field), then make the member, their e-card
    and the referrer's bonus in one transaction; a known mobile makes nothing."""
    with engine.begin() as conn:
        store = store_of(conn, store_code)
        today = today_at(store, now)
        form = forms.validate_member_form(raw, today)
        known = conn.scalar(sa.select(members.c.id).where(
            members.c.merchant_id == store.merchant_id, members.c.mobile == form.mobile,
            members.c.canonical_id.is_(None)))
        if known is not None:
            return Joined(known, created=False)
        terminal = web_terminal(store)
        pack = packs.for_merchant(conn, store.merchant_id)
        referrer = referrer_of(conn, store.merchant_id, referrer_id)
        member = _member(form, pack, today, now, referrer.id if referrer else None)
        number = _next_card(conn, terminal, pack, now)
        items = [_member_item(terminal, member, now), _card_item(terminal, member, number,
                                                                 pack, today, now)]
        items += _signup_coupon(terminal, member, pack, today, now)
        if referrer is not None:  # once: a mobile joins once, and only a new member earns it
            items.append(_bonus_item(terminal, referrer.id, pack, today, now))
        refused = ingest.merge_born_here(conn, terminal, items, now, packs)
        if any(status == "quarantined" for status, _ in refused.values()):
            raise DomainError("signup.refused", why=sorted(str(c) for _, c in refused.values()))
    return Joined(member.id, created=True, card=number)


def today_at(store: Any, now: datetime) -> date:
    """The store's business date of `now` (as its tills date a sign-up)."""
    return BusinessDay(store.tz, _close(store.day_close)).date_of(now)


def _close(text: str) -> time:
    hour, minute = (int(x) for x in text.split(":"))
    return time(hour, minute)


def _member(form: forms.MemberForm, pack: RulePack, today: date, now: datetime,
            referrer_id: str | None) -> Member:
    """As the front desk makes one (domain/services/members.py), consents with their time."""
    return Member(
        id=new_id_str(), name=form.name, mobile=form.mobile, joined_on=today,
        tier=pack.signup_tier.name, tier_since=today, gender=form.gender,
        birth_year=form.birth_year, birth_month=form.birth_month, birth_day=form.birth_day,
        email=form.email, referrer_id=referrer_id,
        source="referral" if referrer_id else form.source,
        consent_marketing=form.consent_marketing,
        consent_marketing_at=now if form.consent_marketing else None,
        privacy_accepted_at=now if form.privacy_accepted else None, created_at=now)


def _next_card(conn: Connection, terminal: Terminal, pack: RulePack, now: datetime) -> str:
    brand, blocks = cardblocks.blocks_for(conn, terminal, pack.cards.level, CARD_BLOCK, now)
    uses = []
    for b in blocks:
        block = serials.SerialBlock(b.prefix, b.first, b.last)
        uses.append(serials.BlockUse(block, cardblocks.highest(conn, block)))
    serial = serials.next_serial(uses)
    if serial is None:
        raise DomainError("card.serials_exhausted", prefix=blocks[0].prefix if blocks else "")
    prefix = next(u.block.prefix for u in uses if u.block.holds(serial) and u.left > 0)
    return card_rules.make_card_number(brand, prefix[2], prefix[3:], serial)


def _event(terminal: Terminal, type_: str, member_id: str, payload: Payload,
           now: datetime) -> Item[Payload]:
    return Item(Event(event_id=new_id_str(), seq=1, type=type_, occurred_at=now,
                      merchant_id=terminal.merchant_id, store_id=terminal.store_id,
                      terminal_id=terminal.id, member_id=member_id,
                      payload=payload.model_dump(mode="json")), payload)


def _member_item(terminal: Terminal, member: Member, now: datetime) -> Item[Payload]:
    wire = MemberCreated(member).wire()
    return _event(terminal, E.MEMBER_CREATED, member.id, MemberCreatedV1.model_validate(wire),
                  now)


def _card_item(terminal: Terminal, member: Member, number: str, pack: RulePack, today: date,
               now: datetime) -> Item[Payload]:
    card = CardV1(number=number, member_id=member.id, state="active",
                  expiry=card_rules.card_expiry(today, pack.cards), kind=CARD_KIND,
                  issued_at=now)
    return _event(terminal, E.CARD_ISSUED, member.id, card, now)


def _signup_coupon(terminal: Terminal, member: Member, pack: RulePack, today: date,
                   now: datetime) -> list[Item[Payload]]:
    """The pack's sign-up coupon, as the front desk gives one (domain/services/members.py)."""
    code = pack.coupons.signup_template
    template = pack.coupons.template(code) if code else None
    if template is None:
        return []
    coupon = coupon_rules.issue(template, coupon_rules.new_code(os.urandom), member.id, now,
                                today, "signup")
    payload = CouponIssuedV1.model_validate(CouponIssued(coupon).wire())
    return [_event(terminal, E.COUPON_ISSUED, member.id, payload, now)]


def _bonus_item(terminal: Terminal, referrer_id: str, pack: RulePack, today: date,
                now: datetime) -> Item[Payload]:
    entry = PointsEntryV1(id=new_id_str(), member_id=referrer_id, kind="bonus",
                          points=pack.points.referral_bonus, at=now, business_date=today,
                          reason="referral")
    return _event(terminal, E.POINTS_ENTRY, referrer_id, entry, now)
