"""The membership application form (DOMAIN §3): field checks, every error at once, masking."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from domain import card_data, cards
from domain.errors import DomainError, ValidationError
from domain.text import check_text

T = TypeVar("T")
Birthday = tuple[int | None, int | None, int | None]  # year, month, day

SOURCES = ("store", "poster", "wechat", "referral", "partner")
_GENDERS = {"": "", "male": "male", "m": "male", "男": "male",
            "female": "female", "f": "female", "女": "female"}
_MAX_LENGTH = {"name": 40, "occupation": 40, "income_band": 20, "address": 200,
               "email": 254, "referrer": 32, "notes": 500, "tags": 20}
# Free text a bank-card number could be typed (or scanned) into: refused there, whoever
# calls (sign-up, profile edit, import). Mobile, ID number and referrer have rules of their own.
_FREE_TEXT = frozenset({"name", "occupation", "income_band", "address", "email", "notes", "tags"})
# Written in lines: a line break is kept there; anywhere else it is refused like any control
# character (domain/text.py).
MULTILINE = frozenset({"address", "notes"})
_TRUE = frozenset({"1", "true", "yes", "on", "y", "是"})
_FALSE = frozenset({"", "0", "false", "no", "off", "n", "否"})
_KEYS = frozenset({"name", "mobile", "gender", "birthday", "birth_year", "birth_month",
                   "birth_day", "id_number", "occupation", "income_band", "address", "email",
                   "referrer", "source", "consent_marketing", "consent_alliance",
                   "privacy_accepted", "tags", "notes"})
# GB/T 2260 province codes, plus 81-83 used by Hong Kong, Macao and Taiwan residence permits.
_PROVINCES = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                        "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                        "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"})
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11
_ID_SHAPE = re.compile(r"[1-9][0-9]{16}[0-9X]")
_MAINLAND = re.compile(r"1[3-9][0-9]{9}")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+"
                    r"[A-Za-z]{2,}")
_BIRTHDAY = re.compile(r"(?:([0-9]{4})[-/.年])?([0-9]{1,2})[-/.月]([0-9]{1,2})日?")
_TAG_SPLIT = re.compile(r"[,，、;；]")
_OLDEST_YEAR = 1900


@dataclass(frozen=True, slots=True)
class MemberForm:
    """A checked application form, values normalised (mobile, ID number, e-mail, tags)."""

    name: str
    mobile: str
    gender: str = ""  # "" | male | female
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    id_number: str | None = None
    occupation: str = ""
    income_band: str = ""
    address: str = ""
    email: str = ""
    referrer: str = ""  # a card number or a normalised mobile
    source: str = "store"
    consent_marketing: bool = False
    consent_alliance: bool = False  # recognised at alliance partners (docs/alliance.md)
    privacy_accepted: bool = False
    tags: tuple[str, ...] = ()
    notes: str = ""


class FormErrors(DomainError):
    """Every bad field of one form; `errors` holds one ValidationError per problem."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__("form.invalid", fields=[e.params.get("field") for e in errors])
        self.errors = list(errors)

    def by_field(self) -> dict[str, str]:
        """Field name -> code of its first error, for the form to mark each field."""
        found: dict[str, str] = {}
        for error in self.errors:
            found.setdefault(str(error.params.get("field")), error.code)
        return found


def normalize_mobile(text: str) -> str:
    """A mainland mobile as its 11 digits, any other number as E.164 (`+852...`).

    Spaces, dashes, brackets, full-width digits and a +86 / 0086 / 86 prefix are tolerated.
    """
    compact = re.sub(r"[\s\-()]", "", unicodedata.normalize("NFKC", text))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith(("+86", "86")) and _MAINLAND.fullmatch(compact.lstrip("+")[2:]):
        return compact.lstrip("+")[2:]
    if _MAINLAND.fullmatch(compact):
        return compact
    if _E164.fullmatch(compact) and not compact.startswith("+86"):
        return compact
    raise ValidationError("form.mobile_invalid", field="mobile")


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def check_id_number(text: str) -> str:
    """An 18-character resident ID number, upper-cased, or a ValidationError saying why not."""
    value = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if not _ID_SHAPE.fullmatch(value) or value[:2] not in _PROVINCES:
        raise ValidationError("form.id_number_invalid", field="id_number", reason="shape")
    try:
        born = id_number_birthday(value)
    except ValueError:
        raise ValidationError("form.id_number_invalid", field="id_number",
                              reason="birth_date") from None
    if born.year < _OLDEST_YEAR:
        raise ValidationError("form.id_number_invalid", field="id_number", reason="birth_date")
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError("form.id_number_checksum", field="id_number")
    return value


