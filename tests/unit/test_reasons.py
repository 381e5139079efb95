"""Every reason code the domain can write has a label in both report languages (issue 11)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop import report_formats
from domain import reasons
from domain.points_detail import MemberDay, Movement, member_days
from domain.records import PointsEntry

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("code", reasons.ALL)
def test_every_code_has_a_label(code: str, lang: str) -> None:
    label = report_formats.REASONS[lang].get(code)
    assert label, f"{code} has no {lang} label"
    if lang == "zh":
        assert not re.search(r"[a-z_]", label), f"{code}: {label} is not Chinese"


def test_review_bonus_is_not_a_tier_review() -> None:
    assert report_formats.reason_label("review", "zh") == "评价奖励"
    assert report_formats.reason_label("review", "en") == "review bonus"


def _literals(pattern: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "domain").rglob("*.py"):
        found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_the_list_holds_every_code_the_services_write() -> None:
    """Ledger kinds, bonus reasons and coupon reasons written as literals in the domain."""
    kinds = _literals(r'Posting\(\s*[\w.]+,\s*"(\w+)"')
    wallet_only = {"topup", "payment", "close"}
    assert kinds - wallet_only <= set(reasons.POINTS_KINDS)
    bonus = _literals(r'"bonus",[^)]*reason="(\w+)"')
    assert bonus <= set(reasons.BONUS_REASONS)
    coupons = _literals(r'issue_coupon\([^)]*,\s*"(\w+)"\)')
    coupons |= _literals(r'f"(\w+):\{')  # spend_and_get:{sale}, bulk:{segment}, checkin:{event}
    assert coupons & set(reasons.COUPON_REASONS) >= {"signup", "draw", "points", "bulk",
                                                     "spend_and_get", "checkin"}


def _entry(kind: str, points: int, reason: str = "", sale: str | None = None,
           minute: int = 0) -> PointsEntry:
    return PointsEntry(id=f"e{minute}", member_id="m1", kind=kind, points=points,
                       at=datetime(2025, 3, 8, 10, minute, tzinfo=UTC),
                       business_date=date(2025, 3, 8), reason=reason, sale_id=sale)


def test_member_detail_opens_moves_and_closes() -> None:
    entries = [_entry("earn", 425, sale="s1", minute=1), _entry("bonus", 10, "share", minute=2),
               _entry("takeback", -340, sale="r1", minute=3),
               _entry("adjust", -5, "扫码错误", minute=4)]
    days = member_days(entries, {"m1": 100}, {"m1": ("张*", "138****8000")},
                       {"s1": "S001-T01-000001", "r1": "S001-T01-000002"})
    assert days == (MemberDay("m1", "张*", "138****8000", 100, (
        Movement("earn", "", "S001-T01-000001", 425), Movement("bonus", "share", "", 10),
        Movement("takeback", "", "S001-T01-000002", -340),
        Movement("adjust", "扫码错误", "", -5))),)
    assert days[0].closing == 100 + 425 + 10 - 340 - 5
    labels = [report_formats.movement_label(m, "zh") for m in days[0].movements]
    assert labels == ["消费积分", "奖励积分 · 分享", "退货扣回", "手工调整 · 扫码错误"]
