"""The membership application form (DOMAIN §3) at the front desk.

Each field says what is wrong with it as it is typed; a refused save keeps everything typed;
a mobile that already belongs to a member offers that member instead of a twin. After a save
the page offers to issue a card and to print the filled form for signature (A4 PDF or slip).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n
from desktop.forms_print import FilledForm, form_pdf, form_slip
from desktop.screens.desk.card_widgets import DESK_STYLE, Banner, key_button
from desktop.screens.office import OfficeContext, OfficeScreen
from desktop.viewmodels.application import (
    FIELDS,
    GENDERS,
    INCOME_BANDS,
    REQUIRED,
    ApplicationModel,
    KnownMember,
    errors_of,
)
from desktop.widgets.elided_label import ElidedLabel
from desktop.widgets.style import reserve_lines
from domain.errors import DomainError
from domain.forms import SOURCES
from domain.records import Member

Field = QLineEdit | QComboBox | QCheckBox
_COMBOS = {"gender": GENDERS, "income_band": INCOME_BANDS, "source": SOURCES}
_LEFT = 7  # the first seven fields in the left column, the rest on the right
# Ticks that are never wrong (optional consents) keep no empty line for a message: with one
# under each, the form was taller than a 768-line screen once the alliance consent came.
_NEVER_WRONG = frozenset({"consent_marketing", "consent_alliance"})


class ApplicationPage(QWidget):
    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ApplicationModel(ctx.env)
        self.fields: dict[str, Field] = {}
        self.errors: dict[str, QLabel] = {}
        self.touched: set[str] = set()
        self.tried = False  # after a save attempt every field shows its problem
        self.saved: Member | None = None
        self.known: KnownMember | None = None
        # Fifteen fields and their messages fit a 768 px panel: fields 40 px high, not 46.
        self.setStyleSheet(DESK_STYLE + "QLineEdit { min-height: 32px; font-size: 18px; }"
                                        "QComboBox { min-height: 34px; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.banner = Banner("application_banner", self)
        reserve_lines(self.banner, 2)  # messages come and go without moving the fields
        layout.addWidget(self.banner)
        layout.addLayout(self._form(), 1)
        layout.addWidget(self._known_box())  # its room is kept: the form above never moves
        layout.addLayout(self._actions())
        self._mode()

    # --- building ------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(self.tr("Membership application"), self)
        title.setProperty("heading", True)
        row.addWidget(title)
        self.gift = QLabel(self)
        self.gift.setObjectName("application_gift")
        row.addWidget(self.gift, 1)
        return row

    def _known_box(self) -> QFrame:
        self.known_box = QFrame(self)
        self.known_box.setObjectName("application_known")
        self.known_box.setProperty("panel", True)
        row = QHBoxLayout(self.known_box)
        self.known_text = QLabel(self.known_box)
        self.known_text.setObjectName("application_known_text")
        self.known_text.setWordWrap(True)
        row.addWidget(self.known_text, 1)
        row.setContentsMargins(8, 2, 2, 2)
        opener = key_button(self, "F3", "application_known_open", self.tr("Open this member"),
                            self.open_known)
        row.addWidget(opener)
        # Two lines of text beside the button, always: a longer sentence would grow the box.
        two_lines = self.known_text.fontMetrics().lineSpacing() * 2 + 8
        self.known_box.setFixedHeight(max(two_lines, opener.sizeHint().height()) + 4)
        policy = self.known_box.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.known_box.setSizePolicy(policy)
        self.known_box.hide()
        return self.known_box

    def _labels(self) -> dict[str, str]:
        return {"name": self.tr("Name"), "mobile": self.tr("Mobile"),
                "gender": self.tr("Gender"), "birthday": self.tr("Birthday"),
                "id_number": self.tr("ID number"), "email": self.tr("E-mail"),
                "referrer": self.tr("Referrer"), "occupation": self.tr("Occupation"),
                "income_band": self.tr("Monthly income"), "address": self.tr("Address"),
                "source": self.tr("Heard of us"), "tags": self.tr("Tags"),
                "notes": self.tr("Notes"),
                "consent_marketing": self.tr("Marketing messages"),
                "consent_alliance": self.tr("Alliance partners"),
                "privacy_accepted": self.tr("Privacy policy")}

    def _form(self) -> QHBoxLayout:
        columns = QHBoxLayout()
        grids = (QGridLayout(), QGridLayout())
        labels = self._labels()
        for index, key in enumerate(FIELDS):
            grid = grids[0 if index < _LEFT else 1]
            row = grid.rowCount()
            mark = " *" if key in REQUIRED else ""
            grid.addWidget(QLabel(labels[key] + mark, self), row, 0)
            grid.addWidget(self._field(key), row, 1)
            # One line kept for each field's message, under label and field: the form never
            # shifts as messages come and go (a long one ends in "…", whole in its tooltip
            # and in the banner's list after a save).
            error = ElidedLabel(self)
            error.setObjectName(f"application_{key}_error")
            error.setProperty("field_error", True)
            policy = error.sizePolicy()
            policy.setRetainSizeWhenHidden(key not in _NEVER_WRONG)
            error.setSizePolicy(policy)
            error.hide()
            self.errors[key] = error
            grid.addWidget(error, row + 1, 0, 1, 2)
        for grid in grids:
            grid.setVerticalSpacing(1)  # each field's message line close under it (2: too tall)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(grid.rowCount(), 1)
            columns.addLayout(grid, 1)
        return columns

    def _field(self, key: str) -> Field:
        field: Field
        if key in _COMBOS:
            field = QComboBox(self)
            texts = self._choice_texts()
            for value in _COMBOS[key]:
                field.addItem(texts.get(value, value), value)
            field.currentIndexChanged.connect(lambda _i, k=key: self._edited(k))
        elif key in ("consent_marketing", "consent_alliance", "privacy_accepted"):
            field = QCheckBox(self._tick_texts()[key], self)
            field.toggled.connect(lambda _on, k=key: self._edited(k))
        else:
            field = QLineEdit(self)
            field.setPlaceholderText(self._hints().get(key, ""))
            field.textEdited.connect(lambda _t, k=key: self._edited(k))
            field.returnPressed.connect(self.save)
        field.setObjectName(f"application_{key}")
        self.fields[key] = field
        return field

    def _choice_texts(self) -> dict[str, str]:
        return {"": self.tr("—"), "male": self.tr("Male"), "female": self.tr("Female"),
                "<3000": self.tr("under ￥3,000"), ">20000": self.tr("over ￥20,000"),
                "store": self.tr("In the store"), "poster": self.tr("Poster"),
                "wechat": self.tr("WeChat"), "referral": self.tr("A member told them"),
                "partner": self.tr("Partner shop")}

    def _tick_texts(self) -> dict[str, str]:
        return {"consent_marketing": self.tr("Agrees to receive offers by SMS and WeChat"),
                "consent_alliance": self.tr(
                    "Agrees to be known at partner shops (masked name, tier)"),
                "privacy_accepted": self.tr("Has read and accepts the privacy policy")}

    def _hints(self) -> dict[str, str]:
        return {"mobile": self.tr("11 digits, e.g. 13800138000"),
                "birthday": self.tr("1990-03-08, or 03-08 without the year"),
                "id_number": self.tr("18 characters; optional"),
                "referrer": self.tr("card number or mobile of the member who sent them"),
                "tags": self.tr("separated by commas"), "email": self.tr("optional")}

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        specs = [("F2", "application_save", self.tr("Save"), self.save),
                 ("F5", "application_issue", self.tr("Issue a card now"), self.issue_card),
                 ("F6", "application_pdf", self.tr("Form as PDF"), self._pdf_chosen),
                 ("F7", "application_slip", self.tr("Print form on receipt printer"),
                  self.print_slip),
                 ("F8", "application_new", self.tr("New form"), self.new_form)]
        self.buttons: dict[str, QPushButton] = {}
        for key, name, text, slot in specs:
            self.buttons[name] = key_button(self, key, name, text, slot)
            row.addWidget(self.buttons[name])
        self.buttons["application_save"].setProperty("role", "primary")
        return row

    # --- typing --------------------------------------------------------------------------

    def shown(self) -> None:
        gift = self.model.signup_gift()
        self.gift.setText(self.tr("Sign-up gift: {gift}").format(gift=gift) if gift else "")
        if self.saved is None:
            self.fields["name"].setFocus()

    def raw(self) -> dict[str, object]:
        """What is typed, as the members service takes it."""
        values: dict[str, object] = {}
        for key, field in self.fields.items():
            if isinstance(field, QComboBox):
                values[key] = field.currentData() or ""
            elif isinstance(field, QCheckBox):
                values[key] = field.isChecked()
            else:
                values[key] = field.text()
        return values

    def _edited(self, key: str) -> None:
        self.touched.add(key)
        self._check()
        if key == "mobile":
            self._offer(self.model.known_member(self._text("mobile")))

    def _text(self, key: str) -> str:
        field = self.fields[key]
        return field.text() if isinstance(field, QLineEdit) else ""

    def _check(self, extra: dict[str, DomainError] | None = None) -> dict[str, DomainError]:
        found = {**self.model.field_errors(self.raw()), **(extra or {})}
        labels = self._labels()
        for key, label in self.errors.items():
            error = found.get(key) if (self.tried or key in self.touched) else None
            label.setText(self._sentence(error, labels[key]) if error else "")
            label.setVisible(error is not None)
        return found

    def _sentence(self, error: DomainError, label: str) -> str:
        # The field's own name, in the clerk's language, replaces the internal key.
        return feedback.describe(DomainError(error.code, **{**error.params, "field": label})
                                 ).text

    def _offer(self, known: KnownMember | None) -> None:
        self.known = known
        self.known_box.setVisible(known is not None and self.saved is None)
        if known is None:
            return
        card = known.card_number or self.tr("no card")
        self.known_text.setText(self.tr(
            "This mobile already belongs to {name} ({mobile}), tier {tier}, {points} points, "
            "card {card}. Open that member instead of signing them up twice.").format(
            name=known.name, mobile=known.mobile, tier=known.tier,
            points=i18n.number(known.points),
            card=card))

    # --- saving --------------------------------------------------------------------------

    def save(self) -> None:
        if self.saved is not None:
            return
        self.tried = True
        found = self._check()
        if not found and self.known is not None:
            self.banner.say(self.tr("The mobile belongs to a member already: F3 opens them."),
                            "refusal")
            return
        if found:
            self._refused(found)
            return
        try:
            done = self.model.save(self.raw(), self.ctx.staff.id)
        except DomainError as err:
            self._refused(self._check(errors_of(err)), err)
            return
        if not done.created:
            self._offer(self.model.known_member(done.member.mobile))
            return
        self._saved(done.member, [c.code for c in done.coupons])

    def _refused(self, found: dict[str, DomainError], err: DomainError | None = None) -> None:
        labels = self._labels()
        named = [labels[key] for key in FIELDS if key in found]
        if named:
            self.banner.say(self.tr("Not saved. Check: {fields}. Everything typed is kept.")
                            .format(fields=", ".join(named)), "refusal")
            self.fields[next(k for k in FIELDS if k in found)].setFocus()
        elif err is not None:
            self.banner.say(self.ctx.refusal(err), "refusal")

    def _saved(self, member: Member, coupons: list[str]) -> None:
        self.saved = member
        parts = [self.tr("{name} is now a member ({tier}).").format(name=member.name,
                                                                     tier=member.tier)]
        if coupons:
            parts.append(self.tr("Sign-up coupon {codes} is in their account.").format(
                codes=", ".join(coupons)))
        parts.append(self.tr("F5 issues a card; F6/F7 print the form for signature."))
        self.banner.say(" ".join(parts), "done")
        self._mode()

    def _mode(self) -> None:
        done = self.saved is not None
        for field in self.fields.values():
            field.setEnabled(not done)
        self.buttons["application_save"].setEnabled(not done)
        for name in ("application_issue", "application_pdf", "application_slip"):
            self.buttons[name].setEnabled(done)
        if done:
            self.known_box.hide()
            self.setFocus()  # the fields are locked: the page keeps the F-keys

    def new_form(self) -> None:
        self.saved, self.known, self.tried = None, None, False
        for field in self.fields.values():
            if isinstance(field, QLineEdit):
                field.clear()
            elif isinstance(field, QComboBox):
                field.setCurrentIndex(0)
            else:
                field.setChecked(False)
        self.touched.clear()  # after the resets, which count as edits for ticks and lists
        self._check()
        self.banner.say("")
        self._offer(None)
        self._mode()
        self.fields["name"].setFocus()

    # --- after saving --------------------------------------------------------------------

    def issue_card(self) -> None:
        if self.saved is not None:
            self._open_cards(self.saved.id)

    def open_known(self) -> None:
        if self.known is not None:
            self._open_cards(self.known.member_id)

    def _open_cards(self, member_id: str) -> None:
        office = self._office()
        if office is None:
            return
        page = office.open("desk_cards")
        show = getattr(page, "show_member", None)
        if show is not None:
            show(member_id)

    def _office(self) -> OfficeScreen | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, OfficeScreen):
            widget = widget.parentWidget()
        return widget

    def filled(self) -> FilledForm:
        assert self.saved is not None
        env, member = self.ctx.env, self.saved
        known = self.model.known_member(member.mobile)
        return FilledForm(member, env.store_name, self.ctx.staff.name,
                          env.ctx.calendar.local(env.ctx.now()), env.ctx.calendar.local,
                          known.card_number if known else None,
                          self.model.referrer_name(member))

    def _pdf_chosen(self) -> None:
        self.print_pdf()

    def print_pdf(self, path: Path | None = None) -> Path | None:
        """Write the form as an A4 PDF where the clerk chooses (tests pass the path)."""
        if self.saved is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the form as PDF"),
                str(Path.home() / f"{self.saved.mobile}.pdf"), self.tr("PDF (*.pdf)"))
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_bytes(form_pdf(self.filled(), self.ctx.env.receipt_lang))
        except OSError as err:
            self.banner.say(self.tr("The PDF could not be written to {path} ({reason}). "
                                    "Choose another folder.").format(
                path=path, reason=err.strerror or err), "refusal")
            return None
        self.banner.say(self.tr("The form is saved as {path}. Print it for the member to "
                                "sign.").format(path=path), "done")
        return path

    def print_slip(self) -> None:
        if self.saved is not None and self.ctx.print_receipt(
                form_slip(self.filled(), self.ctx.env.receipt_lang)):
            self.banner.say(self.tr("The form is printing: ask the member to sign it."), "done")
