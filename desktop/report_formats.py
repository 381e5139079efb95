"""Reports laid out as documents (reporting.document: CSV, A4 PDF), as text, JSON or a 58/80 mm
receipt (hardware.receipt.Receipt)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.money import format_yuan
from domain.points_detail import Movement
from domain.reports import PointsReport, Statement, ZReport
from domain.services.context import to_wire
from hardware.layout import Align, pad, text_width, two_columns
from hardware.receipt import Receipt
from reporting.document import Doc, Section

FORMATS = ("text", "json", "csv", "pdf", "escpos")

# Reports print in the store's language, like receipts; Chinese is the default.
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "points_title": "每日积分报表", "z_title": "日结报表 (Z)", "statement_title": "会员对账单",
        "store": "门店", "date": "营业日", "printed": "打印时间", "summary": "积分变动",
        "opening": "期初积分", "earned_base": "消费积分(基础)", "earned_multiplier": "倍数奖励",
        "bonus": "奖励积分", "spent": "消费使用", "cash": "积分抵现", "gifts": "兑换礼品",
        "vouchers": "兑换代金券", "draws": "抽奖", "refunded": "退货退还积分",
        "expired": "过期积分", "adjusted_up": "手工调增", "adjusted_down": "手工调减",
        "taken_back": "退货扣回", "imported": "导入期初", "other": "其他", "closing": "期末积分",
        "closing_cash": "期末积分价值", "check": "核对", "balanced": "平衡",
        "unbalanced": "不平衡", "members": "会员", "members_served": "服务会员数",
        "sales": "销售笔数", "member_sales": "会员销售笔数", "cashiers": "收银员",
        "cashier": "收银员", "issued": "发放", "redeemed": "使用", "top": "积分前十",
        "rank": "名次", "name": "姓名", "mobile": "手机", "points": "积分",
        "returns": "退货笔数", "gross": "原价合计", "discounts": "折扣", "coupons": "优惠券抵扣",
        "rounding": "抹零", "sales_total": "销售额", "returns_total": "退货额", "net": "净额",
        "tenders": "收款方式", "tender": "方式", "refunds": "退款", "coupons_redeemed": "用券张数",
        "coupons_issued": "发券", "wallet": "储值", "topups": "充值笔数",
        "topup_principal": "充值本金", "topup_bonus": "充值赠送", "wallet_refunded": "销卡退款",
        "cash_count": "现金核对", "float": "备用金", "expected": "应有现金", "counted": "实点现金",
        "over_short": "长短款", "open_shifts": "未交班", "period": "期间", "card": "卡号",
        "tier": "等级", "balance": "余额", "purchases": "消费记录", "receipt": "单号",
        "amount": "金额", "lots": "积分批次及有效期", "expires": "有效期至", "remaining": "剩余",
        "wallet_principal": "储值本金", "wallet_bonus": "储值赠送", "movements": "积分明细",
        "state": "状态", "valid_to": "有效期至",
        "cash_tender": "现金", "bank_card": "银行卡", "mobile_tender": "移动支付",
        "wallet_tender": "储值卡", "points_tender": "积分抵现", "coupon": "代金券",
        "detail": "会员积分明细", "movement": "变动", "member_opening": "期初",
        "member_closing": "期末",
    },
    "en": {
        "points_title": "Daily points report", "z_title": "Z-report", "statement_title":
        "Member statement", "store": "Store", "date": "Business date", "printed": "Printed",
        "summary": "Points movement", "opening": "Outstanding at open",
        "earned_base": "Earned (base)", "earned_multiplier": "Multiplier bonus",
        "bonus": "Bonus", "spent": "Spent", "cash": "as cash", "gifts": "on gifts",
        "vouchers": "on vouchers", "draws": "on draws", "refunded": "Given back by returns",
        "expired": "Expired", "adjusted_up": "Adjusted up", "adjusted_down": "Adjusted down",
        "taken_back": "Taken back by returns", "imported": "Imported", "other": "Other",
        "closing": "Outstanding at close", "closing_cash": "Cash value at close",
        "check": "Check", "balanced": "adds up", "unbalanced": "DOES NOT ADD UP",
        "members": "Members", "members_served": "Members served", "sales": "Sales",
        "member_sales": "Member sales", "cashiers": "Per cashier", "cashier": "Cashier",
        "issued": "Issued", "redeemed": "Redeemed", "top": "Top 10 earners", "rank": "#",
        "name": "Name", "mobile": "Mobile", "points": "Points", "returns": "Returns",
        "gross": "Gross", "discounts": "Discounts", "coupons": "Coupons",
        "rounding": "Rounding", "sales_total": "Sales", "returns_total": "Returns",
        "net": "Net", "tenders": "Tenders", "tender": "Tender", "refunds": "Refunds",
        "coupons_redeemed": "Coupons redeemed", "coupons_issued": "Coupons issued",
        "wallet": "Stored value", "topups": "Top-ups", "topup_principal": "Top-up principal",
        "topup_bonus": "Top-up bonus", "wallet_refunded": "Wallets refunded",
        "cash_count": "Cash", "float": "Float", "expected": "Expected", "counted": "Counted",
        "over_short": "Over/short", "open_shifts": "Shifts still open", "period": "Period",
        "card": "Card", "tier": "Tier", "balance": "Balance", "purchases": "Purchases",
        "receipt": "Receipt", "amount": "Amount", "lots": "Points lots and expiry",
        "expires": "Expires", "remaining": "Remaining", "wallet_principal": "Wallet principal",
        "wallet_bonus": "Wallet bonus", "movements": "Points movements", "state": "State",
        "valid_to": "Valid to", "cash_tender": "Cash", "bank_card": "Bank card",
        "mobile_tender": "Mobile wallet", "wallet_tender": "Stored value",
        "points_tender": "Points", "coupon": "Voucher", "detail": "Per-member detail",
        "movement": "Movement", "member_opening": "Opening", "member_closing": "Closing",
    },
}
# Why points were given, a discount taken or a coupon issued: the codes the services record,
# named for the reader; a code not listed prints as it is.
# Every code of domain/reasons.py has a label in both languages (tests/unit/test_reasons.py).
REASONS: dict[str, dict[str, str]] = {
    "zh": {"signup": "入会", "referral": "推荐", "birthday": "生日", "checkin": "活动签到",
           "draw": "抽奖", "review": "评价奖励", "share": "分享", "event": "活动",
           "import": "导入", "opening": "期初", "other": "其他", "tier": "会员等级折扣",
           "deposit": "储值折扣", "store": "店内折扣", "campaign_price": "活动价",
           "manual": "手工", "spend_and_get": "满额赠券", "bulk": "批量发券",
           "points": "积分兑换", "seed": "初始余额", "welcome": "欢迎礼",
           "earn": "消费积分", "bonus": "奖励积分", "spend": "积分抵现", "gift": "兑换礼品",
           "voucher": "兑换代金券", "refund": "退货退还", "expire": "过期",
           "adjust": "手工调整", "takeback": "退货扣回"},
    "en": {"signup": "sign-up", "referral": "referral", "birthday": "birthday",
           "checkin": "event check-in", "draw": "lucky draw", "review": "review bonus",
           "share": "sharing", "event": "event", "import": "import", "opening": "opening",
           "other": "other", "tier": "tier", "deposit": "stored value",
           "store": "store discount", "campaign_price": "campaign price", "manual": "manual",
           "spend_and_get": "spend and get", "bulk": "bulk issue", "points": "for points",
           "seed": "opening balance", "welcome": "welcome", "earn": "earned on a sale",
           "bonus": "bonus", "spend": "points as cash", "gift": "gift", "voucher": "voucher",
           "refund": "given back by a return", "expire": "expired", "adjust": "adjustment",
           "takeback": "taken back by a return"},
}


def reason_label(code: str, lang: str) -> str:
    return REASONS.get(lang, REASONS["zh"]).get(code, code)


_TENDER_LABEL = {"cash": "cash_tender", "bank_card": "bank_card", "mobile": "mobile_tender",
                 "wallet": "wallet_tender", "points": "points_tender", "coupon": "coupon"}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])


def signed(points: int) -> str:
    return f"{points:+,}" if points else "0"


def points_doc(report: PointsReport, printed: datetime, lang: str = "zh") -> Doc:
    """The daily points report: the movement from open to close, members, cashiers, top 10."""
    t = labels(lang)
    rows = [(t["opening"], f"{report.opening:,}"),
            (t["earned_base"], signed(report.earned_base)),
            (t["earned_multiplier"], signed(report.earned_multiplier))]
    rows += [(f"{t['bonus']} · {reason_label(reason, lang)}", signed(p))
             for reason, p in report.bonus]
    rows += [(f"{t['spent']} · {t.get(k, k)}", signed(-p)) for k, p in report.spent]
    rows += [(t[name], signed(value)) for name, value in (
        ("refunded", report.refunded), ("expired", -report.expired),
        ("adjusted_up", report.adjusted_up), ("adjusted_down", -report.adjusted_down),
        ("taken_back", -report.taken_back), ("imported", report.imported),
        ("other", report.other))]
    rows += [(t["closing"], f"{report.closing:,}"),
             (t["closing_cash"], format_yuan(report.closing_cash_fen)),
             (t["check"], t["balanced"] if report.adds_up() else t["unbalanced"])]
    members = Section(t["members"], [(t["members_served"], str(report.members_served)),
                                     (t["sales"], str(report.sales)),
                                     (t["member_sales"], str(report.member_sales))])
    cashiers = Section(t["cashiers"], header=(t["cashier"], t["sales"], t["issued"],
                                              t["redeemed"], t["taken_back"]),
                       table=[(c.name, str(c.sales), f"{c.issued:,}", f"{c.redeemed:,}",
                               f"{c.taken_back:,}") for c in report.cashiers])
    top = Section(t["top"], header=(t["rank"], t["name"], t["mobile"], t["points"]),
                  table=[(str(i), e.name, e.mobile, f"{e.points:,}")
                         for i, e in enumerate(report.top_earners, start=1)])
    return Doc(t["points_title"], _meta(t, report.store, report.business_date.isoformat(),
                                        printed),
               [Section(t["summary"], rows), members, cashiers, top, _detail(report, lang)])


def _detail(report: PointsReport, lang: str) -> Section:
    """Each member with a movement that day: opening, every entry with its sale, closing."""
    t = labels(lang)
    table: list[tuple[str, ...]] = []
    for day in report.members:
        table.append((day.name, day.mobile, t["member_opening"], "", f"{day.opening:,}"))
        table += [("", "", movement_label(m, lang), m.receipt_no, signed(m.points))
                  for m in day.movements]
        table.append(("", "", t["member_closing"], "", f"{day.closing:,}"))
    return Section(t["detail"], header=(t["name"], t["mobile"], t["movement"], t["receipt"],
                                        t["points"]), table=table)


def movement_label(movement: Movement, lang: str) -> str:
    """"奖励积分 · 分享"; an adjustment with the manager's words, a gift with its code."""
    kind = reason_label(movement.kind, lang)
    if not movement.reason or movement.kind in ("earn", "spend", "refund", "takeback"):
        return kind
    if movement.kind == "bonus":
        return f"{kind} · {reason_label(movement.reason, lang)}"
    return f"{kind} · {movement.reason}"


