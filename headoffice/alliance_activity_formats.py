"""The alliance activity report (rule 5) as text and CSV, in Chinese or English."""

from __future__ import annotations

import io
from typing import Any

from domain import spreadsheet
from domain.money import format_yuan
from headoffice.alliance_activity import FIGURES, OURS, THEIRS

LABELS: dict[str, dict[str, str]] = {
    "zh": {"title": "联盟往来报表", "alliance": "联盟", "merchant": "商户", "range": "日期",
           OURS: "本商户会员在合作商户的消费", THEIRS: "合作商户会员在本商户的消费",
           "counterparty": "合作商户", "total": "合计", "none": "无",
           "sales": "消费笔数", "returns": "退货笔数", "sale_fen": "消费金额",
           "points_earned": "获得积分", "points_spends": "积分支付笔数",
           "points_spent": "使用积分", "commission_fen": "佣金", "coupons": "核销券数",
           "coupon_fen": "券面金额"},
    "en": {"title": "Alliance activity", "alliance": "Alliance", "merchant": "Merchant",
           "range": "Days", OURS: "Our members at partners",
           THEIRS: "Partners' members at our stores", "counterparty": "Partner",
           "total": "Total", "none": "none", "sales": "Sales", "returns": "Returns",
           "sale_fen": "Bought", "points_earned": "Points earned",
           "points_spends": "Paid with points", "points_spent": "Points spent",
           "commission_fen": "Commission", "coupons": "Coupons redeemed",
           "coupon_fen": "Coupon value"},
}
CSV_HEADER = ("direction", "counterparty", "counterparty_name", *FIGURES)


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])


def shown(key: str, value: int) -> str:
    """A figure as a reader takes it: fen as ￥ yuan, counts and points as numbers."""
    return format_yuan(value) if key.endswith("_fen") else f"{value:,}"


def as_text(report: dict[str, Any], lang: str = "zh") -> str:
    """Head, then for each direction one block per partner and the total."""
    t = labels(lang)
    out = [t["title"], "=" * 40,
           f"{t['alliance']}: {report['alliance']}",
           f"{t['merchant']}: {report['merchant']} {report['merchant_name']}".rstrip(),
           f"{t['range']}: {report['from']} ~ {report['to']}"]
    for side in (OURS, THEIRS):
        out += ["", t[side], "-" * 40]
        if not report[side]:
            out.append(t["none"])
        for row in [*report[side], {"counterparty": t["total"], "name": "",
                                    **report[f"{side}_total"]}]:
            out.append(f"{row['counterparty']} {row['name']}".rstrip())
            out += [f"  {t[key]}: {shown(key, row[key])}" for key in FIGURES]
    return "\n".join(out) + "\n"


def as_csv(report: dict[str, Any]) -> str:
    """A head row, then one row per direction and partner (`total` rows last in each
    direction); fen as integers. BOM for Excel, formula-safe cells."""
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer, lineterminator="\r\n")
    writer.writerow(["alliance", report["alliance"], "merchant", report["merchant"], "from",
                     report["from"], "to", report["to"]])
    writer.writerow(CSV_HEADER)
    for side in (OURS, THEIRS):
        writer.writerows([side, row["counterparty"], row["name"], *(row[k] for k in FIGURES)]
                         for row in report[side])
        writer.writerow([side, "total", "", *(report[f"{side}_total"][k] for k in FIGURES)])
    return "\ufeff" + buffer.getvalue()
