"""The words of the console's work pages (cases, member corrections), zh_CN and English;
text.py folds them into its one catalogue."""

from __future__ import annotations

OPS_TEXT: dict[str, tuple[str, str]] = {
    "nav.cases": ("对账案件", "Cases"),
    "cases.title": ("对账案件", "Reconciliation cases"),
    "cases.filter": ("状态", "Status"),
    "cases.apply": ("筛选", "Filter"),
    "cases.status.open": ("待处理", "open"),
    "cases.status.resolved": ("已处理", "resolved"),
    "cases.status.all": ("全部", "all"),
    "cases.caption": ("{status}的案件，最早的在前（最多 {n} 件）。",
                      "Cases {status}, the oldest first (at most {n})."),
    "cases.none": ("没有这种状态的案件。", "No case with that status."),
    "cases.open_label": ("查看案件 {kind}，{at}", "Open the case {kind} of {at}"),
    "col.case": ("案件", "Case"),
    "col.member": ("会员", "Member"),
    "col.resolved": ("处理时间", "Resolved"),
    "col.resolved_by": ("处理人", "Resolved by"),
    "col.note": ("处理说明", "Note"),
    "col.event": ("事件编号", "Event"),
    "col.sale": ("交易编号", "Sale"),
    "col.amount_plain": ("数量", "Amount"),
    "case.title": ("对账案件", "Reconciliation case"),
    "case.back": ("返回案件列表", "Back to the cases"),
    "case.facts": ("概况", "Facts"),
    "case.items": ("逐笔透支", "The shortfalls, one by one"),
    "case.details": ("详情", "Details"),
    "case.amount_fen": ("{yuan} 元", "{yuan} yuan"),
    "case.amount_points": ("{n} 积分", "{n} points"),
    "case.amount_count": ("{n}", "{n}"),
    "case.resolve": ("处理并关闭案件", "Resolve the case"),
    "case.note": ("处理说明（必填，会记入审计）", "Note (required; it goes in the audit trail)"),
    "case.note_hint": ("例如：已与会员联系，差额已在门店补齐。",
                       "For example: called the member, who paid the difference in store."),
    "case.resolve_submit": ("确认处理", "Resolve"),
    "case.done": ("案件已处理；会员的离线限制将在各收银台下次同步时解除。",
                  "The case is resolved; the member's offline block lifts at every till's "
                  "next sync."),
    "case.overdraft_hint": ("此案件未处理前，该会员在任何门店都不能离线消费积分或储值。",
                            "While this case is open the member may not spend points or stored "
                            "value offline at any store."),
    "err.case.note_required": ("请填写处理说明。", "Write a note on how the case was settled."),
    "err.case.note_invalid": ("处理说明最多 {max} 个字符，且不能含控制字符。",
                              "The note is at most {max} characters, with no control "
                              "characters."),
    "err.case.already_resolved": ("该案件已经处理过了。", "That case is already resolved."),
}

# Stored codes shown in words (`term(group, code)`); the cases' kinds beyond the overdrafts.
OPS_TERMS: dict[str, tuple[str, str]] = {
    "case:coupon.double_redeemed": ("优惠券重复核销", "coupon used twice"),
    "case:member.mobile_conflict": ("手机号冲突", "mobile conflict"),
    "case:terminal.seq_reused": ("终端序号重复", "till numbers reused"),
    "case:card.duplicate_number": ("卡号重复", "card number duplicated"),
    "case:card.not_allotted": ("卡号不在分配范围", "card number not allotted"),
    "case:tenancy.refused": ("跨商户数据被拒", "another merchant's data refused"),
    "case:tenancy.named_by_other": ("被其他商户引用", "named by another merchant"),
    "case:terminal.chain_truncated": ("审计链被截断", "audit chain truncated"),
    "case:terminal.chain_rewritten": ("审计链被改写", "audit chain rewritten"),
    "case:terminal.outbox_rewound": ("发件箱回退", "outbox went back"),
    "case:event.unstorable": ("无法保存的事件", "event could not be stored"),
}
