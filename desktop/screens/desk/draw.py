"""The lucky-draw page: the member's free spins and cost, the wheel, prize stock left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.screens.desk import parts
from desktop.screens.desk.draw_setup import DrawSetupDialog
from desktop.screens.desk.draw_wheel import DrawWheel
from desktop.screens.desk.member_finder import MemberFinder
from desktop.screens.desk.parts import DeskPage
from desktop.screens.office import MANAGER_ROLES, OfficeContext
from desktop.screens.prompt import show_dialog
from desktop.viewmodels.desk_draw import DrawDesk, Segment, SpinShown
from desktop.viewmodels.draw_setup import DrawSetup
from domain.errors import DomainError
from domain.luckydraw import Draw, Prize
from domain.services.proofs import Approval
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class DrawPage(DeskPage):
    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DrawDesk(ctx.env, ctx.staff)
        self.pending: SpinShown | None = None
        self.finder = MemberFinder(ctx.env, self.model.member, self)
        self.finder.found.connect(self._on_found)
        left = QVBoxLayout()
        left.addWidget(self.finder)
        self.offer = parts.label(self, "draw_offer", big=True)
        self.error = parts.error_label(self, "draw_error")
        left.addWidget(self.offer)
        left.addWidget(self.error)
        left.addWidget(self._prize_box(), 1)
        self.stock_box = self._stock_box()
        self.stock_box.setVisible(ctx.staff.role in MANAGER_ROLES)
        left.addWidget(self.stock_box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(self._wheel_column(), 3)
        parts.shortcut(self, "F5", self.spin)
        parts.shortcut(self, "F8", self.new_draw)

    def _wheel_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addLayout(self._choice_row())
        self.wheel = DrawWheel(self)
        self.wheel.stopped.connect(self._stopped)
        column.addWidget(self.wheel, 1)
        self.result = parts.label(self, "draw_result", big=True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.result)
        self.spin_button = QPushButton(self.tr("F5 Spin the wheel"), self)
        self.spin_button.setObjectName("draw_spin")
        self.spin_button.setProperty("role", "primary")
        self.spin_button.setMinimumHeight(64)
        self.spin_button.clicked.connect(self.spin)
        column.addWidget(self.spin_button)
        return column

    def _choice_row(self) -> QHBoxLayout:
        """The draw chosen (when several run) and, for managers, a new draw of the store's."""
        top = QHBoxLayout()
        self.choice = QComboBox(self)
        self.choice.setObjectName("draw_choice")
        self.choice.activated.connect(self._draw_chosen)
        top.addWidget(self.choice, 1)
        self.new_button = QPushButton(self.tr("F8 New draw…"), self)
        self.new_button.setObjectName("draw_new")
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_button.clicked.connect(self.new_draw)
        self.new_button.setVisible(self.ctx.staff.role in MANAGER_ROLES)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignRight)
        return top

    def _prize_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Prizes and stock left at this store"), self)
        layout = QVBoxLayout(box)
        self.prizes = parts.table(box, "draw_prizes", [
            self.tr("Prize"), self.tr("Left"), self.tr("Given")])
        self.prizes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.prizes)
        return box

    def _stock_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Stock allotted by head office (managers)"), self)
        row = QHBoxLayout(box)
        self.stock_prize = QComboBox(box)
        self.stock_prize.setObjectName("draw_stock_prize")
        self.stock_qty = QSpinBox(box)
        self.stock_qty.setObjectName("draw_stock_qty")
        self.stock_qty.setRange(-999, 999)
        self.stock_qty.setValue(10)
        add = QPushButton(self.tr("Add to stock"), box)
        add.setObjectName("draw_stock_add")
        add.clicked.connect(self.add_stock)
        row.addWidget(self.stock_prize, 1)
        row.addWidget(self.stock_qty)
        row.addWidget(add)
        return box

    # --- the page's life ----------------------------------------------------------------------

    def shown(self) -> None:
        running = self.model.draws()
        self.choice.clear()
        for draw in running:
            self.choice.addItem(draw.name, draw.code)
        self.choice.setCurrentIndex(max(self.choice.findData(self.model.draw_code), 0))
        self.choice.setVisible(len(running) > 1)
        if not running:
            self.result.setText(self.tr("No lucky draw is running today."))
        self.finder.refresh()
        self._refresh()

    def focus_target(self) -> QWidget:
        return self.spin_button if self.model.member.view else self.finder.input

    def on_scanned(self, code: ScannedCode) -> None:
        self.finder.on_scanned(code)

    def on_swiped(self, tracks: Tracks) -> None:
        self.finder.on_swiped(tracks)

    def _on_found(self, _view: object) -> None:
        self.error.clear()
        self._refresh_offer()
        self.spin_button.setFocus()

    def _draw_chosen(self, row: int) -> None:
        self.model.draw_code = self.choice.itemData(row)
        self._refresh()

    def _refresh(self, wheel: bool = True) -> None:
        """Stock table, offer and (unless it just stopped on a prize the customer should see)
        the wheel again from the database."""
        if wheel:
            segments = self.model.segments()
            self.wheel.set_segments([self._label(s) for s in segments],
                                    [s.weight for s in segments])
        prizes = self.model.prizes()
        parts.fill(self.prizes, [[p.name, self._left(p), i18n.number(p.given)] for p in prizes],
                   right=(1, 2))
        self.stock_prize.clear()
        for prize in prizes:
            if prize.allotted is not None:
                self.stock_prize.addItem(prize.name, prize.code)
        self._refresh_offer()

    def _refresh_offer(self) -> None:
        try:
            offer = self.model.offer()
        except DomainError as err:
            self.offer.setText(self.ctx.refusal(err))
            return
        if offer is None:
            self.offer.setText(self.tr("Find the member: swipe the card, scan the QR or type "
                                       "the mobile."))
        elif offer.free_left:
            self.offer.setText(self.tr(
                "{free} free spin(s) left today, then {cost} points a spin.").format(
                    free=offer.free_left, cost=i18n.number(offer.draw.cost_points)))
        else:
            self.offer.setText(self.tr(
                "No free spin left today: a spin costs {cost} points ({points} points "
                "on the card).").format(cost=i18n.number(offer.cost_points),
                                        points=i18n.number(offer.points_balance)))

    def _label(self, segment: Segment) -> tuple[str, bool]:
        return segment.name or self.tr("Thanks for playing"), segment.thanks

    def _left(self, prize: Prize) -> str:
        if prize.remaining is None:
            return "—"
        return i18n.number(prize.remaining) if prize.remaining else self.tr("All given")

    # --- spinning -----------------------------------------------------------------------------

    def spin(self) -> None:
        if self.wheel.spinning:
            return  # the outcome of this turn is already decided; a second press does nothing
        try:
            shown = self.model.spin()
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        self.error.clear()
        self.pending = shown
        self.wheel.set_segments([self._label(s) for s in shown.wheel],
                                [s.weight for s in shown.wheel])
        self.result.setText(self.tr("Good luck!"))
        self.wheel.spin_to(shown.stop_at)

    def _stopped(self) -> None:
        shown, self.pending = self.pending, None
        if shown is None:
            return
        prize = shown.result.prize
        if prize is None:
            self.result.setText(self.tr("Thanks for playing — better luck next time!"))
        else:
            self.result.setText(self.tr("Congratulations! {prize}").format(prize=prize.name))
        if shown.slip is not None:
            self.ctx.print_receipt(shown.slip)
        self.finder.refresh()
        self._refresh(wheel=False)  # the next spin redraws it without what ran out

    # --- stock (managers) ---------------------------------------------------------------------

    def add_stock(self) -> None:
        code = self.stock_prize.currentData()
        quantity = self.stock_qty.value()
        self.ctx.approve(self.tr("Record prize stock allotted by head office"),
                         "draws.allot_stock",
                         lambda approval: self._allot(code, quantity, approval))

    def _allot(self, code: str | None, quantity: int, approval: Approval | None) -> None:
        try:
            if not code:
                raise DomainError("draw.prize_unknown", field="prize", prize="")
            prize = self.model.allot(code, quantity, approval)
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        self.error.clear()
        self.result.setText(self.tr("{prize}: {left} left to give.").format(
            prize=prize.name, left=i18n.number(prize.remaining or 0)))
        self._refresh()


    # --- a store's own draw (managers) --------------------------------------------------------

    def new_draw(self) -> DrawSetupDialog | None:
        """The set-up form over the page; once saved the page shows the new draw."""
        if self.ctx.staff.role not in MANAGER_ROLES:
            return None
        dialog = DrawSetupDialog(DrawSetup(self.ctx.env, self.ctx.staff),
                                 self.ctx.env.ctx.today(), self)
        dialog.accepted.connect(lambda: self._draw_saved(dialog.saved))
        show_dialog(dialog, self.finder.input)  # the next swipe finds a member to spin for
        return dialog

    def _draw_saved(self, draw: Draw | None) -> None:
        if draw is None:
            return
        self.model.draw_code = draw.code
        self.shown()
        if self.model.draw_code == draw.code:
            self.result.setText(self.tr("Lucky draw {name} is saved and running.").format(
                name=draw.name))
        elif draw.starts is not None:  # it starts later: the wheel keeps today's draws
            self.result.setText(self.tr("Lucky draw {name} is saved; it starts on {day}.")
                                .format(name=draw.name, day=i18n.date_text(draw.starts)))
        self.ctx.notice(self.tr("Lucky draw {name} is saved.").format(name=draw.name))


def make(ctx: OfficeContext) -> QWidget:
    return DrawPage(ctx)
