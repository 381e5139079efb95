"""Loading a scenario's starting state: catalogue, members with history, coupons."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from domain import coupons as coupon_rules
from domain import points as points_rules
from domain.catalog import Product, ProductClass
from domain.errors import ValidationError
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import (
    Card,
    CardState,
    Coupon,
    CouponKind,
    CouponState,
    CouponTemplate,
    Member,
    PointsEntry,
    PointsLot,
    Sale,
    SaleKind,
    Tender,
    TenderKind,
    WalletEntry,
)
from domain.services import cardserials
from domain.services.context import ServiceContext
from domain.services.maintenance import add_years


def products(catalog: list[dict[str, Any]]) -> list[Product]:
    return [Product(sku=item["sku"], name=item.get("name", item["sku"]),
                    price_fen=item["price_fen"],
                    product_class=ProductClass(item.get("class", "regular")),
                    category=item.get("category", ""), barcode=item.get("barcode"),
                    campaign_price_fen=item.get("campaign_price_fen"))
            for item in catalog]


def seed_member(ctx: ServiceContext, uow: UnitOfWork, seed: dict[str, Any]) -> Member:
    """A member as an old system knew them: tier, lots, wallet and spend history.

    Against an existing store database a seed whose mobile is already a member's stands for
    that member as they are: nothing is seeded twice.
    """
    existing = uow.members.by_mobile(seed["mobile"])
    if existing is not None:
        return existing
    joined = date.fromisoformat(seed.get("joined", ctx.today().isoformat()))
    tier = seed.get("tier", ctx.pack.signup_tier.name)
    if tier not in {t.name for t in ctx.pack.tiers}:  # the CLI refuses it before the run
        raise ValidationError("scenario.tier_unknown", field="tier", value=tier)
    month, day, year = _birthday(seed.get("birthday"))
    member = Member(id=new_id_str(), name=seed["name"], mobile=seed["mobile"], joined_on=joined,
                    tier=tier, tier_since=date.fromisoformat(seed.get("tier_since", str(joined))),
                    birth_year=year, birth_month=month, birth_day=day,
                    gender=seed.get("gender", ""), created_at=ctx.now(),
                    consent_alliance=seed.get("consent_alliance", False),
                    consent_alliance_at=ctx.now() if seed.get("consent_alliance") else None)
    uow.members.add(member)
    for lot in seed.get("points_lots", []):
        _seed_lot(ctx, uow, member.id, date.fromisoformat(lot["earned_on"]), lot["points"])
    _seed_wallet(ctx, uow, member.id, seed.get("wallet", {}))
    for spend in seed.get("spend_history", []):
        _seed_spend(uow, member.id, date.fromisoformat(spend["on"]), spend["amount_fen"])
    # Every seeded member has a card to show at the till (the seed's number, or the store's
    # next one): a sale step presents it through the till's own look-ups.
    number = seed.get("card") or cardserials.take_number(ctx, uow)
    if number:
        uow.cards.add(Card(number=number, member_id=member.id, state=CardState.ACTIVE,
                           expiry=f"{(joined.year + 5) % 100:02d}{joined.month:02d}",
                           issued_at=ctx.now()))
    return member


def _birthday(text: str | None) -> tuple[int | None, int | None, int | None]:
    if not text:
        return None, None, None
    if text.startswith("--"):
        month, day = text[2:].split("-")
        return int(month), int(day), None
    born = date.fromisoformat(text)
    return born.month, born.day, born.year


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def _seed_lot(ctx: ServiceContext, uow: UnitOfWork, member_id: str, earned_on: date,
              points: int) -> None:
    lot = PointsLot(id=new_id_str(), member_id=member_id, earned_on=earned_on,
                    expires_on=points_rules.expires_on(earned_on, ctx.pack), points=points,
                    remaining=points, source="seed")
    uow.points.save_lots(member_id, [lot])
    uow.points.add_entry(PointsEntry(id=new_id_str(), member_id=member_id, kind="seed",
                                     points=points, at=_at(earned_on), business_date=earned_on,
                                     reason="opening balance"))


def _seed_wallet(ctx: ServiceContext, uow: UnitOfWork, member_id: str,
                 wallet: dict[str, int]) -> None:
    principal, bonus = wallet.get("principal_fen", 0), wallet.get("bonus_fen", 0)
    if principal or bonus:
        uow.wallet.add_entry(WalletEntry(id=new_id_str(), member_id=member_id, kind="seed",
                                         principal_fen=principal, bonus_fen=bonus,
                                         at=ctx.now(), business_date=ctx.today(),
                                         reference="opening balance"))


def _seed_spend(uow: UnitOfWork, member_id: str, on: date, amount_fen: int) -> None:
    """Earlier purchases, kept as sales without lines, so tier windows see them."""
    settings = uow.settings.get()
    uow.sales.add(Sale(id=new_id_str(), receipt_no=f"HIST-{new_id_str()[-12:]}",
                       kind=SaleKind.SALE, at=_at(on), business_date=on,
                       store_code=settings.store_code, terminal_code=settings.terminal_code,
                       cashier_id="", lines=[],
                       tenders=[Tender(kind=TenderKind.CASH, amount_fen=amount_fen)],
                       total_fen=amount_fen, member_id=member_id, qualifying_fen=amount_fen))


def seed_coupon(ctx: ServiceContext, uow: UnitOfWork, seed: dict[str, Any],
                member_id: str | None) -> Coupon:
    today = ctx.local_date()
    rate = Decimal(seed["percent"]) if "percent" in seed else None
    template = CouponTemplate(code=f"SCN-{seed['ref']}", name=seed["ref"],
                              kind=CouponKind(seed["kind"]),
                              amount_fen=seed.get("amount_fen", 0), rate=rate,
                              min_spend_fen=seed.get("min_spend_fen", 0),
                              stackable=seed.get("stackable", True),
                              classes=tuple(seed.get("classes", ())))
    uow.coupons.add_template(template)
    valid_from = date.fromisoformat(seed["valid_from"]) if "valid_from" in seed else today
    valid_to = (date.fromisoformat(seed["valid_to"]) if "valid_to" in seed
                else add_years(valid_from, 1))
    coupon = Coupon(code=coupon_rules.new_code(ctx.random_bytes), template_code=template.code,
                    kind=template.kind, amount_fen=template.amount_fen, rate=rate,
                    min_spend_fen=template.min_spend_fen, stackable=template.stackable,
                    valid_from=valid_from, valid_to=valid_to, state=CouponState.ISSUED,
                    issued_at=ctx.now(), member_id=member_id, issued_reason="seed",
                    classes=template.classes)
    uow.coupons.add(coupon)
    return coupon
