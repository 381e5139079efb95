"""A completed sale as a printable receipt (the device-neutral model of hardware.receipt)."""

from __future__ import annotations

from domain.clock import BusinessDay
from domain.coupons import format_code
from domain.forms import mask_name
from domain.money import format_yuan
from domain.records import Sale, TenderKind
from domain.services.checkout import Completed
from domain.services.returns import Returned
from domain.services.voids import Voided
from hardware.layout import Align
from hardware.receipt import Receipt

# Receipts are printed in the store's language; Chinese is the default (DOMAIN §2).
LABELS: dict[str, dict[str, str]] = {
    "zh": {"receipt": "销售小票", "no": "单号", "time": "时间", "cashier": "收银员",
           "total": "合计", "discount": "优惠", "change": "找零", "member": "会员",
           "earned": "本单积分", "balance": "积分余额", "expiring": "即将过期积分",
           "coupon_won": "赠券", "thanks": "谢谢惠顾，欢迎再次光临", "rounding": "抹零",
           "return": "退货单", "void": "作废单", "original": "原单号", "refund": "退款合计",
           "taken_back": "扣回积分", "approved": "授权", "coupon_used": "用券",
           "coupon_withdrawn": "收回赠券", "tier_back": "会员等级恢复为",
           "card_balance": "卡内余额", "min_spend": "满{amount}可用", "no_minimum": "无门槛",
           "valid_to": "有效期至", "refund_on": "请在{terminal}退款",
           "terminal_bank": "银行卡终端", "terminal_mobile": "移动支付后台",
           "reference": "原交易参考号",
           "coupon_deducted": "已用赠券扣回", "coupon_instead": "改发赠券",
           TenderKind.CASH: "现金", TenderKind.BANK_CARD: "银行卡",
           TenderKind.MOBILE: "移动支付", TenderKind.WALLET: "储值卡",
           TenderKind.POINTS: "积分抵现", TenderKind.COUPON: "代金券"},
    "en": {"receipt": "Sales receipt", "no": "No.", "time": "Time", "cashier": "Cashier",
           "total": "Total", "discount": "Discount", "change": "Change", "member": "Member",
           "earned": "Points earned", "balance": "Points balance",
           "expiring": "Points expiring", "coupon_won": "Coupon", "thanks": "Thank you!",
           "rounding": "Rounding", "return": "Return receipt", "void": "Void receipt",
           "original": "Original",
           "refund": "Refund total", "taken_back": "Points taken back", "approved": "Approved",
           "coupon_used": "Coupon", "coupon_withdrawn": "Coupon withdrawn",
           "coupon_deducted": "Used coupon kept back", "coupon_instead": "Coupon instead",
           "tier_back": "Tier back to", "card_balance": "Card balance",
           "min_spend": "On a spend of {amount}", "no_minimum": "No minimum spend",
           "valid_to": "Valid until", "refund_on": "Refund on the {terminal}",
           "terminal_bank": "bank card terminal", "terminal_mobile": "mobile payment console",
           "reference": "Original reference", TenderKind.CASH: "Cash",
           TenderKind.BANK_CARD: "Bank card",
           TenderKind.MOBILE: "Mobile wallet", TenderKind.WALLET: "Stored value",
           TenderKind.POINTS: "Points", TenderKind.COUPON: "Voucher"},
}


def sale_receipt(done: Completed, store_name: str, cashier: str, calendar: BusinessDay,
                 lang: str = "zh", open_drawer: bool | None = None) -> Receipt:
    """Header, lines with discounts, tenders, member points, coupons won, barcode, cut."""
    t = LABELS.get(lang, LABELS["zh"])
    sale = done.sale
    receipt = Receipt().text(store_name, Align.CENTER, width=2, height=2)
    receipt.text(str(t["receipt"]), Align.CENTER).rule()
    receipt.columns(str(t["no"]), sale.receipt_no)
    receipt.columns(str(t["time"]), calendar.local(sale.at).strftime("%Y-%m-%d %H:%M"))
    receipt.columns(str(t["cashier"]), cashier).rule()
    _lines(receipt, sale, t)
    _tenders(receipt, sale, t)
    _card_balance(receipt, done, t)
    _member(receipt, done, t)
    receipt.barcode(sale.receipt_no).text(str(t["thanks"]), Align.CENTER)
    receipt.cut()
    cash = any(x.kind is TenderKind.CASH for x in sale.tenders)
    if cash if open_drawer is None else open_drawer:
        receipt.kick_drawer()
    return receipt


