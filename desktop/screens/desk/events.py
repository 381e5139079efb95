"""The events page: who is invited (by points, tier, birthday month), and check-in at the door."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.screens.desk import parts
from desktop.screens.desk.member_finder import MemberFinder
from desktop.screens.desk.parts import DeskPage
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels.desk_events import DEFAULT_MIN_POINTS, EventsDesk
from domain.analysis import MemberFacts
from domain.errors import DomainError
from domain.forms import mask_mobile, mask_name
from domain.services.campaigns import InvitationRule
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class EventsPage(DeskPage):
    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = EventsDesk(ctx.env, ctx.staff)
        self.rows: list[MemberFacts] = []
        layout = QHBoxLayout(self)
        layout.addWidget(self._invitation_box(), 3)
        layout.addWidget(self._checkin_box(), 2)
        parts.shortcut(self, "F7", self.ask_export)

    def _invitation_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Invitation list"), self)
        layout = QVBoxLayout(box)
        rule = QGridLayout()
        self.min_points = QSpinBox(box)
        self.min_points.setObjectName("events_min_points")
        self.min_points.setRange(0, 10_000_000)
        self.min_points.setSingleStep(500)
        self.min_points.setValue(DEFAULT_MIN_POINTS)
        self.min_points.setPrefix(self.tr("Points ≥ "))
        self.min_points.setGroupSeparatorShown(True)
        self.tier = self._combo(box, "events_tier")
        self.month = self._combo(box, "events_month")
        self.consent = QCheckBox(self.tr("Agreed to marketing"), box)
        self.consent.setObjectName("events_consent")
        for index, widget in enumerate((self.min_points, self.consent, self.tier, self.month)):
            rule.addWidget(widget, index // 2, index % 2)
        layout.addLayout(rule)
        self.min_points.valueChanged.connect(self.list_invited)
        self.consent.toggled.connect(self.list_invited)
        self.count = parts.label(box, "events_invited_count")
        layout.addWidget(self.count)
        self.invited = parts.table(box, "events_invited", [
            self.tr("Name"), self.tr("Mobile"), self.tr("Tier"), self.tr("Points")])
        layout.addWidget(self.invited, 1)
        export = QPushButton(self.tr("F7 Export to CSV…"), box)
        export.setObjectName("events_export")
        export.clicked.connect(self.ask_export)
        layout.addWidget(export)
        return box

    def _combo(self, parent: QWidget, name: str) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(name)
        combo.currentIndexChanged.connect(self.list_invited)
        return combo

    def _checkin_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Check-in at the door"), self)
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("Event"), box))
        self.event_name = QLineEdit(box)
        self.event_name.setObjectName("events_name")
        layout.addWidget(self.event_name)
        self.finder = MemberFinder(self.ctx.env, self.model.member, box)
        self.finder.found.connect(lambda _view: self.check_in())
        layout.addWidget(self.finder)
        self.error = parts.error_label(box, "events_error")
        self.result = parts.label(box, "events_result", big=True)
        self.checked = parts.label(box, "events_count", big=True)
        for widget in (self.error, self.result, self.checked):
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    # --- the page's life ----------------------------------------------------------------------

    def shown(self) -> None:
        if not self.event_name.text():
            self.event_name.setText(self.tr("Members' evening {date}").format(
                date=self.ctx.env.ctx.local_date().isoformat()))
        self._fill_choices()
        self.list_invited()
        self._count()

    def focus_target(self) -> QWidget:
        return self.finder.input

    def on_scanned(self, code: ScannedCode) -> None:
        self.finder.on_scanned(code)

    def on_swiped(self, tracks: Tracks) -> None:
        self.finder.on_swiped(tracks)

    def _fill_choices(self) -> None:
        if self.tier.count():
            return
        for combo in (self.tier, self.month):
            combo.blockSignals(True)
        self.tier.addItem(self.tr("Any tier"), None)
        for name in self.model.tiers():
            self.tier.addItem(name, name)
        self.month.addItem(self.tr("Any birthday month"), None)
        for month in range(1, 13):
            self.month.addItem(self.tr("Birthday in month {month}").format(month=month), month)
        for combo in (self.tier, self.month):
            combo.blockSignals(False)

    # --- the invitation list ------------------------------------------------------------------

    def rule(self) -> InvitationRule:
        return InvitationRule(self.min_points.value(), self.tier.currentData(),
                              self.month.currentData(), self.consent.isChecked())

    def list_invited(self) -> None:
        """Read the list on the window's task runner: the rule is tried on every member."""
        rule, model = self.rule(), self.model
        self.ctx.run(Task(self.tr("Finding the members invited"),
                          lambda _progress: model.invitations(rule), self._listed,
                          self.count.setText, key="desk_events", owner=self))

    def _listed(self, rows: list[MemberFacts]) -> None:
        self.rows = rows
        parts.fill(self.invited, [[m.name, mask_mobile(m.mobile), m.tier, i18n.number(m.points)]
                                  for m in self.rows], right=(3,))
        self.count.setText(self.tr("{count} member(s) invited by this rule.").format(
            count=len(self.rows)) if self.rows else self.tr(
            "No member meets this rule. Lower the points or choose another tier or month."))

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the invitation list"), "invitations.csv",
            self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            count = self.model.export_csv(self.rows, path)
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        self.ctx.notice(self.tr("{count} member(s) saved to {path}.").format(
            count=count, path=str(path)))

    # --- check-in -----------------------------------------------------------------------------

    def check_in(self) -> None:
        self.model.event = self.event_name.text()
        try:
            done, slip = self.model.check_in()
        except DomainError as err:
            self.result.clear()
            self.error.setText(self.ctx.refusal(err))
            self._count()
            return
        self.error.clear()
        text = self.tr("Welcome, {name}!").format(name=mask_name(done_name(self.model)))
        if done.coupon is not None:
            text += " " + self.tr("A {amount} welcome coupon is on the card.").format(
                amount=i18n.money(done.coupon.amount_fen))
        self.result.setText(text)
        self.ctx.print_receipt(slip)
        self._count()
        self.finder.input.setFocus()

    def _count(self) -> None:
        self.model.event = self.event_name.text()
        try:
            count = self.model.checked_in()
        except DomainError:
            count = 0  # no event name typed yet: nobody can have checked in to it
        self.checked.setText(self.tr("Checked in today: {count}").format(count=count))


def done_name(model: EventsDesk) -> str:
    view = model.member.view
    return view.member.name if view else ""


def make(ctx: OfficeContext) -> QWidget:
    return EventsPage(ctx)
