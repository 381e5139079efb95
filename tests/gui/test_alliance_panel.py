"""An alliance partner's card at the till: swiped or scanned, the panel names its issuer, the
masked name, the tier and the benefit; stored value is unavailable in the payment dialog."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.cards import track2_data
from sync.apply import Applier
from sync.schema import Change
from tests.integration.test_alliance_till import (
    AGREEMENT,
    ISSUER_CARD,
    OTHER_CARD,
    roster,
    terms,
)

COAT = "6901234567892"  # 羊毛外套 ￥599, regular: 10 % off for the partner's member


def pull_roster(store: App) -> None:
    with store.ctx.uow() as uow:
        Applier(uow=uow, acked_through_seq=0, now=store.ctx.now(), today=store.ctx.today(),
                tz=ZoneInfo("Asia/Shanghai"), pack=store.ctx.pack, terminal_id="t1").apply([
            Change(entity="alliance_agreement", id=AGREEMENT, version=1, data=terms()),
            Change(entity="alliance_member", id=ISSUER_CARD, version=1, data=roster())])
        uow.commit()


def test_a_partner_card_swiped_shows_the_alliance_and_no_stored_value(
        cashier_keys, window: MainWindow, store: App) -> None:
    pull_roster(store)
    keys = cashier_keys
    keys.login()
    # The issuer's stripe: this till cannot check its code (it holds no secret of the
    # issuer's) and recognises the number from the roster instead.
    keys.scan(track2_data(ISSUER_CARD, "2912", b"the issuer's secret, not ours"))
    panel = window.sale.member
    assert panel.name.text() == "Alliance member of 云裳时装: 张*"
    assert panel.tier.text() == "Tier at 云裳时装: 金卡"
    assert panel.points.text() == "Partner discount: new arrivals 5% off  regular 10% off"
    assert panel.wallet.text() == "Stored value: not accepted here (only at 云裳时装)"
    keys.scan(COAT)
    assert window.sale.total.fen == 53910
    keys.press(Qt.Key.Key_Return)
    pay = keys.dialog("payment_dialog")
    assert not keys.child("pay_wallet", pay).isEnabled()
    assert "stored value is not accepted here" in keys.child("pay_balances", pay).text()
    keys.type("600")
    keys.no_dialog()
    assert window.sale.sale().is_empty  # sold; a new sale is on screen


def test_a_card_not_on_the_roster_is_refused_with_a_sentence(
        cashier_keys, window: MainWindow, store: App) -> None:
    pull_roster(store)
    keys = cashier_keys
    keys.login()
    keys.scan(OTHER_CARD)
    assert "no alliance partner's member list has it" in window.sale.alert.text()
    assert window.sale.member.name.text().startswith("No member")