def z_doc(report: ZReport, printed: datetime, lang: str = "zh") -> Doc:
    """The Z-report: sales and returns, discounts by kind, tenders, coupons, wallet, cash."""
    t = labels(lang)
    sales = Section(t["sales_total"], [
        (t["sales"], str(report.sales)), (t["returns"], str(report.returns)),
        (t["gross"], format_yuan(report.gross_fen)),
        *[(f"{t['discounts']} · {reason_label(kind, lang)}", format_yuan(-fen))
          for kind, fen in report.discounts],
        (t["coupons"], format_yuan(-report.coupons_fen)),
        (t["rounding"], format_yuan(-report.rounding_fen)),
        (t["sales_total"], format_yuan(report.sales_fen)),
        (t["returns_total"], format_yuan(report.returns_fen)),
        (t["net"], format_yuan(report.net_fen))])
    tenders = Section(t["tenders"], header=(t["tender"], t["sales_total"], t["refunds"], t["net"]),
                      table=[(t[_TENDER_LABEL.get(x.kind, x.kind)] if x.kind in _TENDER_LABEL
                              else x.kind, format_yuan(x.sales_fen), format_yuan(x.refunds_fen),
                              format_yuan(x.net_fen)) for x in report.tenders])
    coupons = Section(t["coupons_issued"], [(t["coupons_redeemed"], str(report.coupons_redeemed))]
                      + [(f"{t['coupons_issued']} · {reason_label(why, lang)}", str(n))
                         for why, n in report.coupons_issued])
    wallet = Section(t["wallet"], [
        (t["topups"], str(report.topups)),
        (t["topup_principal"], format_yuan(report.topup_principal_fen)),
        (t["topup_bonus"], format_yuan(report.topup_bonus_fen)),
        *[(f"{t['topup_principal']} · {t.get(_TENDER_LABEL.get(k, k), k)}", format_yuan(fen))
          for k, fen in report.topups_by_tender],
        (t["wallet_refunded"], format_yuan(report.wallet_refunded_fen))])
    cash = Section(t["cash_count"], [
        (t["expected"], format_yuan(report.expected_cash_fen)),
        (t["counted"], format_yuan(report.counted_cash_fen)),
        (t["over_short"], format_yuan(report.over_short_fen)),
        (t["open_shifts"], str(report.open_shifts))],
        header=(t["cashier"], t["float"], t["expected"], t["counted"], t["over_short"]),
        table=[(s.cashier, format_yuan(s.float_fen), _fen(s.expected_fen), _fen(s.counted_fen),
                _fen(s.over_short_fen)) for s in report.shifts])
    return Doc(t["z_title"], _meta(t, report.store, report.business_date.isoformat(), printed),
               [sales, tenders, coupons, wallet, cash])


