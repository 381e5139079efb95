"""Front-desk slips for the printer: top-up, wallet closing, gift, voucher, prize, check-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.clock import BusinessDay
from domain.coupons import format_code
from domain.forms import mask_name
from domain.records import Balances, Coupon, Gift, Member
from hardware.layout import Align
from hardware.receipt import Receipt

# Slips are printed in the store's language, Chinese by default, like sale receipts.
LABELS: dict[str, dict[str, str]] = {
    "zh": {"topup": "储值充值", "close": "储值退卡", "gift": "积分兑换礼品",
           "voucher": "积分兑换代金券", "draw": "幸运大转盘", "checkin": "活动签到",
           "time": "时间", "staff": "经办", "member": "会员", "card": "卡号",
           "principal": "充值本金", "bonus": "赠送金额", "credited": "到账合计",
           "tender": "支付方式", "balance": "储值余额", "of_bonus": "其中赠送",
           "refund": "退还本金", "forfeit": "赠送作废", "approved": "授权",
           "points_spent": "扣除积分", "points_balance": "积分余额", "points_won": "获得积分",
           "prize": "奖品", "coupon": "代金券", "valid_to": "有效期至", "event": "活动",
           "sign": "会员签字：", "cash": "现金", "bank_card": "银行卡", "mobile": "移动支付",
           "thanks": "谢谢参与", "welcome": "欢迎光临"},
    "en": {"topup": "Stored value top-up", "close": "Stored value closed",
           "gift": "Gift for points", "voucher": "Voucher for points", "draw": "Lucky draw",
           "checkin": "Event check-in", "time": "Time", "staff": "Staff", "member": "Member",
           "card": "Card", "principal": "Top-up", "bonus": "Bonus", "credited": "Credited",
           "tender": "Paid by", "balance": "Balance", "of_bonus": "of which bonus",
           "refund": "Principal refunded", "forfeit": "Bonus forfeited",
           "approved": "Approved", "points_spent": "Points spent",
           "points_balance": "Points balance", "points_won": "Points won", "prize": "Prize",
           "coupon": "Voucher", "valid_to": "Valid to", "event": "Event",
           "sign": "Member's signature:", "cash": "Cash", "bank_card": "Bank card",
           "mobile": "Mobile wallet", "thanks": "Better luck next time",
           "welcome": "Welcome"},
}


@dataclass(frozen=True, slots=True)
class SlipHead:
    """Who, where and when: the same top on every front-desk slip."""

    store_name: str
    staff_name: str
    at: datetime
    calendar: BusinessDay
    member: Member
    card_number: str | None = None
    lang: str = "zh"

    @property
    def labels(self) -> dict[str, str]:
        return LABELS.get(self.lang, LABELS["zh"])


def _start(head: SlipHead, title_key: str) -> Receipt:
    t = head.labels
    receipt = Receipt().text(head.store_name, Align.CENTER, width=2, height=2)
    receipt.text(t[title_key], Align.CENTER).rule()
    receipt.columns(t["time"], head.calendar.local(head.at).strftime("%Y-%m-%d %H:%M"))
    receipt.columns(t["staff"], head.staff_name)
    receipt.columns(t["member"], f"{mask_name(head.member.name)} {head.member.tier}")
    if head.card_number:
        receipt.columns(t["card"], f"****{head.card_number[-4:]}")
    return receipt.rule()


def _wallet(receipt: Receipt, t: dict[str, str], balances: Balances) -> None:
    total = balances.wallet_principal_fen + balances.wallet_bonus_fen
    receipt.amount(t["balance"], total, bold=True)
    receipt.amount(f"  {t['of_bonus']}", balances.wallet_bonus_fen)


def topup_slip(head: SlipHead, principal_fen: int, bonus_fen: int, tender: str,
               balances: Balances) -> Receipt:
    """Principal and bonus on their own lines, then the balance; the drawer opens for cash."""
    t = head.labels
    receipt = _start(head, "topup")
    receipt.amount(t["principal"], principal_fen)
    receipt.amount(t["bonus"], bonus_fen)
    receipt.amount(t["credited"], principal_fen + bonus_fen, bold=True)
    receipt.columns(t["tender"], t.get(tender, tender)).rule()
    _wallet(receipt, t, balances)
    receipt.feed().text(t["sign"]).feed(2).cut()
    if tender == "cash":
        receipt.kick_drawer()
    return receipt


def close_slip(head: SlipHead, refund_fen: int, forfeit_fen: int, manager_name: str) -> Receipt:
    """Closing a wallet: principal paid back in cash, bonus forfeited, who approved."""
    t = head.labels
    receipt = _start(head, "close")
    receipt.amount(t["refund"], refund_fen, bold=True)
    receipt.amount(t["forfeit"], forfeit_fen)
    receipt.columns(t["tender"], t["cash"])
    receipt.columns(t["approved"], manager_name)
    receipt.feed().text(t["sign"]).feed(2).cut()
    return receipt.kick_drawer()


def gift_slip(head: SlipHead, gift: Gift, points_balance: int) -> Receipt:
    t = head.labels
    receipt = _start(head, "gift")
    receipt.columns(t["prize"], gift.name, bold=True)
    receipt.columns(t["points_spent"], str(gift.points_price))
    receipt.columns(t["points_balance"], str(points_balance))
    return receipt.feed().text(t["sign"]).feed(2).cut()


def voucher_slip(head: SlipHead, coupon: Coupon, points_spent: int,
                 points_balance: int) -> Receipt:
    t = head.labels
    receipt = _start(head, "voucher")
    receipt.columns(t["points_spent"], str(points_spent))
    receipt.columns(t["points_balance"], str(points_balance))
    _coupon(receipt, t, coupon)
    return receipt.cut()


def prize_slip(head: SlipHead, prize_name: str | None, points_won: int,
               coupon: Coupon | None) -> Receipt:
    """What the wheel gave; a coupon prize with its code to scan at the till."""
    t = head.labels
    receipt = _start(head, "draw")
    receipt.text(prize_name or t["thanks"], Align.CENTER, width=2, height=2)
    if points_won:
        receipt.columns(t["points_won"], str(points_won))
    if coupon is not None:
        _coupon(receipt, t, coupon)
    return receipt.cut()


def checkin_slip(head: SlipHead, event: str, coupon: Coupon | None,
                 bonus_points: int) -> Receipt:
    t = head.labels
    receipt = _start(head, "checkin")
    receipt.columns(t["event"], event)
    receipt.text(t["welcome"], Align.CENTER, width=2, height=2)
    if bonus_points:
        receipt.columns(t["points_won"], str(bonus_points))
    if coupon is not None:
        _coupon(receipt, t, coupon)
    return receipt.cut()


def _coupon(receipt: Receipt, t: dict[str, str], coupon: Coupon) -> None:
    receipt.rule().amount(t["coupon"], coupon.amount_fen, bold=True)
    receipt.columns(t["valid_to"], coupon.valid_to.isoformat())
    receipt.text(format_code(coupon.code), Align.CENTER).qr(coupon.code)
