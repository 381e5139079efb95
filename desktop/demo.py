"""`kaika demo`: a demo store with simulated devices, ringing a member sale in the terminal.

The till itself runs on the same demo store with `kaika run --demo`; this walk-through needs
no display: every device peer started, a member found by a swipe on the card-reader peer's
data, a sale with points earned, the receipt printed in Chinese on the printer peer and the
drawer kicked. `kaika demo --screenshots DIR` renders the till's screens instead.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from platformdirs import user_data_dir

from desktop import bootstrap
from desktop.demo_data import load_demo
from desktop.receipts import sale_receipt
from domain.cards import track2_data
from domain.errors import DomainError
from domain.money import format_yuan
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_swipe
from domain.services.setup import new_settings
from domain.services.staff import login
from hardware.peers.demo import DemoRig
from hardware.print_queue import PrintQueue
from hardware.registry import DeviceRegistry

DEMO_STORE = "开卡示范店"


def demo_db_path() -> Path:
    """The demo store lives apart from a real store database."""
    return Path(user_data_dir("Kaika", "Kaika")) / "demo-store.sqlite3"


def run_demo(db: Path | None, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    app = bootstrap.open_app(db or demo_db_path(), settings=new_settings(name=DEMO_STORE))
    try:
        with DemoRig() as rig:
            return _ring_a_sale(app, rig, stream)
    except DomainError as err:
        from desktop.cli_errors import say

        print(say(err, "kaika demo"), file=sys.stderr)
        return 1
    finally:
        app.close()


def _ring_a_sale(app: bootstrap.App, rig: DemoRig, out: TextIO) -> int:
    def say(text: str) -> None:
        print(text, file=out)

    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357")
    say(f"开卡 Kaika demo — {app.settings.store_name} ({app.store.path})")
    card = cards[0]
    with app.ctx.uow() as uow:
        stripe = uow.cards.get(card)
    assert stripe is not None
    view = find_by_swipe(app.ctx, None, track2_data(card, stripe.expiry, app.ctx.card_secret))
    say(f"会员 {view.member.name} {view.member.tier} 积分 {view.balances.points} "
        f"储值 {format_yuan(view.balances.wallet_principal_fen + view.balances.wallet_bonus_fen)}")
    sale = carts.start_sale(app.ctx, cashier.id)
    sale = replace(sale, member_id=view.member.id, card_number=card)
    sale = carts.add_item(app.ctx, sale, "A1001")
    sale = carts.add_item(app.ctx, sale, "F6001", qty=2)
    due = checkout.quote(app.ctx, sale).due_fen
    given = -(-due // 10000) * 10000  # the customer hands over whole ¥100 notes
    sale = carts.add_tender(sale, carts.TenderRequest(TenderKind.CASH, given_fen=given))
    done = checkout.complete(app.ctx, sale)
    devices = DeviceRegistry(rig.settings())
    outcome = PrintQueue(devices.get("printer")).submit(
        sale_receipt(done, app.settings.store_name, cashier.name, app.ctx.calendar))
    say(f"小票 {done.sale.receipt_no}: 应收 {format_yuan(due)}, 积分 +{done.sale.points_earned}"
        f" → {done.points_balance}; 打印 {'成功' if outcome.printed else outcome.error_code}")
    log = rig.printer.wait_for(lambda seen: seen.cuts >= 1, timeout=5.0)
    say("—— 打印机收到 (printer peer) ——")
    for line in log.lines:
        say(line)
    say(f"—— 钱箱脉冲 {len(log.drawer_pulses)}，二维码 {log.qr}，条码 {log.barcodes} ——")
    return 0 if outcome.printed else 1