def statement_doc(st: Statement, printed: datetime, lang: str = "zh") -> Doc:
    """A member statement: balances, purchases, points movements, lots with expiry, coupons."""
    t = labels(lang)
    head = Section(t["members"], [
        (t["name"], st.member.name), (t["card"], st.card_number or "-"),
        (t["tier"], st.member.tier), (t["points"], f"{st.balances.points:,}"),
        (t["wallet_principal"], format_yuan(st.balances.wallet_principal_fen)),
        (t["wallet_bonus"], format_yuan(st.balances.wallet_bonus_fen))])
    buys = Section(t["purchases"], header=(t["date"], t["receipt"], t["amount"], t["points"]),
                   table=[(s.business_date.isoformat(), s.receipt_no, format_yuan(s.total_fen),
                           str(s.points_earned)) for s in st.purchases])
    moves = Section(t["movements"], header=(t["date"], t["state"], t["points"]),
                    table=[(e.business_date.isoformat(), e.kind, signed(e.points))
                           for e in st.points_entries])
    lots = Section(t["lots"], header=(t["date"], t["expires"], t["remaining"]),
                   table=[(lot.earned_on.isoformat(),
                           lot.expires_on.isoformat() if lot.expires_on else "-",
                           f"{lot.remaining:,}") for lot in st.lots])
    coupons = Section(t["coupon"], header=(t["card"], t["amount"], t["valid_to"], t["state"]),
                      table=[(c.code, format_yuan(c.amount_fen), c.valid_to.isoformat(),
                              c.state.value) for c in st.coupons])
    period = f"{st.since.isoformat()} ~ {st.until.isoformat()}"
    return Doc(t["statement_title"], [(t["period"], period),
                                      (t["printed"], printed.strftime("%Y-%m-%d %H:%M"))],
               [head, buys, moves, lots, coupons])


