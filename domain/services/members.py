"""Signing members up and finding them again by card, swipe, QR or mobile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain import dynamicqr, forms
from domain import points as points_rules
from domain.errors import DomainError, NotFound
from domain.events import CouponIssued, MemberCreated, TierChanged
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import Balances, Card, Coupon, Member, MemberStatus, TierChange
from domain.services import cardserials
from domain.services.context import ServiceContext, audit, emit
from domain.services.guard import guard
from domain.services.ledger import Posting, credit_points
from domain.services.proofs import CardShown


@dataclass(frozen=True, slots=True)
class Registration:
    member: Member
    created: bool  # False: the mobile already belonged to this member, who was opened instead
    coupons: tuple[Coupon, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberView:
    """What the till and the front desk show about a member (DOMAIN §4, §7, §9)."""

    member: Member
    balances: Balances
    card: Card | None
    birthday_today: bool
    expiring: tuple[tuple[date, int], ...] = ()  # (last valid day, points) within warn days
    coupons: tuple[Coupon, ...] = field(default_factory=tuple)
    shown: CardShown | None = None  # the card was swiped or scanned (not typed): see proofs
    by_mobile: bool = False  # found by the mobile number: no card at the till (DOMAIN §8)


def register(ctx: ServiceContext, raw: Mapping[str, object], staff_id: str) -> Registration:
    """Validate the application form and create the member (DOMAIN §3).

    A mobile that already belongs to a member opens that member instead of creating a twin.
    Raises forms.FormErrors naming every bad field.
    """
    form = forms.validate_member_form(raw, ctx.local_date())
    with guard(ctx, "members.register", staff_id), ctx.uow() as uow:
        existing = uow.members.by_mobile(form.mobile)
        if existing is not None:
            return Registration(existing, created=False)
        referrer = _find_referrer(ctx, uow, form.referrer) if form.referrer else None
        member = _new_member(ctx, form, referrer)
        uow.members.add(member)
        _record_signup(ctx, uow, member, staff_id)
        issued = _signup_coupon(ctx, uow, member)
        if referrer is not None:
            credit_points(ctx, uow, Posting(referrer.id, "bonus", staff_id,
                                            reason="referral"),
                          ctx.pack.points.referral_bonus, source="bonus")
        uow.commit()
    return Registration(member, created=True, coupons=issued)


def _new_member(ctx: ServiceContext, form: forms.MemberForm, referrer: Member | None) -> Member:
    now = ctx.now()
    return Member(
        id=new_id_str(), name=form.name, mobile=form.mobile, joined_on=ctx.today(),
        tier=ctx.pack.signup_tier.name, tier_since=ctx.today(), gender=form.gender,
        birth_year=form.birth_year, birth_month=form.birth_month, birth_day=form.birth_day,
        id_number=form.id_number, occupation=form.occupation, income_band=form.income_band,
        address=form.address, email=form.email,
        referrer_id=referrer.id if referrer else None, source=form.source,
        consent_marketing=form.consent_marketing,
        consent_marketing_at=now if form.consent_marketing else None,
        consent_alliance=form.consent_alliance,
        consent_alliance_at=now if form.consent_alliance else None,
        privacy_accepted_at=now if form.privacy_accepted else None,
        tags=tuple(form.tags), notes=form.notes, created_at=now)


def _record_signup(ctx: ServiceContext, uow: UnitOfWork, member: Member,
                   staff_id: str | None) -> None:
    emit(ctx, uow, MemberCreated(member))
    change = TierChange(id=new_id_str(), member_id=member.id, at=ctx.now(), from_tier="",
                        to_tier=member.tier, reason="signup")
    uow.tiers.add_change(change)
    emit(ctx, uow, TierChanged(change))
    audit(ctx, uow, "member_registered", staff_id, target=member.id)


def _signup_coupon(ctx: ServiceContext, uow: UnitOfWork, member: Member) -> tuple[Coupon, ...]:
    code = ctx.pack.coupons.signup_template
    if code is None:
        return ()
    return (issue_coupon(ctx, uow, code, member.id, "signup"),)


def issue_coupon(ctx: ServiceContext, uow: UnitOfWork, template_code: str,
                 member_id: str | None, reason: str) -> Coupon:
    """Issue one coupon of a pack template inside the caller's transaction."""
    template = ctx.pack.coupons.template(template_code) or uow.coupons.template(template_code)
    if template is None:
        raise NotFound("coupon.template_unknown", template=template_code)
    coupon = coupon_rules.issue(template, coupon_rules.new_code(ctx.random_bytes), member_id,
                                ctx.now(), ctx.today(), reason)
    uow.coupons.add(coupon)
    emit(ctx, uow, CouponIssued(coupon))
    return coupon


def _find_referrer(ctx: ServiceContext, uow: UnitOfWork, text: str) -> Member:
    """A referrer is named by card number or mobile on the form."""
    digits = text.strip()
    card = uow.cards.get(digits) if len(digits) == 13 else None
    if card is not None:
        member = uow.members.get(card.member_id)
    else:
        member = uow.members.by_mobile(forms.normalize_mobile(digits))
    if member is None:
        raise NotFound("member.referrer_unknown", field="referrer", value=digits)
    return member


