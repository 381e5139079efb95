"""Members from an old system's file: column mapping, every bad row with its reason, CSV out."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from domain import card_data, cards, forms, spreadsheet
from domain.errors import DomainError, ValidationError

FORM_FIELDS = ("name", "mobile", "gender", "birthday", "id_number", "occupation", "income_band",
               "address", "email", "source", "consent_marketing", "privacy_accepted", "tags",
               "notes")
EXTRA_FIELDS = ("points", "wallet", "wallet_bonus", "card", "tier", "joined_on")
FIELDS = FORM_FIELDS + EXTRA_FIELDS
# Headers old Chinese systems export, recognised without a --map.
ALIASES = {
    "姓名": "name", "会员姓名": "name", "手机": "mobile", "手机号": "mobile", "手机号码": "mobile",
    "电话": "mobile", "性别": "gender", "生日": "birthday", "出生日期": "birthday",
    "身份证": "id_number", "身份证号": "id_number", "职业": "occupation", "收入": "income_band",
    "地址": "address", "邮箱": "email", "电子邮件": "email", "来源": "source", "标签": "tags",
    "备注": "notes", "积分": "points", "积分余额": "points", "可用积分": "points",
    "储值余额": "wallet", "余额": "wallet", "储值本金": "wallet", "赠送余额": "wallet_bonus",
    "卡号": "card", "会员卡号": "card", "等级": "tier", "会员等级": "tier",
    "入会日期": "joined_on", "开卡日期": "joined_on",
}
_MONEY = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_POINTS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet: its header and rows of text; `first_row` is the sheet row of rows[0]."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    first_row: int = 2


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: sheet row, the file's column ("" when no column holds the field), code."""

    row: int
    column: str
    field: str
    code: str
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ImportRow:
    row: int
    form: forms.MemberForm
    points: int = 0
    wallet_fen: int = 0
    wallet_bonus_fen: int = 0
    card: str | None = None
    tier: str | None = None
    joined_on: date | None = None


@dataclass(frozen=True, slots=True)
class Checked:
    """The dry run's answer: the good rows, and every problem of the bad ones."""

    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]
    mapping: Mapping[str, str]  # column -> field

    @property
    def bad_rows(self) -> tuple[int, ...]:
        return tuple(sorted({e.row for e in self.errors}))

    def without(self, errors: Sequence[RowError]) -> Checked:
        """The same check with more problems found (e.g. mobiles already in the database)."""
        bad = {e.row for e in errors}
        merged = sorted([*self.errors, *errors], key=lambda e: (e.row, e.column, e.code))
        return replace(self, rows=tuple(r for r in self.rows if r.row not in bad),
                       errors=tuple(merged))


def parse_csv(data: bytes) -> Table:
    """A CSV file as text (`decode_text`); comma, semicolon or tab separated."""
    text = decode_text(data)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = [[cell.strip() for cell in line] for line in reader]
    except csv.Error as err:  # a field beyond csv's own limit, a NUL, a stray quote
        if "field larger than field limit" in str(err):
            raise ValidationError("import.field_too_long", field="file", row=reader.line_num,
                                  column="—", max=MAX_CELL) from None
        raise ValidationError("import.csv_invalid", field="file", row=reader.line_num,
                              reason=str(err)) from None
    return table_of(lines)


# Byte-order marks, longest first (UTF-32's starts like UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
ENCODINGS = ("UTF-8", "UTF-16 with BOM", "GB18030/GBK")


