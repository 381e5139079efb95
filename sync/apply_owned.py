"""Applying what head office owns to the till: catalogue and prices, coupon templates, staff,
gift and prize allotments, the rule pack (see sync/apply.py for the transaction and versions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain import coupons as coupon_rules
from domain.catalog import Product, ProductClass
from domain.ids import new_id_str
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import AuditEntry, CouponTemplate, Gift, Role, Staff
from sync.schema import Change

if TYPE_CHECKING:
    from sync.apply import Applier


def product(a: Applier, change: Change) -> bool:
    """A product with its price and campaign price (prices change by a new version)."""
    if not a.newer(change):
        return False
    d = change.data
    item = Product(sku=d["sku"], name=d["name"], price_fen=int(d["price_fen"]),
                      product_class=ProductClass(d.get("product_class", "regular")),
                      category=d.get("category", ""), barcode=d.get("barcode"),
                      pinyin_initials=d.get("pinyin_initials", ""),
                      is_weighed=bool(d.get("is_weighed")), active=bool(d.get("active", True)),
                      campaign_price_fen=d.get("campaign_price_fen"))
    known = a.uow.products.get(item.sku)
    if known is None:
        a.uow.products.add(item)
        return True
    a.uow.products.save(item)
    if (known.price_fen, known.campaign_price_fen) != (item.price_fen, item.campaign_price_fen):
        _price_changed(a, known, item)
    return True


def _price_changed(a: Applier, old: Product, new: Product) -> None:
    """A price head office changed goes on this store's audit trail (who: head office, so no
    staff); not sent back, head office made it."""
    a.uow.audit.append(AuditEntry(
        id=new_id_str(), at=a.now, action="price_changed", staff_id=None, target=new.sku,
        details={"old_fen": old.price_fen, "new_fen": new.price_fen,
                 "old_campaign_fen": old.campaign_price_fen,
                 "new_campaign_fen": new.campaign_price_fen, "by": "head_office"},
        approved_by=None))


def template(a: Applier, change: Change) -> bool:
    """A coupon template; head office's replaces the till's."""
    made = template_of(change.data)
    if made is None or not a.newer(change):  # a kind this till does not know: skipped
        return False
    a.uow.coupons.add_template(made)
    return True


def template_of(d: dict[str, Any]) -> CouponTemplate | None:
    """A published template (headoffice/publish.TemplateDoc's JSON) as the domain's; None for
    a kind unknown here (also head office's bulk coupons read templates so)."""
    kind = coupon_rules.kind_of(d["kind"])
    if kind is None:
        return None
    return CouponTemplate(
        code=d["code"], name=d["name"], kind=kind, amount_fen=int(d.get("amount_fen", 0)),
        rate=Decimal(str(d["rate"])) if d.get("rate") is not None else None,
        min_spend_fen=int(d.get("min_spend_fen", 0)), stackable=bool(d.get("stackable", True)),
        valid_days=d.get("valid_days"), valid_months=d.get("valid_months"),
        valid_from=date.fromisoformat(d["valid_from"]) if d.get("valid_from") else None,
        valid_to=date.fromisoformat(d["valid_to"]) if d.get("valid_to") else None,
        classes=tuple(d.get("classes", ())), channels=tuple(d.get("channels", ())),
        gift_sku=d.get("gift_sku"))


def staff(a: Applier, change: Change) -> bool:
    """Head office's staff accounts; one already here under the same number keeps its id."""
    if not a.newer(change):
        return False
    d = change.data
    here = a.uow.staff.get(d["id"]) or a.uow.staff.by_number(d["number"])
    account = Staff(id=here.id if here else d["id"], number=d["number"], name=d["name"],
                    role=Role(d["role"]), pin_hash=d["pin_hash"], active=bool(d.get("active")),
                    card_number=d.get("card_number"))
    if here is None:
        a.uow.staff.add(account)
    else:
        a.uow.staff.save(account)
    return True


def gift(a: Applier, change: Change) -> bool:
    """Allotted stock is cumulative at head office; the stock here moves by the difference."""
    if not a.newer(change):
        return False
    d = change.data
    before = a.uow.pulled.allotted(d["code"])
    held = a.uow.gifts.get(d["code"])
    stock = (held.stock if held else 0) + int(d["allotted"]) - before
    new = Gift(code=d["code"], name=d["name"], cost_fen=int(d["cost_fen"]),
               points_price=int(d["points_price"]), stock=max(stock, 0),
               active=bool(d.get("active", True)))
    if held is None:
        a.uow.gifts.add(new)
    else:
        a.uow.gifts.save(new)
    a.uow.pulled.set_allotted(d["code"], int(d["allotted"]))
    return True


def draw(a: Applier, change: Change) -> bool:
    """A lucky draw and its prizes with the stock allotted to this store (`given` stays ours)."""
    if not a.newer(change):
        return False
    draws = a.uow.draws
    d = change.data["draw"]
    draws.save(Draw(code=d["code"], name=d["name"], cost_points=int(d.get("cost_points", 10)),
                    free_spins_per_day=int(d.get("free_spins_per_day", 1)),
                    starts=date.fromisoformat(d["starts"]) if d.get("starts") else None,
                    ends=date.fromisoformat(d["ends"]) if d.get("ends") else None,
                    active=bool(d.get("active", True))))
    given = {p.code: p.given for p in draws.prizes(d["code"])}
    for p in change.data["prizes"]:
        draws.save_prize(Prize(
            draw_code=d["code"], code=p["code"], name=p["name"], kind=PrizeKind(p["kind"]),
            weight=int(p["weight"]), points=int(p.get("points", 0)),
            coupon_template=p.get("coupon_template"), allotted=p.get("allotted"),
            given=given.get(p["code"], 0)))
    return True


def rulepack(a: Applier, change: Change) -> bool:
    """A new pack takes effect when the till next starts (a sale never changes rules midway)."""
    if not a.newer(change):
        return False
    name, toml = change.data["name"], change.data.get("toml")
    chosen = name
    if toml is not None and a.db_path is not None:
        folder = a.db_path.parent / "rulepacks"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.toml"
        path.write_text(toml, encoding="utf-8")
        chosen = str(path)
    settings = a.uow.settings.get()
    if settings.rulepack != chosen:
        settings.rulepack = chosen
        a.uow.settings.save(settings)
    return True