def return_receipt(done: Returned, store_name: str, cashier: str, calendar: BusinessDay,
                   lang: str = "zh", original_receipt: str | None = None,
                   approved_by: str | None = None) -> Receipt:
    """A return: the goods back, where the money went (original tenders), points taken back;
    a void also lists the coupons it withdrew and the tier it set back."""
    t = LABELS.get(lang, LABELS["zh"])
    sale = done.sale
    receipt = Receipt().text(store_name, Align.CENTER, width=2, height=2)
    title = t["void"] if isinstance(done, Voided) else t["return"]
    receipt.text(str(title), Align.CENTER).rule()
    receipt.columns(str(t["no"]), sale.receipt_no)
    if original_receipt:
        receipt.columns(str(t["original"]), original_receipt)
    receipt.columns(str(t["time"]), calendar.local(sale.at).strftime("%Y-%m-%d %H:%M"))
    receipt.columns(str(t["cashier"]), cashier)
    if approved_by:
        receipt.columns(str(t["approved"]), approved_by)
    receipt.rule()
    for line in sale.lines:
        receipt.columns(f"{line.name} ×{-line.qty}", format_yuan(line.final_fen))
    for code, fen in done.coupons_deducted:  # why the refund is less than the goods
        receipt.columns(f'{t["coupon_deducted"]} {format_code(code)}', format_yuan(fen))
    receipt.rule().amount(str(t["refund"]), -sale.total_fen, bold=True)
    for tender in sale.tenders:
        label = t[tender.kind]
        if tender.kind is TenderKind.POINTS:
            label = f"{label} ({-tender.points})"
        receipt.amount(label, -tender.amount_fen)
    _external_refunds(receipt, sale, t)
    if sale.member_id and (done.points_taken_back or done.points_balance is not None):
        receipt.rule().columns(str(t["taken_back"]), str(done.points_taken_back))
        receipt.columns(str(t["balance"]), str(done.points_balance))
    _won_back(receipt, done, t)
    receipt.barcode(sale.receipt_no).cut()
    return receipt


def _external_refunds(receipt: Receipt, sale: Sale, t: dict[str, str]) -> None:
    """Money going back to a bank card or mobile wallet is not paid out by the till: the
    cashier refunds it on that terminal, against the original payment's reference."""
    terminals = {TenderKind.BANK_CARD: "terminal_bank", TenderKind.MOBILE: "terminal_mobile"}
    for tender in sale.tenders:
        if tender.kind not in terminals or not tender.amount_fen:
            continue
        receipt.rule().text(t["refund_on"].format(terminal=t[terminals[tender.kind]]))
        receipt.amount(str(t[tender.kind]), -tender.amount_fen, bold=True)
        receipt.columns(str(t["reference"]), tender.reference or "—")


def _won_back(receipt: Receipt, done: Returned, t: dict[str, str]) -> None:
    """What the returned or voided sale had won, taken back: the customer sees why the coupon
    no longer scans and why the card shows the old tier."""
    if not done.coupons_withdrawn and not done.coupons_issued and done.tier_change is None:
        return
    receipt.rule()
    for code in done.coupons_withdrawn:
        receipt.columns(str(t["coupon_withdrawn"]), format_code(code))
    for code in done.coupons_issued:
        receipt.columns(str(t["coupon_instead"]), format_code(code))
    if done.tier_change is not None:
        receipt.columns(str(t["tier_back"]), done.tier_change.to_tier)


def _lines(receipt: Receipt, sale: Sale, t: dict[str, str]) -> None:
    for line in sale.lines:
        receipt.columns(f"{line.name} ×{line.qty}", format_yuan(line.list_fen))
        off = line.list_fen - line.final_fen
        if off:
            receipt.columns(f"  {t['discount']}", format_yuan(-off))
    for code in sale.coupons_redeemed:
        receipt.columns(str(t["coupon_used"]), format_code(code))
    if sale.rounding_fen:
        receipt.amount(str(t["rounding"]), -sale.rounding_fen)
    receipt.rule().amount(str(t["total"]), sale.total_fen, bold=True)


def _tenders(receipt: Receipt, sale: Sale, t: dict[str, str]) -> None:
    for tender in sale.tenders:
        label = t[tender.kind]
        if tender.kind is TenderKind.POINTS:
            label = f"{label} ({tender.points})"
        receipt.amount(label, tender.given_fen or tender.amount_fen)
    change = sum(x.change_fen for x in sale.tenders)
    if change:
        receipt.amount(str(t["change"]), change)


def _card_balance(receipt: Receipt, done: Completed, t: dict[str, str]) -> None:
    """Paid from stored value: what is left on the card, as Chinese stored-value tills print."""
    if done.wallet_balance_fen is not None:
        receipt.amount(str(t["card_balance"]), done.wallet_balance_fen)


def _member(receipt: Receipt, done: Completed, t: dict[str, str]) -> None:
    if done.member is None:
        return
    receipt.rule().columns(str(t["member"]), f"{mask_name(done.member.name)} {done.member.tier}")
    receipt.columns(str(t["earned"]), str(done.sale.points_earned))
    receipt.columns(str(t["balance"]), str(done.points_balance))
    for day, points in done.expiring:
        receipt.columns(f"{t['expiring']} {day.isoformat()}", str(points))
    for coupon in done.coupons_issued:
        receipt.rule().columns(str(t["coupon_won"]), format_yuan(coupon.amount_fen))
        spend = (t["min_spend"].format(amount=format_yuan(coupon.min_spend_fen))
                 if coupon.min_spend_fen else t["no_minimum"])
        receipt.columns(spend, f"{t['valid_to']} {coupon.valid_to.isoformat()}")
        receipt.text(format_code(coupon.code), Align.CENTER).qr(coupon.code)