def decode_text(data: bytes) -> str:
    """Text as Chinese shops' files come: a BOM's encoding (Excel's "Unicode text" is UTF-16),
    else UTF-8, else GB18030 (GBK's superset, what Excel saves in China). Anything else —
    Latin-1, a binary file — is refused, naming the encodings tried: guessing would put
    mojibake into member names."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    for name in (encoding,) if encoding else ("utf-8", "gb18030"):
        try:
            text = data.decode(name)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError("import.not_text", field="file", tried=", ".join(ENCODINGS),
                              hint="save it as CSV UTF-8") from None
    _refuse_binary(text)
    return text.lstrip("\ufeff")


def _refuse_binary(text: str) -> None:
    """Many NULs or control characters: an image, an archive, not a member list (a stray
    one in a cell is that row's problem, named by the row check)."""
    head = text[:65536]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n\f")
    if controls > max(8, len(head) // 100):
        raise ValidationError("import.not_text", field="file", tried=", ".join(ENCODINGS),
                              reason="binary")


MAX_CELL = 2000  # characters: an address or a note, never a 5 MB field


def table_of(lines: Sequence[Sequence[str]]) -> Table:
    """Header (the first non-blank line) and every line after it, blank ones kept as empty
    rows so that each row keeps its number in the sheet."""
    start = next((i for i, line in enumerate(lines) if any(c.strip() for c in line)), None)
    if start is None:
        raise ValidationError("import.empty", field="file")
    _refuse_long_cells(lines, start)
    names = tuple(h.strip() for h in lines[start])
    doubled = [n for n in names if n and names.count(n) > 1]
    if doubled:
        raise ValidationError("import.header_duplicate", field="file", column=doubled[0])
    rows = tuple(tuple(c.strip() for c in line) for line in lines[start + 1:])
    return Table(names, rows, start + 2)


def _refuse_long_cells(lines: Sequence[Sequence[str]], start: int) -> None:
    header = lines[start]
    for number, line in enumerate(lines, start=1):
        for index, cell in enumerate(line):
            if len(cell) > MAX_CELL:
                name = header[index] if index < len(header) and header[index] else ""
                raise ValidationError("import.field_too_long", field="file", row=number,
                                      column=name or column_letter(index), max=MAX_CELL,
                                      length=len(cell))


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_mapping(text: str) -> dict[str, str]:
    """`手机=mobile,积分=points` as {column: field}; fields are checked, columns later."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        column, sep, field = part.rpartition("=")
        if not sep or not column.strip():
            raise ValidationError("import.map_invalid", field="map", part=part)
        if field.strip() not in FIELDS:
            raise ValidationError("import.field_unknown", field="map", value=field.strip(),
                                  known=list(FIELDS))
        mapping[column.strip()] = field.strip()
    return mapping


def resolve_mapping(header: Sequence[str], explicit: Mapping[str, str]) -> dict[str, str]:
    """Columns given on the command line, then headers named like a field or a known alias."""
    unknown = [c for c in explicit if c not in header]
    if unknown:
        raise ValidationError("import.column_unknown", field="map", column=unknown[0])
    mapping = dict(explicit)
    for column in header:
        field = column if column in FIELDS else ALIASES.get(column)
        if column not in mapping and field and field not in mapping.values():
            mapping[column] = field
    fields = list(mapping.values())
    twice = [f for f in fields if fields.count(f) > 1]
    if twice:
        raise ValidationError("import.field_twice", field="map", value=twice[0])
    missing = [f for f in ("name", "mobile") if f not in fields]
    if missing:
        raise ValidationError("import.field_unmapped", field="map", value=missing[0])
    return mapping


def check_rows(table: Table, mapping: Mapping[str, str], today: date,
               tiers: Sequence[str]) -> Checked:
    """Check every row against the member form and the balance columns, then look for the
    same mobile or card on two rows of the file: each such row is refused, naming the others
    (which one is right is for the store to say, not for the import to guess)."""
    index = {column: table.header.index(column) for column in mapping}
    columns = {field: column for column, field in mapping.items()}
    good: list[ImportRow] = []
    errors: list[RowError] = []
    for offset, cells in enumerate(table.rows):
        number = table.first_row + offset
        if not any(cells):
            continue
        values = {f: cells[index[c]] if index[c] < len(cells) else "" for c, f in mapping.items()}
        row, problems = check_row(number, values, today, tiers)
        errors.extend(replace(p, column=columns.get(p.field, "")) for p in problems)
        if row is not None:
            good.append(row)
    checked = Checked(tuple(good), tuple(errors), dict(mapping))
    return checked.without(_file_duplicates(good, columns))


def check_row(number: int, values: Mapping[str, str], today: date,
              tiers: Sequence[str]) -> tuple[ImportRow | None, list[RowError]]:
    """One row: the member form rules of DOMAIN §3 plus points, wallet, card, tier, date."""
    raw: dict[str, object] = {f: values[f] for f in FORM_FIELDS if f in values}
    # The old system's own sign-up form carried the privacy notice; marketing consent must
    # be explicit, so it stays off unless a column says otherwise.
    raw.setdefault("privacy_accepted", "1")
    problems: list[RowError] = []
    form = None
    try:
        form = forms.validate_member_form(raw, today)
    except forms.FormErrors as bad:
        problems += [_error(number, e) for e in bad.errors]
    extras = {}
    for field, parse in _EXTRAS.items():
        text = values.get(field, "").strip()
        try:
            if field != "card":  # the card column has its own rule: 13 digits, ours
                card_data.check_text(field, text)  # refused before a value is echoed back
            extras[field] = parse(text, tiers) if text else None
        except ValidationError as e:
            problems.append(_error(number, e))
    if form is None or problems:
        return None, problems
    return ImportRow(number, form, points=extras["points"] or 0, wallet_fen=extras["wallet"] or 0,
                     wallet_bonus_fen=extras["wallet_bonus"] or 0, card=extras["card"],
                     tier=extras["tier"], joined_on=extras["joined_on"]), []


def _error(number: int, error: DomainError) -> RowError:
    params = {k: v for k, v in error.params.items() if k != "field"}
    return RowError(number, "", str(error.params.get("field", "")), error.code, params)


def parse_points(text: str, _tiers: Sequence[str] = ()) -> int:
    compact = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    if not _POINTS.fullmatch(compact):
        raise ValidationError("import.points_invalid", field="points", value=text)
    return int(compact)


def parse_money(text: str, field: str = "wallet") -> int:
    """"1,234.50", "￥1234.5" or "¥12" as fen; negative amounts and part-fen are refused."""
    compact = unicodedata.normalize("NFKC", text).replace(",", "").replace("¥", "").strip()
    if not _MONEY.fullmatch(compact):
        raise ValidationError("import.money_invalid", field=field, value=text)
    try:
        return int(Decimal(compact) * 100)
    except InvalidOperation:
        raise ValidationError("import.money_invalid", field=field, value=text) from None


def _card(text: str, _tiers: Sequence[str]) -> str:
    return cards.parse_card_number(text).number


def _tier(text: str, tiers: Sequence[str]) -> str:
    if text not in tiers:
        raise ValidationError("import.tier_unknown", field="tier", value=text, known=list(tiers))
    return text


def _joined(text: str, _tiers: Sequence[str]) -> date:
    compact = unicodedata.normalize("NFKC", text).strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(compact[:10] if len(compact) >= 10 else compact)
    except ValueError:
        raise ValidationError("import.date_invalid", field="joined_on", value=text) from None


_EXTRAS: dict[str, Any] = {
    "points": parse_points,
    "wallet": lambda text, _t: parse_money(text, "wallet"),
    "wallet_bonus": lambda text, _t: parse_money(text, "wallet_bonus"),
    "card": _card, "tier": _tier, "joined_on": _joined,
}


def _file_duplicates(rows: Sequence[ImportRow], columns: Mapping[str, str]) -> list[RowError]:
    errors = []
    for field in ("mobile", "card"):
        seen: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            value = row.form.mobile if field == "mobile" else row.card
            if value:
                seen[value].append(row.row)
        for numbers in (n for n in seen.values() if len(n) > 1):
            errors += [RowError(n, columns.get(field, ""), field,
                                f"import.{field}_duplicate_in_file",
                                {"rows": [o for o in numbers if o != n]}) for n in numbers]
    return errors


def conflicts(checked: Checked, mobiles_taken: Mapping[str, str],
              cards_taken: Iterable[str]) -> list[RowError]:
    """Rows whose mobile already belongs to a member, or whose card is already in use."""
    columns = {field: column for column, field in checked.mapping.items()}
    taken_cards = set(cards_taken)
    errors = []
    for row in checked.rows:
        owner = mobiles_taken.get(row.form.mobile)
        if owner is not None:
            errors.append(RowError(row.row, columns.get("mobile", ""), "mobile",
                                   "import.mobile_exists", {"member_id": owner}))
        if row.card is not None and row.card in taken_cards:
            errors.append(RowError(row.row, columns.get("card", ""), "card",
                                   "import.card_exists", {}))
    return errors


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a BOM, so Excel opens the Chinese in it as UTF-8; formula-like cells
    quoted (domain/spreadsheet.py)."""
    out = io.StringIO()
    writer = spreadsheet.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return "\ufeff" + out.getvalue()
