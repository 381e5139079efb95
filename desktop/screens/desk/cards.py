"""The front desk's card page (DOMAIN §4): find a member by swipe, scan, mobile or card number;
issue a card and encode its stripe (verified by reading it back) or print a QR/barcode slip;
link a pre-printed card by swiping it; report lost, replace, close."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.screens.desk.card_widgets import (
    DESK_STYLE,
    Banner,
    EncoderRunner,
    card_state_text,
    confirm,
    fill_card_table,
    key_button,
)
from desktop.screens.office import OfficeContext
from desktop.viewmodels.cards import CardRow, CardsModel, Holder
from desktop.wedge_filter import takes_codes
from domain.errors import DomainError
from domain.records import Card
from domain.services.cardissue import IssuedCard
from domain.services.cardserials import Serials
from hardware.errors import DeviceError
from hardware.msr605 import Coercivity
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks

T = TypeVar("T")


class CardsPage(QWidget):
    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = CardsModel(ctx.env, ctx.staff.id)
        self.holder: Holder | None = None
        self.linking = False
        self.encoding: tuple[str, str] | None = None  # (number, track 2) being written
        self.runner = EncoderRunner(self)
        self.runner.step.connect(self._encode_step)
        self.runner.done.connect(self._encoded)
        self.runner.failed.connect(self._encode_failed)
        self.setStyleSheet(DESK_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(self._find_row())
        self.message = Banner("card_message", self)
        layout.addWidget(self.message)
        self.encoder_status = Banner("card_encode_status", self)
        layout.addWidget(self.encoder_status)
        self.serials = Banner("card_serials", self)
        layout.addWidget(self.serials)
        body = QHBoxLayout()
        body.addWidget(self._holder_panel())
        body.addWidget(self._table(), 1)
        layout.addLayout(body, 1)
        layout.addLayout(self._actions())
        self._show_holder()

    # --- building ------------------------------------------------------------------------

    def _find_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(self.tr("Cards"), self)
        title.setProperty("heading", True)
        row.addWidget(title)
        self.search = QLineEdit(self)
        self.search.setObjectName("card_find")
        takes_codes(self.search)
        self.search.setPlaceholderText(self.tr("Swipe the card, or type a mobile or card number"))
        self.search.returnPressed.connect(self._typed)
        row.addWidget(self.search, 1)
        row.addWidget(key_button(self, "", "card_find_button", self.tr("Find"), self._typed))
        return row

    def _holder_panel(self) -> QFrame:
        panel = QFrame(self)
        panel.setObjectName("card_holder")
        panel.setProperty("panel", True)
        panel.setFixedWidth(340)
        grid = QVBoxLayout(panel)
        self.who = QLabel(panel)
        self.who.setObjectName("card_holder_name")
        self.who.setProperty("heading", True)
        self.who.setWordWrap(True)
        self.facts = QLabel(panel)
        self.facts.setObjectName("card_holder_facts")
        self.facts.setWordWrap(True)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.who)
        grid.addWidget(self.facts, 1)
        return panel

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("card_table")
        self.table.setHorizontalHeaderLabels([self.tr("Card number"), self.tr("Kind"),
                                              self.tr("State"), self.tr("Valid to"),
                                              self.tr("Issued")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((190, 170, 170, 110)):
            self.table.setColumnWidth(column, width)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.itemSelectionChanged.connect(self._enable)
        return self.table

    def _actions(self) -> QGridLayout:
        grid = QGridLayout()
        specs = [("F5", "card_issue", self.tr("New card: encode stripe"), self.issue_stripe),
                 ("F6", "card_slip", self.tr("New card: print QR slip"), self.issue_slip),
                 ("F7", "card_link", self.tr("Link pre-printed card"), self.start_link),
                 ("F4", "card_retry", self.tr("Encode again"), self.retry),
                 ("F8", "card_lost", self.tr("Report lost"), self.ask_lost),
                 ("F9", "card_replace", self.tr("Replace card"), self.ask_replace),
                 ("Shift+F8", "card_close", self.tr("Close card"), self.ask_close),
                 ("Esc", "card_cancel", self.tr("Cancel"), self.cancel)]
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, name, text, slot) in enumerate(specs):
            button = key_button(self, key, name, text, slot)
            self.buttons[name] = button
            grid.addWidget(button, i // 4, i % 4)
        return grid

    # --- the office calls these ----------------------------------------------------------

    def shown(self) -> None:
        if self.holder is not None:
            self._load(self.holder.member_id)
        self._idle_hint()
        self.search.setFocus()

    def show_member(self, member_id: str) -> None:
        """Open a member (the application form sends a newly signed-up member here)."""
        self._load(member_id)

    def on_swiped(self, tracks: Tracks) -> None:
        if self.linking and self.holder is not None:
            self._do(lambda: self.model.link_swipe(self._member(), tracks), self._linked)
            return
        self._find(lambda: self.model.find_swipe(tracks))

    def on_scanned(self, code: ScannedCode) -> None:
        self.search.setText(code.text)
        self._typed()

    # --- finding -------------------------------------------------------------------------

    def _typed(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if self.linking and self.holder is not None:
            self._do(lambda: self.model.link_number(self._member(), text), self._linked)
            return
        self._find(lambda: self.model.find(text))

    def _find(self, look: Callable[[], Holder]) -> None:
        try:
            holder = look()
        except DomainError as err:
            self.message.say(self.ctx.refusal(err), "refusal")
            self.search.selectAll()
            return
        self.search.clear()
        self.message.say("")
        self._set_holder(holder)

    def _load(self, member_id: str) -> None:
        try:
            self._set_holder(self.model.holder(member_id))
        except DomainError as err:
            self.message.say(self.ctx.refusal(err), "refusal")

    def _member(self) -> str:
        assert self.holder is not None
        return self.holder.member_id

    def _set_holder(self, holder: Holder) -> None:
        if self.holder is None or self.holder.member_id != holder.member_id:
            self.encoding = None  # another member: the last card's encoder state is not theirs
            self.encoder_status.say("")
            self.linking = False
        self.holder = holder
        self._show_holder()

    def _show_holder(self) -> None:
        holder = self.holder
        if holder is None:
            self.who.setText(self.tr("No member chosen"))
            self.facts.setText(self.tr("Swipe the member's card, scan their QR code, or type "
                                       "their mobile or card number above."))
            self.table.setRowCount(0)
            self._enable()
            return
        self.who.setText(f"{holder.name}  {holder.mobile}")
        self.facts.setText("\n".join([
            self.tr("Tier: {tier}").format(tier=holder.tier),
            self.tr("Points: {points}").format(points=i18n.number(holder.points)),
            self.tr("Stored value: {amount}").format(amount=i18n.money(holder.wallet_fen)),
            self.tr("Coupons: {count}").format(count=i18n.number(holder.coupons)),
            self.tr("Membership: {status}").format(status=card_state_text(holder.status))]))
        self._fill_table(holder)
        self._enable()

    def _fill_table(self, holder: Holder) -> None:
        fill_card_table(self.table, holder.cards)
        current = holder.current
        last = holder.cards.index(current) if current else len(holder.cards) - 1
        if last >= 0:
            self.table.selectRow(last)

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if self.holder is None or not rows:
            return None
        return self.holder.cards[rows[0].row()].number

    def _enable(self) -> None:
        have = self.holder is not None and self.holder.status == "active"
        chosen = self.selected()
        row = next((c for c in self.holder.cards if c.number == chosen), None) \
            if self.holder else None
        idle = not self.runner.busy
        for name in ("card_issue", "card_slip", "card_link"):
            self.buttons[name].setEnabled(have and idle)
        self.buttons["card_lost"].setEnabled(idle and row is not None and row.usable)
        self.buttons["card_close"].setEnabled(idle and row is not None
                                              and row.state in ("active", "issued", "lost"))
        self.buttons["card_replace"].setEnabled(have and idle and row is not None
                                                and row.state in ("active", "issued", "lost"))
        self.buttons["card_retry"].setVisible(self.encoding is not None and idle)

    # --- issuing and encoding ------------------------------------------------------------

    def issue_stripe(self) -> None:
        self._do(lambda: self.model.issue(self._member(), "stripe"),
                 lambda issued: self._encode(issued.card.number, issued.track2))

    def issue_slip(self) -> None:
        kept = self._kept_card()
        if kept is not None:  # the stripe failed: the same number goes on a slip, not a new one
            self.encoding = None
            self._print_slip(kept.number, kept.expiry)
            self._refresh()
            return
        self._do(lambda: self.model.issue(self._member(), "qr"),
                 lambda issued: self._print_slip(issued.card.number, issued.card.expiry))

    def _kept_card(self) -> CardRow | None:
        """The card whose stripe could not be written, while its number waits for F4 or F6."""
        if self.encoding is None or self.holder is None:
            return None
        return next((c for c in self.holder.cards if c.number == self.encoding[0]), None)

    def _print_slip(self, number: str, expiry: str) -> None:
        assert self.holder is not None
        if self.ctx.print_receipt(self.model.slip(self.holder, number, expiry)):
            self.message.say(self.tr("Card {number} is issued; its slip is printing.").format(
                number=number), "done")
        else:
            self.message.say(self.tr("Card {number} is issued, but there is no printer for "
                                     "its slip.").format(number=number), "refusal")

    def _encode(self, number: str, track2: str) -> None:
        self.encoding = (number, track2)
        devices = self.ctx.devices
        try:
            encoder = devices.registry.get("encoder") if devices is not None else None
        except DeviceError as err:
            self._encode_failed(err)
            return
        if encoder is None:
            self._encode_failed(DeviceError("encoder.not_configured"))
            return
        assert devices is not None
        level = str(devices.registry.settings["encoder"].get("coercivity", "hi")).lower()
        self.runner.run(encoder, track2, Coercivity.LO if level == "lo" else Coercivity.HI)
        self._encode_step("start")
        self._enable()

    def _encode_step(self, step: str) -> None:
        number = self.encoding[0] if self.encoding else ""
        text = self.tr("Card {number}: swipe the card through the encoder once more to check "
                       "it.") if step == "verify" else self.tr(
            "Card {number}: swipe the blank card through the encoder now.")
        self.encoder_status.say(text.format(number=number), "busy")

    def _encoded(self, _back: Tracks) -> None:
        number = self.encoding[0] if self.encoding else ""
        self.encoding = None
        self.encoder_status.say(self.tr("Card {number} is written and checked. Hand it to the "
                                        "member.").format(number=number), "done")
        self._refresh()

    def _encode_failed(self, err: DomainError) -> None:
        text = self.ctx.refusal(err)
        self.encoder_status.say(text + " " + self.tr(
            "The card number is kept: F4 encodes it again, F6 prints a QR slip instead."),
            "refusal")
        self._refresh()

    def retry(self) -> None:
        if self.encoding is not None:
            self._encode(*self.encoding)

    # --- linking, lost, replace, close ---------------------------------------------------

    def start_link(self) -> None:
        self.linking = True
        self.message.say(self.tr("Swipe the pre-printed card now, or type its 13-digit number "
                                 "and press Enter. Esc cancels."), "info")
        self.search.setFocus()

    def _linked(self, card: Card) -> None:
        self.linking = False
        self.search.clear()
        self.message.say(self.tr("Card {number} now belongs to this member.").format(
            number=card.number), "done")

    def ask_lost(self) -> None:
        number = self.selected()
        if number:
            confirm(self, "card_confirm", self.tr("Report lost"), self.tr(
                "Block card {number} now? It is refused everywhere at once; points and stored "
                "value stay with the member.").format(number=number),
                lambda: self._do(lambda: self.model.report_lost(number), self._changed),
                self.search)

    def ask_replace(self) -> None:
        number = self.selected()
        if number:
            confirm(self, "card_confirm", self.tr("Replace card"), self.tr(
                "Give the member a new card for {number}? Points, stored value, coupons and "
                "tier move to it and the old card stops working.").format(number=number),
                lambda: self._do(lambda: self.model.replace(number), self._replaced), self.search)

    def ask_close(self) -> None:
        number = self.selected()
        if number:
            confirm(self, "card_confirm", self.tr("Close card"), self.tr(
                "Close card {number} for good?").format(number=number),
                lambda: self._do(lambda: self.model.close(number), self._changed), self.search)

    def _changed(self, card: Card) -> None:
        self.message.say(self.tr("Card {number} is now {state}.").format(
            number=card.number, state=card_state_text(card.state.value)), "done")

    def _replaced(self, issued: IssuedCard) -> None:
        card = issued.card
        self.message.say(self.tr("New card {number} replaces the old one.").format(
            number=card.number), "done")
        if card.kind == "qr":
            self._print_slip(card.number, card.expiry)
        else:
            self._encode(card.number, issued.track2)

    def cancel(self) -> None:
        self.linking = False
        self.message.say("")
        self.search.clear()
        self.search.setFocus()

    def _do(self, action: Callable[[], T], then: Callable[[T], None]) -> None:
        """Run a change; a refusal is shown on the page, the result handed to `then`."""
        try:
            result = action()
        except DomainError as err:
            self.message.say(self.ctx.refusal(err), "refusal")
            return
        self._refresh()
        then(result)

    def _refresh(self) -> None:
        if self.holder is not None:
            self._load(self.holder.member_id)
        self._enable()
        self._show_serials()

    def _show_serials(self) -> Serials | None:
        """How many new card numbers this till has left; none left says what to do."""
        try:
            found = self.model.serials()
        except DomainError as err:
            self.serials.say(self.ctx.refusal(err), "refusal")
            return None
        if found.next_number is None:
            self.serials.say(self.ctx.refusal(DomainError(
                "card.no_serials" if found.enrolled else "card.serials_exhausted",
                left=found.left, prefix=found.prefix)), "refusal")
            return None
        self.serials.say(self.tr("New card numbers left at this till: {left}").format(
            left=i18n.number(found.left)), "info")
        return found

    def _idle_hint(self) -> None:
        found = self._show_serials()
        if found is None or found.next_number is None:
            return
        number = found.next_number
        if self.holder is not None or self.message.text():
            return
        devices = self.ctx.devices
        encoder = devices is not None and devices.has("encoder")
        self.message.say(self.tr("The next new card will be number {number}. Card encoder: "
                                 "{state}.").format(number=number, state=self.tr(
                                     "ready") if encoder else self.tr("not set up")), "info")
