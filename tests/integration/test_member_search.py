"""Finding members at the front desk: initials with every reading, mobile endings, cards."""

from __future__ import annotations

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.services import lookup
from domain.services.members import register


def names(app: App, text: str) -> list[str]:
    return [hit.member.name for hit in lookup.search(app.ctx, text)]


def test_initials_mobile_and_card_find_the_member(app: App) -> None:
    cards = load_demo(app.ctx)
    for name, mobile in (("单田芳", "13611112222"), ("Tom Lee", "13611113333")):
        register(app.ctx, {"name": name, "mobile": mobile, "privacy_accepted": True}, None)
    assert names(app, "zs") == ["张三"]
    assert names(app, "dtf") == names(app, "stf") == ["单田芳"]  # 单: dān or shàn
    assert names(app, "tom") == ["Tom Lee"]  # a Latin name by its letters
    assert names(app, "2222") == ["单田芳"]  # the last digits of the mobile
    assert names(app, "1361111") == ["Tom Lee", "单田芳"]  # a mobile's first digits
    assert names(app, cards[1]) == ["李四"]
    assert names(app, "田") == ["单田芳"]
    assert names(app, "%") == []  # LIKE wildcards are searched for as typed
    assert len(names(app, "")) == 5  # nothing typed: the latest to join


def test_a_hit_carries_balances_and_the_current_card(app: App) -> None:
    cards = load_demo(app.ctx)
    (hit,) = lookup.search(app.ctx, "张三")
    assert hit.card_number == cards[0]
    assert hit.balances.wallet_principal_fen == 100000