def _fen(value: int | None) -> str:
    return "-" if value is None else format_yuan(value)


def _meta(t: dict[str, str], store: str, day: str, printed: datetime) -> list[tuple[str, str]]:
    return [(t["store"], store), (t["date"], day),
            (t["printed"], printed.strftime("%Y-%m-%d %H:%M"))]


# --- writers ---------------------------------------------------------------------------------


def as_json(report: PointsReport | ZReport | Statement) -> str:
    """Every figure of the report, plus the derived totals a reader would otherwise redo."""
    data: dict[str, Any] = to_wire(report)
    if isinstance(report, PointsReport):
        data.update(earned=report.earned, bonus_total=report.bonus_total,
                    spent_total=report.spent_total, movement=report.movement,
                    adds_up=report.adds_up())
    if isinstance(report, ZReport):
        data.update(net_fen=report.net_fen, discounts_fen=report.discounts_fen,
                    expected_cash_fen=report.expected_cash_fen,
                    counted_cash_fen=report.counted_cash_fen,
                    over_short_fen=report.over_short_fen)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def as_text(doc: Doc, columns: int = 48) -> str:
    lines = [pad(doc.title, columns, Align.CENTER).rstrip(), "=" * columns]
    lines += [line for label, value in doc.meta for line in two_columns(label, value, columns)]
    for section in doc.sections:
        lines += ["", section.title, "-" * columns]
        lines += [line for label, value in section.rows
                  for line in two_columns(label, value, columns)]
        if section.header:
            lines += _table_lines(section.header, section.table)
    return "\n".join(lines) + "\n"


def _table_lines(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(text_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(pad(cell, w, Align.LEFT if i == 0 else Align.RIGHT)
                      for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in [header, *rows]]


def as_receipt(doc: Doc) -> Receipt:
    """For the 58/80 mm printer: label and value columns; table rows as first cell + rest."""
    receipt = Receipt().text(doc.title, Align.CENTER, width=2, height=2)
    for label, value in doc.meta:
        receipt.columns(label, value)
    for section in doc.sections:
        receipt.rule().text(section.title, bold=True)
        for label, value in section.rows:
            receipt.columns(label, value)
        for row in ([section.header, *section.table] if section.table else []):
            receipt.columns(row[0], " ".join(row[1:]))
    return receipt.feed(2).cut()