def find_by_code(ctx: ServiceContext, code: str) -> MemberView:
    """A typed code: card number, dynamic QR, or mobile number. Only the dynamic QR (signed
    by the member's phone) counts as the card shown; a number typed by hand does not."""
    kind, value = dynamicqr.identify(code.strip(), ctx.now(), ctx.qr_verify,
                                     ctx.pack.cards.dynamic_qr_ttl_s)
    if kind == "mobile":
        return find_by_mobile(ctx, value)
    view = find_by_card(ctx, value)
    return shown(ctx, view, "qr") if kind == "dynamic" else view


def find_by_scan(ctx: ServiceContext, code: str) -> MemberView:
    """A code the scanner read off the card (its barcode or QR) or the phone (dynamic QR):
    the card is shown. A mobile number read by the scanner is not a card."""
    kind, value = dynamicqr.identify(code.strip(), ctx.now(), ctx.qr_verify,
                                     ctx.pack.cards.dynamic_qr_ttl_s)
    if kind == "mobile":
        return find_by_mobile(ctx, value)
    return shown(ctx, find_by_card(ctx, value), "qr" if kind == "dynamic" else "scan")


def find_by_swipe(ctx: ServiceContext, track1: str | None, track2: str | None) -> MemberView:
    """A magnetic-stripe swipe; bank cards and forged stripes are refused (DOMAIN §4)."""
    with ctx.reader() as uow:
        brands = cardserials.honoured_brands(uow.settings.get(), ctx.pack)
    swipe = card_rules.classify_swipe(track1, track2, ctx.card_secret, brands,
                                      today=ctx.local_date())
    return shown(ctx, find_by_card(ctx, swipe.card_number), "swipe")


def shown(ctx: ServiceContext, view: MemberView, source: str) -> MemberView:
    """The view with a proof that the card was shown (swipe, scan, qr), which checkout takes
    in place of the member's PIN for small wallet payments. Called by the look-ups above, and
    by scenario replays that model a card shown at the till."""
    number = view.card.number if view.card is not None else ""
    proof = CardShown(token=ctx.random_bytes(16).hex(), member_id=view.member.id,
                      card_number=number, source=source, issued_at=ctx.now())
    ctx.proofs.mint(proof, ctx.now())
    return replace(view, shown=proof)


def find_by_card(ctx: ServiceContext, number: str) -> MemberView:
    return with_panel_extras(ctx, member_by_card(ctx, number))


def find_by_mobile(ctx: ServiceContext, mobile: str) -> MemberView:
    with ctx.reader() as uow:
        found = uow.members.by_mobile(forms.normalize_mobile(mobile))
        if found is None:
            raise NotFound("member.unknown", field="mobile")
        member = _active_member(uow, found.id)
        view = _view(ctx, uow, member, _current_card(uow, member.id))
    return replace(view, by_mobile=True)


def member_view(ctx: ServiceContext, member_id: str) -> MemberView:
    with ctx.reader() as uow:
        member = _active_member(uow, member_id)
        return _view(ctx, uow, member, _current_card(uow, member.id))


def _active_member(uow: UnitOfWork, member_id: str) -> Member:
    return _usable_member(uow.members.get(member_id), member_id)


def _usable_member(member: Member | None, member_id: str) -> Member:
    if member is None:
        raise NotFound("member.unknown", member_id=member_id)
    if member.status is not MemberStatus.ACTIVE:
        raise DomainError(f"member.{member.status.value}", member_id=member_id)
    return member


def _current_card(uow: UnitOfWork, member_id: str) -> Card | None:
    return card_rules.current_card(uow.cards.for_member(member_id))


def _view(ctx: ServiceContext, uow: UnitOfWork, member: Member, card: Card | None) -> MemberView:
    today = ctx.local_date()
    lots = uow.points.lots(member.id)
    coupons = tuple(coupon_rules.live(uow.coupons.for_member(member.id), today))
    return MemberView(
        member=member, balances=uow.members.balances(member.id), card=card,
        birthday_today=is_birthday(ctx, member, today),
        expiring=tuple(points_rules.expiring_soon(lots, today, ctx.pack.points.warn_days)),
        coupons=coupons)


def is_birthday(ctx: ServiceContext, member: Member, on: date) -> bool:
    return points_rules.is_birthday(member.birth_month, member.birth_day, on,
                                    ctx.pack.points.birthday_scope)


def member_by_card(ctx: ServiceContext, number: str) -> MemberView:
    """Card → member with balances, in one statement: who it is and what they can spend.

    The view's expiring points and coupons are left empty: `find_by_card` (what a swipe
    calls) adds them with `with_panel_extras`. Refusals: unknown, lost, replaced or closed
    card first, then a frozen or closed member. The read takes no lock, so a swipe never
    queues behind a writer.
    """
    with ctx.reader() as uow:
        holder = uow.members.by_card(number)
    card = card_rules.check_usable(None if holder is None else holder.card, number)
    assert holder is not None  # check_usable refused an unknown number
    member = _usable_member(holder.member, card.member_id)
    if holder.balances is None:
        raise NotFound("member.not_found", member_id=member.id)
    return MemberView(member=member, balances=holder.balances, card=card,
                      birthday_today=is_birthday(ctx, member, ctx.local_date()))


def with_panel_extras(ctx: ServiceContext, view: MemberView) -> MemberView:
    """The view with the points expiring soon and the usable coupons (one more statement)."""
    today = ctx.local_date()
    warn_days = ctx.pack.points.warn_days
    with ctx.reader() as uow:
        extras = uow.members.panel_extras(view.member.id, today,
                                          today + timedelta(days=warn_days))
    return replace(view, coupons=extras.coupons,
                   expiring=tuple(points_rules.expiring_soon(extras.lots, today, warn_days)))