def id_number_birthday(id_number: str) -> date:
    """The birth date written in positions 7–14 (YYYYMMDD); ValueError if impossible."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


class _Collector:
    """Runs one field check after another, keeping every error instead of stopping."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def take(self, check: Callable[[], T], fallback: T) -> T:
        try:
            return check()
        except ValidationError as error:
            self.errors.append(error)
            return fallback


def validate_member_form(raw: Mapping[str, object], today: date) -> MemberForm:
    """Check a typed form against DOMAIN §3; FormErrors lists every bad field at once.

    `raw` is left untouched, so the screen shows what was typed next to each error.
    """
    c = _Collector()
    c.errors.extend(ValidationError("form.unknown_field", field=str(key))
                    for key in raw if key not in _KEYS)
    mobile = c.take(lambda: _required_mobile(raw), "")
    id_number = c.take(lambda: _id_number(raw, today), None)
    no_birthday: Birthday = (None, None, None)
    year, month, day = c.take(lambda: _birthday(raw, today, id_number), no_birthday)
    form = MemberForm(
        name=c.take(lambda: _required_text(raw, "name"), ""),
        mobile=mobile,
        gender=c.take(lambda: _gender(raw), ""),
        birth_year=year, birth_month=month, birth_day=day, id_number=id_number,
        occupation=c.take(lambda: _text(raw, "occupation"), ""),
        income_band=c.take(lambda: _text(raw, "income_band"), ""),
        address=c.take(lambda: _text(raw, "address"), ""),
        email=c.take(lambda: _email(raw), ""),
        referrer=c.take(lambda: _referrer(raw, mobile), ""),
        source=c.take(lambda: _source(raw), "store"),
        consent_marketing=c.take(lambda: _flag(raw, "consent_marketing"), False),
        consent_alliance=c.take(lambda: _flag(raw, "consent_alliance"), False),
        privacy_accepted=c.take(lambda: _privacy(raw), False),
        tags=c.take(lambda: _tags(raw), ()),
        notes=c.take(lambda: _text(raw, "notes"), ""))
    if c.errors:
        raise FormErrors(c.errors)
    return form


