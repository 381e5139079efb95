"""Alliance agreements (异业联盟, DOMAIN §14): what a partner merchant gives an issuer's members."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from domain.catalog import ProductClass
from domain.errors import ValidationError
from domain.money import round_half_up
from domain.records import CouponKind, CouponTemplate

BASIS_POINTS = 10_000  # 100 % in basis points
MAX_POINTS_PER_YUAN = 100
MAX_POINT_VALUE_FEN = 100  # one point worth at most a yuan: more is surely a typing mistake
PERIODS = ("monthly",)
_CLASSES = frozenset(c.value for c in ProductClass)
# The classes that take a member discount (DOMAIN §6): a partner's discount is one; special,
# group-buy and no-discount lines take none at a partner either.
DISCOUNTED_CLASSES = frozenset({ProductClass.REGULAR, ProductClass.NEW, ProductClass.NO_POINTS})
MERCHANT_CODE_MAX = 16
TEMPLATE_CODE_MAX = 32
_FIELDS = ("issuer", "partner", "discount_bp", "points_per_yuan", "points_spendable",
           "point_value_fen", "commission_bp", "settlement", "starts_on", "ends_on",
           "coupon_templates")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an agreement: where (a JSON path) and a stable code."""

    path: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}: {self.code}"


class AgreementError(ValidationError):
    """An agreement refused; `problems` lists every mistake, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("alliance.agreement_invalid", field=problems[0].path,
                         problems="; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Agreement:
    """A partner merchant honouring an issuer's cards (merchant codes), from `starts_on`
    to `ends_on` inclusive (None: until ended).

    discount_bp: the partner's product class (DOMAIN §6 token) -> discount there in basis
    points (1500 = 15 % off);
    points_per_yuan: issuer points a member earns per whole yuan paid at the partner;
    points_spendable: whether issuer points pay at the partner, each worth point_value_fen
    (the same value settles points the partner issued on the issuer's behalf);
    commission_bp: what the partner pays the issuer on a sale to the issuer's member;
    coupon_templates: the issuer's coupon templates (cash kinds) the partner honours.
    """

    issuer: str
    partner: str
    starts_on: date
    discount_bp: Mapping[str, int] = field(default_factory=dict)
    points_per_yuan: int = 0
    points_spendable: bool = False
    point_value_fen: int = 0
    commission_bp: int = 0
    settlement: str = "monthly"
    ends_on: date | None = None
    coupon_templates: tuple[str, ...] = ()

    def in_force(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlaps(self, other: Agreement) -> bool:
        """Same issuer and partner with days in common (two terms for one pair would make the
        benefit and the settlement ambiguous)."""
        if (self.issuer, self.partner) != (other.issuer, other.partner):
            return False
        first_end = self.ends_on or date.max
        other_end = other.ends_on or date.max
        return self.starts_on <= other_end and other.starts_on <= first_end

    def discount_bp_for(self, product_class: str) -> int:
        """The partner discount on a line of this class (0 for a class not listed)."""
        return self.discount_bp.get(product_class, 0)

    def points_earned(self, paid_fen: int) -> int:
        """Issuer points for `paid_fen` at the partner: whole yuan times the rate (rounded
        down, like points at the issuer's own stores)."""
        return (paid_fen // 100) * self.points_per_yuan if paid_fen > 0 else 0

    def commission_fen(self, sale_fen: int) -> int:
        """Commission on a sale (negative for a return), rounded half-up to the fen."""
        magnitude = round_half_up(Decimal(abs(sale_fen)) * self.commission_bp / BASIS_POINTS)
        return magnitude if sale_fen >= 0 else -magnitude

    def to_dict(self) -> dict[str, Any]:
        # coupon_templates only when some are listed: a till older than the field refuses an
        # agreement naming a field it does not know, and would stop honouring the issuer.
        found = self._terms()
        if self.coupon_templates:
            found["coupon_templates"] = list(self.coupon_templates)
        return found

    def _terms(self) -> dict[str, Any]:
        return {"issuer": self.issuer, "partner": self.partner,
                "discount_bp": dict(sorted(self.discount_bp.items())),
                "points_per_yuan": self.points_per_yuan,
                "points_spendable": self.points_spendable,
                "point_value_fen": self.point_value_fen, "commission_bp": self.commission_bp,
                "settlement": self.settlement, "starts_on": self.starts_on.isoformat(),
                "ends_on": self.ends_on.isoformat() if self.ends_on else None}


def parse_agreement(data: Any, path: str = "$") -> Agreement:
    """An Agreement from a JSON/TOML table; AgreementError names every bad field by path."""
    if not isinstance(data, Mapping):
        raise AgreementError([Problem(path, "alliance.not_a_table")])
    problems = [Problem(f"{path}.{key}", "alliance.unknown_field")
                for key in data if key not in _FIELDS]
    reader = _Reader(data, path, problems)
    issuer = reader.merchant("issuer")
    partner = reader.merchant("partner")
    found = Agreement(
        issuer=issuer, partner=partner, starts_on=reader.day("starts_on", required=True)
        or date.min, discount_bp=reader.discounts(),
        points_per_yuan=reader.integer("points_per_yuan", 0, MAX_POINTS_PER_YUAN),
        points_spendable=reader.flag("points_spendable"),
        point_value_fen=reader.integer("point_value_fen", 0, MAX_POINT_VALUE_FEN),
        commission_bp=reader.integer("commission_bp", 0, BASIS_POINTS),
        settlement=reader.settlement(), ends_on=reader.day("ends_on", required=False),
        coupon_templates=reader.templates())
    problems += [Problem(f"{path}.{key}", code) for key, code in rule_problems(found)]
    if problems:
        raise AgreementError(problems)
    return found


def rule_problems(agreement: Agreement) -> list[tuple[str, str]]:
    """(field, code) for rules between fields of an otherwise well-typed agreement."""
    found: list[tuple[str, str]] = []
    if agreement.issuer and agreement.issuer == agreement.partner:
        found.append(("partner", "alliance.same_merchant"))
    points_move = agreement.points_per_yuan > 0 or agreement.points_spendable
    if points_move and agreement.point_value_fen <= 0:
        found.append(("point_value_fen", "alliance.point_value_missing"))
    if agreement.ends_on is not None and agreement.ends_on < agreement.starts_on:
        found.append(("ends_on", "alliance.ends_before_start"))
    return found


class _Reader:
    """Reads fields of one agreement table, adding a Problem for each bad one."""

    def __init__(self, data: Mapping[str, Any], path: str, problems: list[Problem]) -> None:
        self.data, self.path, self.problems = data, path, problems

    def _bad(self, key: str, code: str) -> None:
        self.problems.append(Problem(f"{self.path}.{key}", code))

    def merchant(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            self._bad(key, "alliance.missing_field")
            return ""
        if not isinstance(value, str) or not value.strip() or len(value) > MERCHANT_CODE_MAX:
            self._bad(key, "alliance.bad_merchant_code")
            return ""
        return value.strip()

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.data.get(key, low)
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(key, "alliance.not_an_integer")
            return low
        if not low <= value <= high:
            self._bad(key, "alliance.out_of_range")
            return low
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self._bad(key, "alliance.not_true_or_false")
            return False
        return value

    def day(self, key: str, *, required: bool) -> date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self._bad(key, "alliance.missing_field")
            return None
        if type(value) is date:  # TOML has dates of its own (a datetime is not a day)
            return value
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self._bad(key, "alliance.not_a_date")
        return None

    def settlement(self) -> str:
        value = self.data.get("settlement", "monthly")
        if value not in PERIODS:
            self._bad("settlement", "alliance.period_unsupported")
            return "monthly"
        return str(value)

    def templates(self) -> tuple[str, ...]:
        """Distinct non-empty template codes; each bad one named by its index."""
        value = self.data.get("coupon_templates", [])
        if not isinstance(value, list):
            self._bad("coupon_templates", "alliance.not_a_list")
            return ()
        found: list[str] = []
        for index, code in enumerate(value):
            text = code.strip() if isinstance(code, str) else ""
            if not text or len(text) > TEMPLATE_CODE_MAX or text in found:
                self._bad(f"coupon_templates[{index}]", "alliance.bad_template")
            else:
                found.append(text)
        return tuple(found)

    def discounts(self) -> dict[str, int]:
        value = self.data.get("discount_bp", {})
        if not isinstance(value, Mapping):
            self._bad("discount_bp", "alliance.not_a_table")
            return {}
        found: dict[str, int] = {}
        for name, rate in value.items():
            key = f"discount_bp.{name}"
            token = name.strip().replace("-", "_") if isinstance(name, str) else ""
            if token not in _CLASSES:
                self._bad(key, "alliance.unknown_product_class")
            elif token not in DISCOUNTED_CLASSES:
                self._bad(key, "alliance.class_takes_no_discount")
            elif isinstance(rate, bool) or not isinstance(rate, int):
                self._bad(key, "alliance.not_an_integer")
            elif not 0 <= rate <= BASIS_POINTS:
                self._bad(key, "alliance.out_of_range")
            else:
                found[token] = rate
        return found


def parse_agreements(data: Any, path: str = "$") -> list[Agreement]:
    """`{"agreements": [...]}` (a TOML file's `[[agreements]]`): every problem of every row."""
    rows = data.get("agreements") if isinstance(data, Mapping) else None
    if not isinstance(rows, list) or not rows:
        raise AgreementError([Problem(f"{path}.agreements", "alliance.no_agreements")])
    found: list[Agreement] = []
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        try:
            found.append(parse_agreement(row, f"{path}.agreements[{index}]"))
        except AgreementError as err:
            problems += err.problems
    problems += _overlaps(found, path)
    if problems:
        raise AgreementError(problems)
    return found


def template_problems(agreement: Agreement, templates: Mapping[str, CouponTemplate],
                      path: str) -> list[Problem]:
    """The agreement's coupon templates against the issuer's pack (by code): each must exist
    and be a cash kind, the only kind whose worth at the partner the issuer funded."""
    found: list[Problem] = []
    for index, code in enumerate(agreement.coupon_templates):
        template = templates.get(code)
        where = f"{path}.coupon_templates[{index}]"
        if template is None:
            found.append(Problem(where, "alliance.template_unknown"))
        elif template.kind is not CouponKind.CASH:
            found.append(Problem(where, "alliance.template_not_portable"))
    return found


def _overlaps(agreements: list[Agreement], path: str) -> list[Problem]:
    return [Problem(f"{path}.agreements[{j}].starts_on", "alliance.overlapping_agreement")
            for j, later in enumerate(agreements)
            if any(earlier.overlaps(later) for earlier in agreements[:j])]


@dataclass(frozen=True, slots=True)
class PartnerTerms:
    """An agreement as a partner's till receives it (the `alliance_agreement` item of its
    feed): the terms, and how to know the issuer's cards (their brand `BB`)."""

    id: str
    alliance: str
    issuer_brand: str
    issuer_name: str
    agreement: Agreement


_ENVELOPE = ("id", "alliance", "issuer_brand", "issuer_name")


def partner_terms(data: Any, path: str = "$") -> PartnerTerms:
    """PartnerTerms from the feed item head office publishes; AgreementError names bad fields."""
    if not isinstance(data, Mapping):
        raise AgreementError([Problem(path, "alliance.not_a_table")])
    problems = [Problem(f"{path}.{key}", "alliance.missing_field") for key in _ENVELOPE
                if not isinstance(data.get(key), str) or not data[key]]
    try:
        agreement = parse_agreement({k: v for k, v in data.items() if k not in _ENVELOPE}, path)
    except AgreementError as err:
        problems += err.problems
    if problems:
        raise AgreementError(problems)
    return PartnerTerms(id=data["id"], alliance=data["alliance"],
                        issuer_brand=data["issuer_brand"], issuer_name=data["issuer_name"],
                        agreement=agreement)
