"""The "Rules" page: the rule pack in force, another pack checked and tried, then switched to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.screens.desk.parts import (
    DeskPage,
    button,
    error_label,
    fill,
    label,
    shortcut,
    table,
)
from desktop.screens.manage.confirm import confirm
from desktop.screens.office import OfficeContext
from desktop.tasks import Task
from desktop.viewmodels.pack_text import pack_html
from desktop.viewmodels.rules import RulesModel, describe_problem, is_pack_error
from domain.errors import DomainError
from domain.rulepack import RulePack
from domain.services.rules import Trial


class RulesPage(DeskPage):
    """Left the pack in force, right the candidate; below, the trial side by side.

    Enter loads the file typed, F2 browses for one, F5 tries it, F9 switches (confirmed).
    """

    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RulesModel(ctx.env)
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        self.error = error_label(self, "rules_error")
        layout.addWidget(self.error)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.packs = QSplitter(Qt.Orientation.Horizontal, split)
        self.current = self._browser(self.packs, "rules_current")
        self.candidate = self._browser(self.packs, "rules_candidate")
        split.addWidget(self.packs)
        self.trial_box = self._trial_box(split)
        split.addWidget(self.trial_box)
        split.setSizes([460, 320])
        layout.addWidget(split, 1)
        self.setStyleSheet("QPushButton:disabled { background: #e4e9f0; color: #8a96a6; }")
        for key, slot in (("F2", self.browse), ("F5", self.try_it), ("F9", self.ask_switch)):
            shortcut(self, key, slot)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.in_force = label(self, "rules_in_force")
        self.in_force.setStyleSheet("font-size: 18px; font-weight: bold;")
        row.addWidget(self.in_force, 1)
        self.path = QLineEdit(self)
        self.path.setObjectName("rules_file")
        self.path.setPlaceholderText(self.tr("another pack file (.toml)"))
        self.path.setMinimumWidth(320)
        self.path.returnPressed.connect(lambda: self.load(Path(self.path.text().strip())))
        row.addWidget(self.path)
        row.addWidget(button(self, "rules_browse", "F2 " + self.tr("Choose file…"),
                                   self.browse))
        return row

    def _trial_box(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Scenario"), box))
        self.scenario = QComboBox(box)
        self.scenario.setObjectName("rules_scenario")
        self.scenario.setMinimumWidth(360)
        row.addWidget(self.scenario)
        self.try_button = button(self, "rules_try", "F5 " + self.tr("Try it"), self.try_it)
        row.addWidget(self.try_button)
        row.addStretch(1)
        self.switch_button = button(self, "rules_switch", "F9 " + self.tr("Switch to this pack"),
                                          self.ask_switch)
        self.switch_button.setProperty("role", "primary")
        row.addWidget(self.switch_button)
        column.addLayout(row)
        self.note = label(box, "rules_note")
        column.addWidget(self.note)
        self.trial = table(box, "rules_trial", [])
        column.addWidget(self.trial, 1)
        return box

    def _browser(self, parent: QWidget, name: str) -> QTextBrowser:
        view = QTextBrowser(parent)
        view.setStyleSheet("font-size: 14px;")
        view.setObjectName(name)
        view.setOpenLinks(False)
        return view

    # --- behaviour ----------------------------------------------------------------------------

    def focus_target(self) -> QWidget | None:
        return self.path

    def shown(self) -> None:
        pack = self.model.current
        self.in_force.setText(self.tr("In force: {title} ({name})").format(
            title=pack.title, name=pack.name))
        self.current.setHtml(pack_html(pack))
        if self.scenario.count() == 0:
            for choice, text in self.model.scenarios():
                self.scenario.addItem(text, choice)
        self._show_candidate()

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a rule pack"), "",
                                                self.tr("Rule packs (*.toml)"))
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Check the file; its mistakes are shown with file, key and what is wrong."""
        self.path.setText(str(path))
        try:
            pack = self.model.load(path)
        except DomainError as err:
            self._show_problem(err)
            self._show_candidate()
            return
        self.error.setText("")
        self.ctx.notice(self.tr("{title} is a valid rule pack.").format(title=pack.title))
        self._show_candidate()

    def try_it(self) -> None:
        """Run the trial on the window's task runner: it copies the whole store twice."""
        try:
            job = self.model.trial_job(str(self.scenario.currentData() or ""))
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        tried = self.model.candidate
        self.ctx.run(Task(self.tr("Trying the rule pack on a copy of the store"), job,
                          lambda trial: self._tried(trial, tried), self.error.setText,
                          owner=self))

    def _tried(self, trial: Trial, tried: RulePack | None) -> None:
        if self.model.candidate is not tried:
            return  # another pack was loaded meanwhile: this trial is not of it
        self.model.trial = trial
        self.error.setText("")
        self._show_trial()

    def ask_switch(self) -> None:
        pack = self.model.candidate
        if pack is None:
            self.error.setText(self.ctx.refusal(DomainError("rules.no_candidate")))
            return
        confirm(self, "rules_confirm", self.tr("Switch the rule pack"),
                self.tr("From the next sale on, this store prices, earns points and tops up "
                        "by “{new}” instead of “{old}”. The switch is recorded in the audit "
                        "trail.").format(new=pack.title, old=self.model.current.title),
                self.tr("Switch"), self.switch)

    def switch(self) -> None:
        """The manager logged in switches (the page is a manager's; the service checks)."""
        try:
            pack = self.model.switch(self.ctx.staff)
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        self.ctx.notice(self.tr("The store now uses {title}.").format(title=pack.title))
        self.path.clear()
        self.shown()

    def _show_problem(self, err: DomainError) -> None:
        if not is_pack_error(err):
            self.error.setText(self.ctx.refusal(err))
            return
        problem = describe_problem(err)
        self.error.setText(self.tr("This pack cannot be used. File: {file} · Key: {key} · "
                                   "{problem}").format(file=problem.file, key=problem.key,
                                                       problem=problem.problem))

    def _show_candidate(self) -> None:
        pack = self.model.candidate
        ready = pack is not None
        self.try_button.setEnabled(ready)
        self.switch_button.setEnabled(ready)
        self.trial_box.setVisible(ready)
        # Alone, the pack in force takes most of the width; beside a candidate, half.
        self.packs.setSizes([3, 1] if pack is None else [1, 1])
        if pack is None:
            self.candidate.setHtml("<p style='color:#5f6b7a'>" + self.tr(
                "Load another pack file to see it here beside the one in force, try it on a "
                "scenario, and switch to it.") + "</p>")
            self.note.setText("")
            fill(self.trial, [])
            return
        self.candidate.setHtml(pack_html(pack))
        self._show_trial()

    def _show_trial(self) -> None:
        headers = self.model.trial_headers()
        self.trial.setColumnCount(len(headers))
        self.trial.setHorizontalHeaderLabels(headers)
        fill(self.trial, self.model.trial_rows(), right=(2, 3, 4, 6, 7, 8))
        self.note.setText(self.tr(
            "Each pack ran the scenario on its own copy of the store database; the live "
            "store was not touched.") if self.model.trial else "")