def _text(raw: Mapping[str, object], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("form.not_text", field=key)
    text = check_text(value.strip(), key, multiline=key in MULTILINE)
    limit = _MAX_LENGTH.get(key)
    if limit is not None and len(text) > limit:
        raise ValidationError("form.too_long", field=key, max=limit)
    if key in _FREE_TEXT:
        card_data.check_text(key, text)
    return text


def _required_text(raw: Mapping[str, object], key: str) -> str:
    text = _text(raw, key)
    if not text:
        raise ValidationError("form.required", field=key)
    return text


def _required_mobile(raw: Mapping[str, object]) -> str:
    return normalize_mobile(_required_text(raw, "mobile"))


def _gender(raw: Mapping[str, object]) -> str:
    gender = _GENDERS.get(_text(raw, "gender").lower())
    if gender is None:
        raise ValidationError("form.gender_invalid", field="gender")
    return gender


def _id_number(raw: Mapping[str, object], today: date) -> str | None:
    text = _text(raw, "id_number")
    if not text:
        return None
    value = check_id_number(text)
    if id_number_birthday(value) > today:
        raise ValidationError("form.id_number_invalid", field="id_number", reason="birth_date")
    return value


def _birthday(raw: Mapping[str, object], today: date, id_number: str | None) -> Birthday:
    """Birthday from the text field ("1990-03-08", "03-08", "1990年3月8日") or from its parts.

    Left empty, it is taken from the ID number; given, it must agree with the ID number.
    """
    text = _text(raw, "birthday")
    parts = _parse_birthday(text) if text else (
        _part(raw, "birth_year"), _part(raw, "birth_month"), _part(raw, "birth_day"))
    year, month, day = _check_birthday(parts, today)
    if id_number is None:
        return year, month, day
    born = id_number_birthday(id_number)
    if month is None:
        return born.year, born.month, born.day
    if (month, day) != (born.month, born.day) or year not in (None, born.year):
        raise ValidationError("form.birthday_mismatch", field="birthday")
    return born.year, month, day


def _parse_birthday(text: str) -> Birthday:
    compact = unicodedata.normalize("NFKC", text).replace(" ", "")
    if compact.isascii() and compact.isdigit() and len(compact) == 8:
        return int(compact[:4]), int(compact[4:6]), int(compact[6:])
    match = _BIRTHDAY.fullmatch(compact)
    if match is None:
        raise ValidationError("form.birthday_invalid", field="birthday")
    year = int(match.group(1)) if match.group(1) else None
    return year, int(match.group(2)), int(match.group(3))


def _part(raw: Mapping[str, object], key: str) -> int | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    raise ValidationError("form.birthday_invalid", field="birthday")


def _check_birthday(parts: Birthday, today: date) -> Birthday:
    year, month, day = parts
    if month is None or day is None:
        # Month and day are what birthday benefits need; a year alone is refused.
        if (year, month, day) != (None, None, None):
            raise ValidationError("form.birthday_invalid", field="birthday")
        return parts
    try:
        born = date(year if year is not None else 2000, month, day)  # 2000: 29 Feb exists
    except ValueError:
        raise ValidationError("form.birthday_invalid", field="birthday") from None
    if year is not None and year < _OLDEST_YEAR:
        raise ValidationError("form.birthday_invalid", field="birthday")
    if year is not None and born > today:
        raise ValidationError("form.birthday_future", field="birthday")
    return parts


def _email(raw: Mapping[str, object]) -> str:
    text = unicodedata.normalize("NFKC", _text(raw, "email"))
    if not text:
        return ""
    if not _EMAIL.fullmatch(text):
        raise ValidationError("form.email_invalid", field="email")
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def _referrer(raw: Mapping[str, object], own_mobile: str) -> str:
    """A card number or a mobile; the member cannot refer themselves."""
    text = _text(raw, "referrer")
    if not text:
        return ""
    compact = "".join(text.split())
    try:
        if len(compact) == cards.NUMBER_LENGTH and compact.isdigit():
            return cards.parse_card_number(compact).number
        referrer = normalize_mobile(compact)
    except ValidationError:
        card_data.check_text("referrer", text)  # a bank card's number is nobody's referrer
        raise ValidationError("form.referrer_invalid", field="referrer") from None
    if referrer == own_mobile:
        raise ValidationError("form.referrer_self", field="referrer")
    return referrer


def _source(raw: Mapping[str, object]) -> str:
    source = _text(raw, "source").lower() or "store"
    if source not in SOURCES:
        raise ValidationError("form.source_invalid", field="source", allowed=list(SOURCES))
    return source


def _flag(raw: Mapping[str, object], key: str) -> bool:
    value = raw.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError("form.flag_invalid", field=key)


def _privacy(raw: Mapping[str, object]) -> bool:
    if not _flag(raw, "privacy_accepted"):
        raise ValidationError("form.privacy_required", field="privacy_accepted")
    return True


def _tags(raw: Mapping[str, object]) -> tuple[str, ...]:
    value = raw.get("tags")
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[object] = list(_TAG_SPLIT.split(value))
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise ValidationError("form.not_text", field="tags")
    if not all(isinstance(item, str) for item in items):
        raise ValidationError("form.not_text", field="tags")
    for item in items:
        check_text(str(item), "tags")
    tags = [card_data.check_text("tags", str(item).strip()) for item in items
            if str(item).strip()]
    if any(len(tag) > _MAX_LENGTH["tags"] for tag in tags):
        raise ValidationError("form.too_long", field="tags", max=_MAX_LENGTH["tags"])
    return tuple(dict.fromkeys(tags))  # duplicates dropped, typed order kept


def mask_name(name: str) -> str:
    """张三 -> 张*, 张三丰 -> 张*丰, 欧阳娜娜 -> 欧**娜: first and last character shown."""
    text = name.strip()
    if len(text) <= 1:
        return "*" * len(text)
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_mobile(mobile: str) -> str:
    """13800138000 -> 138****8000; other lengths keep three in front and four behind."""
    if len(mobile) <= 7:
        return "*" * max(len(mobile) - 2, 0) + mobile[-2:]
    return mobile[:3] + "*" * (len(mobile) - 7) + mobile[-4:]


def mask_id_number(id_number: str) -> str:
    """110105194912310021 -> 1101**********0021: region prefix and last four only."""
    if len(id_number) < 9:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]
