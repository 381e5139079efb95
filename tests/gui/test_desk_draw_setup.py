"""A manager sets up the store's own lucky draw on the Lucky draw page: the form names the row
and column of each mistake and saves nothing; a saved draw is on the wheel and gives its
prizes within the stock typed; the front desk has no such button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import text

from desktop.bootstrap import App
from desktop.screens.desk.draw import DrawPage
from desktop.screens.desk.draw_setup import DrawSetupDialog
from desktop.screens.main_window import MainWindow
from desktop.viewmodels.draw_setup import DrawForm, DrawSetup, PrizeRow, RowRefused
from desktop.viewmodels.env import TillEnv
from domain.luckydraw import PrizeKind
from domain.services.members import find_by_card
from domain.services.staff import login
from tests.gui.conftest import Cashier
from tests.gui.desk_keys import desk_login, open_page
from tests.gui.test_desk_draw import points_for, spin_and_wait


def draw_page(keys: Cashier, window: MainWindow) -> DrawPage:
    desk_login(keys, window, "2001", "2468")  # the manager
    page = open_page(keys, window, "desk_draw")
    assert isinstance(page, DrawPage)
    page.wheel.duration_ms = 30
    return page


def open_form(keys: Cashier) -> DrawSetupDialog:
    keys.press(Qt.Key.Key_F8)
    dialog = keys.dialog("draw_setup_dialog")
    assert isinstance(dialog, DrawSetupDialog)
    return dialog


def put(keys: Cashier, target: QLineEdit, typed: str) -> None:
    """Type into a field: Chinese as an input method commits it (QTest types ASCII only)."""
    target.setFocus()
    target.selectAll()
    if typed.isascii():
        keys.type(typed, enter=False)
    else:
        target.insert(typed)


def fill_row(dialog: DrawSetupDialog, keys: Cashier, kind: PrizeKind, cells: dict[str, str]
             ) -> None:
    """A new row (F3) typed field by field, the kind chosen in its list."""
    keys.press(Qt.Key.Key_F3)
    at = dialog.table.rowCount() - 1
    combo = dialog.table.field(at, "kind")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(kind.value))
    for column, typed in cells.items():
        field = dialog.table.field(at, column)
        target = field.lineEdit() if isinstance(field, QComboBox) else field
        assert isinstance(target, QLineEdit)
        put(keys, target, typed)


def type_head(dialog: DrawSetupDialog, keys: Cashier, code: str, name: str) -> None:
    for line, typed in ((dialog.code, code), (dialog.name, name)):
        put(keys, line, typed)


def retype(dialog: DrawSetupDialog, keys: Cashier, row: int, column: str, typed: str) -> None:
    field = dialog.table.field(row - 1, column)
    target = field.lineEdit() if isinstance(field, QComboBox) else field
    assert isinstance(target, QLineEdit)
    target.setFocus()
    target.selectAll()
    keys.type(typed)  # Enter saves the form again


def saved_prizes(store: App, draw: str) -> list[tuple[object, ...]]:
    with store.store.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT code, kind, weight, points, coupon_template, allotted, given "
            "FROM draw_prizes WHERE draw_code = :d ORDER BY position"), {"d": draw}).all()
    return [tuple(r) for r in rows]


def draw_count(store: App) -> int:
    with store.store.engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM draws")).scalar_one())


def test_a_manager_defines_a_draw_that_is_on_the_wheel_and_gives_within_its_stock(
        cashier_keys: Cashier, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    page = draw_page(keys, window)
    dialog = open_form(keys)
    type_head(dialog, keys, "may-fair", "店庆转盘")
    assert dialog.table.rows()[0] == PrizeRow("谢谢参与", PrizeKind.THANKS, "", "50", "")
    fill_row(dialog, keys, PrizeKind.POINTS, {"name": "300积分", "value": "300",
                                              "weight": "30", "stock": "1"})
    fill_row(dialog, keys, PrizeKind.COUPON, {"name": "￥20代金券", "value": "DRAW20",
                                              "weight": "20", "stock": "5"})
    assert dialog.table.field(1, "chance").text() == "30.0 %"
    keys.press(Qt.Key.Key_Return)  # Enter saves
    keys.no_dialog()
    assert page.model.draw_code == "MAY-FAIR"
    assert page.choice.isVisible() and page.choice.currentData() == "MAY-FAIR"  # two running
    assert [label for label, _ in page.wheel.labels] == ["谢谢参与", "300积分", "￥20代金券"]
    assert "店庆转盘 is saved" in page.result.text()
    assert saved_prizes(store, "MAY-FAIR") == [
        ("P1", "thanks", 50, 0, None, None, 0), ("P2", "points", 30, 300, None, 1, 0),
        ("P3", "coupon", 20, 0, "DRAW20", 5, 0)]
    with store.store.engine.connect() as conn:
        audit = conn.execute(text("SELECT staff_id FROM audit_log WHERE action = "
                                  "'draw_defined' AND target = 'MAY-FAIR'")).scalars().all()
    assert audit == [login(store.ctx, "2001", "2468").id]
    points_for(store, cards[0], 100)
    store.ctx.random_below = lambda n: 50  # the first roll past the thanks slice
    assert page.finder.input.hasFocus()  # the keyboard is back for the next swipe
    keys.scan(stripe(cards[0]))
    assert spin_and_wait(keys, page) == "Congratulations! 300积分"
    assert spin_and_wait(keys, page) == (  # its one piece is given: the roll lands on thanks
        "Thanks for playing — better luck next time!")
    with store.store.engine.connect() as conn:
        given = conn.execute(text("SELECT prize_code FROM draw_spins WHERE draw_code = "
                                  "'MAY-FAIR' ORDER BY at, id")).scalars().all()
    assert given == ["P2", "P1"]  # the given-out prize's share went to the thanks slice
    assert find_by_card(store.ctx, cards[0]).balances.points == 100 + 300 - 10  # free, then paid
    assert "300积分" not in [label for label, _ in page.wheel.labels]


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_saved(
        cashier_keys: Cashier, window: MainWindow, store: App) -> None:
    keys = cashier_keys
    draw_page(keys, window)
    before = draw_count(store)
    dialog = open_form(keys)
    type_head(dialog, keys, "BAD", "试一试")
    fill_row(dialog, keys, PrizeKind.GIFT, {"name": "保温杯", "weight": "0", "stock": "3"})
    fill_row(dialog, keys, PrizeKind.COUPON, {"name": "券", "value": "NOPE", "weight": "5",
                                              "stock": "-2"})
    keys.press(Qt.Key.Key_F2)
    assert dialog.message.text() == (
        "Nothing was saved. Prize row 2, Weight: The weight must be 1 or more: the bigger it "
        "is, the more often the prize comes up.")
    assert dialog.table.field(1, "weight").hasFocus()
    retype(dialog, keys, 2, "weight", "10")
    assert dialog.message.text() == ("Nothing was saved. Prize row 3, Stock here: The stock "
                                     "cannot be below 0.")
    retype(dialog, keys, 3, "stock", "2")
    assert dialog.message.text() == (
        "Nothing was saved. Prize row 3, Points / coupon: There is no coupon template NOPE. "
        "Choose one from the list.")
    assert dialog.isVisible() and draw_count(store) == before
    dialog.code.setFocus()
    dialog.code.selectAll()
    keys.type("DEMO-WHEEL")  # the demo's draw: a new draw may not overwrite it
    assert "already a lucky draw with code DEMO-WHEEL" in dialog.message.text()
    keys.press(Qt.Key.Key_Escape)
    keys.no_dialog()
    assert draw_count(store) == before


def test_the_front_desk_has_no_new_draw_button_and_f8_does_nothing(
        cashier_keys: Cashier, window: MainWindow) -> None:
    keys = cashier_keys
    desk_login(keys, window)  # front desk 3001
    page = open_page(keys, window, "desk_draw")
    assert isinstance(page, DrawPage)
    assert not keys.child("draw_new", page).isVisible()
    keys.press(Qt.Key.Key_F8)
    keys.qtbot.wait(50)
    assert page.new_draw() is None
    assert not any(isinstance(w, DrawSetupDialog) for w in page.findChildren(DrawSetupDialog))


def test_only_thanks_may_be_unlimited_and_gifts_need_no_value(env: TillEnv, store: App
                                                             ) -> None:
    setup = DrawSetup(env, login(store.ctx, "2001", "2468"))
    today = store.ctx.today()
    form = DrawForm("GIFTS", "礼品转盘", today, today, 1, 20, (
        PrizeRow("谢谢参与", PrizeKind.THANKS, weight="5"),
        PrizeRow("保温杯", PrizeKind.GIFT, weight="1", stock="")))
    try:
        setup.build(form)
    except RowRefused as bad:
        assert (bad.row, bad.column, bad.error.code) == (2, "stock", "draw.stock_required")
    else:
        raise AssertionError("a gift without stock was accepted")
    rows = (form.rows[0], PrizeRow("保温杯", PrizeKind.GIFT, "ignored", "1", "4"))
    draw, prizes = setup.build(DrawForm("gifts", "礼品转盘", today, today, 1, 20, rows))
    assert draw.code == "GIFTS" and draw.cost_points == 20
    assert [(p.code, p.allotted, p.coupon_template) for p in prizes] == [
        ("P1", None, None), ("P2", 4, None)]
