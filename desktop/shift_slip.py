"""The shift slip (交班单) printed when a drawer is counted: what went through it, and the count."""

from __future__ import annotations

from domain.clock import BusinessDay
from domain.money import format_yuan
from domain.services.shift_slip import ShiftFigures
from hardware.layout import Align
from hardware.receipt import Receipt

LABELS: dict[str, dict[str, str]] = {
    "zh": {"title": "交班单", "cashier": "收银员", "day": "营业日", "opened": "开班",
           "closed": "交班", "sales": "销售", "returns": "退货", "count": "{n}笔",
           "tenders": "收款方式", "cash": "现金", "bank_card": "银行卡", "mobile": "移动支付",
           "wallet": "储值卡", "points": "积分抵现", "coupon": "代金券",
           "topups": "储值充值(现金)", "wallet_refunds": "储值退款(现金)", "float": "备用金",
           "expected": "应有现金", "counted": "实点现金", "over_short": "长短款",
           "sign": "收银员签字", "checked": "主管签字"},
    "en": {"title": "Shift slip", "cashier": "Cashier", "day": "Business date",
           "opened": "Opened", "closed": "Closed", "sales": "Sales", "returns": "Returns",
           "count": "{n}", "tenders": "By tender", "cash": "Cash", "bank_card": "Bank card",
           "mobile": "Mobile wallet", "wallet": "Stored value", "points": "Points",
           "coupon": "Voucher", "topups": "Top-ups (cash)",
           "wallet_refunds": "Wallet refunds (cash)",
           "float": "Float", "expected": "Expected cash", "counted": "Counted cash",
           "over_short": "Over/short", "sign": "Cashier", "checked": "Supervisor"},
}


def shift_slip(f: ShiftFigures, store_name: str, calendar: BusinessDay,
               lang: str = "zh") -> Receipt:
    """Header, sales and returns, tenders, cash at the desk, the drawer count, signatures."""
    t = LABELS.get(lang, LABELS["zh"])
    shift = f.shift
    receipt = Receipt().text(store_name, Align.CENTER, width=2, height=2)
    receipt.text(t["title"], Align.CENTER, bold=True).rule()
    receipt.columns(t["cashier"], f.cashier)
    receipt.columns(t["day"], shift.business_date.isoformat())
    for label, at in (("opened", shift.opened_at), ("closed", shift.closed_at)):
        if at is not None:
            receipt.columns(t[label], calendar.local(at).strftime("%Y-%m-%d %H:%M"))
    receipt.rule()
    receipt.columns(f"{t['sales']} {t['count'].format(n=f.sales)}", format_yuan(f.sales_fen))
    receipt.columns(f"{t['returns']} {t['count'].format(n=f.returns)}",
                    format_yuan(f.returns_fen))
    receipt.rule().text(t["tenders"])
    for kind, fen in f.tenders:
        receipt.amount(f"  {t.get(kind, kind)}", fen)
    receipt.amount(t["topups"], f.cash_topups_fen)
    receipt.amount(t["wallet_refunds"], f.cash_wallet_refunds_fen)
    _count(receipt, f, t)
    return receipt.cut()


def _count(receipt: Receipt, f: ShiftFigures, t: dict[str, str]) -> None:
    shift = f.shift
    receipt.rule().amount(t["float"], shift.float_fen)
    if shift.expected_fen is not None and shift.counted_fen is not None:
        receipt.amount(t["expected"], shift.expected_fen, bold=True)
        receipt.amount(t["counted"], shift.counted_fen, bold=True)
        over = shift.counted_fen - shift.expected_fen
        receipt.columns(t["over_short"], ("+" if over > 0 else "") + format_yuan(over))
    receipt.rule().text(f"{t['sign']}:").text("").text(f"{t['checked']}:").text("")
