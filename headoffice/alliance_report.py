"""A merchant's alliance statement as text (for the screen and the printer), as CSV, and as a
document (reporting.document) for the A4 PDF."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from domain import spreadsheet
from domain.money import format_yuan
from headoffice.alliance import ALLIANCE_TZ
from reporting.document import Doc, Section

# Statements print in Chinese by default, English on request, like the store reports.
LABELS: dict[str, dict[str, str]] = {
    "zh": {"title": "联盟结算单", "alliance": "联盟", "merchant": "商户", "period": "结算期",
           "status": "状态", "closed": "已结算", "provisional": "未结算(暂计)",
           "receivable": "应收", "payable": "应付", "net": "净额", "by_partner": "按合作商户",
           "lines": "明细", "by_kind": "按类型", "count": "笔数", "kind": "类型",
           "counterparty": "对方商户", "source": "来源单据",
           "points": "积分", "amount": "金额", "entry": "条目",
           "points_issued_by_partner": "合作方代发积分",
           "points_spent_at_partner": "在合作方使用积分",
           "coupon_funded_redeemed": "出资券被核销", "commission": "佣金",
           "totals": "合计"},
    "en": {"title": "Alliance statement", "alliance": "Alliance", "merchant": "Merchant",
           "period": "Period", "status": "Status", "closed": "closed",
           "provisional": "provisional (not closed)", "receivable": "Receivable",
           "payable": "Payable", "net": "Net", "by_partner": "By partner", "lines": "Lines",
           "by_kind": "By kind", "count": "lines",
           "kind": "Kind", "counterparty": "Counterparty", "source": "Source",
           "points": "Points", "amount": "Amount", "entry": "Entry",
           "points_issued_by_partner": "points issued by partner",
           "points_spent_at_partner": "points spent at partner",
           "coupon_funded_redeemed": "coupon funded, redeemed", "commission": "commission",
           "totals": "Totals"},
}
CSV_HEADER = ("row", "counterparty", "kind", "source", "entry_id", "points", "amount_fen",
              "amount")


def _labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])


def _closed(st: dict[str, Any]) -> str:
    """When the period closed, in the alliance's local time (as the merchants read it)."""
    closed = st.get("closed_at")
    return closed.astimezone(ALLIANCE_TZ).isoformat(timespec="seconds") if closed else ""


def _status(st: dict[str, Any], t: dict[str, str]) -> str:
    return f"{t['closed']} {_closed(st)}" if st.get("closed_at") else t["provisional"]


def by_counterparty(st: dict[str, Any]) -> list[tuple[str, int]]:
    totals: dict[str, int] = defaultdict(int)
    for line in st["lines"]:
        totals[line["counterparty"]] += line["amount_fen"]
    return sorted(totals.items())


def by_kind(st: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """(kind, lines, points, amount) for each kind of entry on the statement."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for line in st["lines"]:
        found = totals[line["kind"]]
        found[0] += 1
        found[1] += line["points"]
        found[2] += line["amount_fen"]
    return [(kind, v[0], v[1], v[2]) for kind, v in sorted(totals.items())]


def as_text(st: dict[str, Any], lang: str = "zh") -> str:
    """Head, totals, net per partner, then every line with its source."""
    t = _labels(lang)
    out = [t["title"], "=" * 40]
    out += [f"{t[key]}: {value}" for key, value in (
        ("alliance", st["alliance"]), ("merchant", st["merchant"]), ("period", st["period"]),
        ("status", _status(st, t)))]
    out += ["", *(f"{t[key]}: {format_yuan(st[f'{key}_fen'])}"
                  for key in ("receivable", "payable", "net"))]
    out += ["", t["by_partner"], "-" * 40]
    out += [f"{code}  {format_yuan(amount)}" for code, amount in by_counterparty(st)]
    out += ["", t["by_kind"], "-" * 40]
    out += [f"{t.get(kind, kind)}  {t['count']} {count}  {t['points']} {points}  "
            f"{format_yuan(amount)}" for kind, count, points, amount in by_kind(st)]
    out += ["", t["lines"], "-" * 40]
    out += [f"{line['counterparty']}  {t.get(line['kind'], line['kind'])}  {line['source']}  "
            f"{t['points']} {line['points']}  {format_yuan(line['amount_fen'])}"
            for line in st["lines"]]
    return "\n".join(out) + "\n"


def as_csv(st: dict[str, Any]) -> str:
    """One row per line (`row` = line), per kind (`kind_total`: the count of lines in the
    entry_id column), per counterparty (`partner_total`), then the receivable, payable and
    net; fen as integers and as yuan. BOM for Excel."""
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer, lineterminator="\r\n")
    writer.writerow(["alliance", st["alliance"], "merchant", st["merchant"], "period",
                     st["period"], "closed_at", _closed(st)])
    writer.writerow(CSV_HEADER)
    writer.writerows(["line", ln["counterparty"], ln["kind"], ln["source"], ln["entry_id"],
                      ln["points"], ln["amount_fen"], format_yuan(ln["amount_fen"])]
                     for ln in st["lines"])
    writer.writerows(["kind_total", "", kind, "", count, points, amount, format_yuan(amount)]
                     for kind, count, points, amount in by_kind(st))
    writer.writerows(["partner_total", code, "", "", "", "", amount, format_yuan(amount)]
                     for code, amount in by_counterparty(st))
    writer.writerows([key, "", "", "", "", "", st[f"{key}_fen"], format_yuan(st[f"{key}_fen"])]
                     for key in ("receivable", "payable", "net"))
    return "\ufeff" + buffer.getvalue()


def statement_doc(st: dict[str, Any], lang: str = "zh") -> Doc:
    """The statement laid out for the PDF: head, totals, net per partner, per kind, and every
    line with its source (the sale or ledger entry it came from)."""
    t = _labels(lang)
    meta = [(t[key], value) for key, value in (
        ("alliance", st["alliance"]), ("merchant", st["merchant"]), ("period", st["period"]),
        ("status", _status(st, t)))]
    totals = Section(t["totals"], [(t[key], format_yuan(st[f"{key}_fen"]))
                                   for key in ("receivable", "payable", "net")])
    partners = Section(t["by_partner"], header=(t["counterparty"], t["amount"]),
                       table=[(code, format_yuan(amount))
                              for code, amount in by_counterparty(st)])
    kinds = Section(t["by_kind"], header=(t["kind"], t["count"], t["points"], t["amount"]),
                    table=[(t.get(kind, kind), str(count), f"{points:,}", format_yuan(amount))
                           for kind, count, points, amount in by_kind(st)])
    lines = Section(t["lines"], header=(t["source"], t["counterparty"], t["kind"],
                                        t["points"], t["amount"]),
                    table=[(ln["source"], ln["counterparty"], t.get(ln["kind"], ln["kind"]),
                            f"{ln['points']:,}", format_yuan(ln["amount_fen"]))
                           for ln in st["lines"]])
    return Doc(t["title"], meta, [totals, partners, kinds, lines])
