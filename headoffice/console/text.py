"""The console's words in zh_CN (the default) and English: one catalogue, every template and
message takes its text from here by key."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from headoffice.console.alliance_text import ALLIANCE_TEXT
from headoffice.console.ops_text import OPS_TERMS, OPS_TEXT

LANGS = ("zh_CN", "en")
DEFAULT = "zh_CN"

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("开卡总部控制台", "Kaika head-office console"),
    "nav.skip": ("跳到正文", "Skip to content"),
    "nav.terminals": ("门店与终端", "Stores and terminals"),
    "nav.logout": ("退出登录", "Log out"),
    "nav.lang": ("English", "中文"),
    "nav.signed_in": ("已登录：", "Signed in: "),
    "login.title": ("员工登录", "Staff log-in"),
    "login.login": ("账号", "Account"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    "login.failed": ("账号或密码不正确。", "The account or the password is not right."),
    "login.throttled": ("失败次数过多，请 {minutes} 分钟后再试。",
                        "Too many failed attempts: try again in {minutes} minutes."),
    "login.expired": ("会话已过期，请重新登录。", "Your session has ended: log in again."),
    "login.logged_out": ("已退出登录。", "You have logged out."),
    "forbidden.title": ("无权访问", "Not allowed"),
    "forbidden.role": ("您的角色（{role}）不能执行此操作。",
                       "Your role ({role}) may not do this."),
    "forbidden.csrf": ("表单已失效，请返回刷新后重试。",
                       "The form has expired: go back, reload the page and try again."),
    "notfound.title": ("找不到", "Not found"),
    "notfound.text": ("没有这一项：{what}。它可能已被删除，请返回刷新页面。",
                      "There is no {what}: it may have gone; go back and reload the page."),
    "home.title": ("欢迎", "Welcome"),
    "home.nothing": ("您的角色暂时没有可用的页面。", "There is no page for your role yet."),
    "role.admin": ("管理员", "administrator"),
    "role.marketing": ("市场", "marketing"),
    "role.member_service": ("会员服务", "member service"),
    "role.auditor": ("审计", "auditor"),
    "terminals.title": ("门店与终端", "Stores and terminals"),
    "terminals.caption": ("每台收银终端：最后联系时间、未同步笔数与时钟偏差。",
                          "Every till: when head office last heard from it, what it has "
                          "not yet sent, and how far its clock is off."),
    "terminals.none": ("还没有登记的终端。", "No terminal is enrolled yet."),
    "col.store": ("门店", "Store"),
    "col.terminal": ("终端", "Terminal"),
    "col.state": ("状态", "State"),
    "col.last_seen": ("最后联系", "Last seen"),
    "col.unsynced": ("未同步", "Unsynced"),
    "col.skew": ("时钟偏差", "Clock skew"),
    "col.action": ("操作", "Action"),
    "state.online": ("在线", "online"),
    "state.offline": ("离线", "offline"),
    "state.never": ("从未联系", "never seen"),
    "state.revoked": ("已停用", "revoked"),
    "value.unknown": ("未知", "unknown"),
    "skew.flagged": ("（超限）", " (too far)"),
    "action.revoke": ("停用", "Revoke"),
    "action.restore": ("恢复", "Restore"),
    "action.revoke_label": ("停用终端 {store} {code}", "Revoke till {store} {code}"),
    "action.restore_label": ("恢复终端 {store} {code}", "Restore till {store} {code}"),
    "done.revoked": ("终端 {code} 已停用：它的下一次同步将被拒绝。",
                     "Till {code} is revoked: its next sync will be refused."),
    "done.restored": ("终端 {code} 已恢复。", "Till {code} is restored."),
    "stores.title": ("门店", "Stores"),
    "col.name": ("名称", "Name"),
    "col.tills": ("在用终端", "Tills in use"),
    "action.enrol": ("生成登记码", "Make enrolment code"),
    "action.enrol_label": ("为门店 {store} 生成新终端登记码", "Make an enrolment code for a new "
                                                      "till of store {store}"),
    "enrol.made": ("门店 {store} 的一次性登记码（{minutes} 分钟内有效，只显示这一次）：",
                   "One-time enrolment code for store {store} (valid {minutes} minutes, shown "
                   "only now): "),
    "nav.audit": ("审计记录", "Audit trail"),
    "audit.title": ("控制台审计记录", "Console audit trail"),
    "audit.caption": ("最近 {n} 条：每次登录、失败与变更。", "The latest {n}: every log-in, "
                                                      "failure and change."),
    "audit.filter": ("只看账号", "Only the account"),
    "audit.apply": ("筛选", "Filter"),
    "col.at": ("时间", "Time"),
    "col.login": ("账号", "Account"),
    "col.client": ("来源地址", "Client address"),
    "col.what": ("事件", "Event"),
    "col.target": ("对象", "Target"),
    "col.detail": ("说明", "Detail"),
    "nav.members": ("会员", "Members"),
    "members.title": ("会员查询", "Find a member"),
    "members.query": ("手机号、手机尾号、卡号或姓名",
                      "Mobile, its last 4 digits, card number or name"),
    "members.query_hint": ("输入 4 位数字按手机尾号查，11 位按手机号，其他数字按卡号，文字按姓名。",
                           "4 digits search the mobile's last digits, 11 the whole mobile, "
                           "other digits a card number, and words a name."),
    "members.search": ("查询", "Search"),
    "members.none": ("没有找到会员（按{kind}）。", "No member found (by {kind})."),
    "members.found": ("找到 {n} 位会员（按{kind}）。", "{n} members found (by {kind})."),
    "members.more": ("只显示前 {n} 位，请输入更完整的信息。",
                     "Only the first {n} are shown: search with more of it."),
    "kind.tail": ("手机尾号", "the mobile's last digits"),
    "kind.mobile": ("手机号", "mobile"),
    "kind.card": ("卡号", "card number"),
    "kind.name": ("姓名", "name"),
    "col.member_name": ("姓名", "Name"),
    "col.mobile": ("手机号", "Mobile"),
    "col.tier": ("等级", "Tier"),
    "col.home_store": ("开卡门店", "Home store"),
    "col.gender": ("性别", "Gender"),
    "col.birthday": ("生日", "Birthday"),
    "col.joined": ("入会时间", "Joined"),
    "col.points": ("积分", "Points"),
    "col.principal": ("储值本金（元）", "Stored value, principal (yuan)"),
    "col.bonus": ("储值赠送（元）", "Stored value, bonus (yuan)"),
    "col.last_day": ("有效期至", "Valid until"),
    "col.kind": ("类型", "Kind"),
    "col.tender": ("支付方式", "Tender"),
    "col.card": ("卡号", "Card number"),
    "col.coupon": ("券码", "Coupon code"),
    "col.template": ("券模板", "Coupon template"),
    "col.valid_until": ("有效期至", "Valid until"),
    "col.sales": ("交易笔数", "Sales"),
    "col.last_visit": ("最近到店", "Last visit"),
    "value.no_name": ("（未填姓名）", "(no name)"),
    "member.title": ("会员", "Member"),
    "member.back": ("返回会员查询", "Back to the member search"),
    "member.audited": ("查看会员资料会记入审计记录。", "Viewing a member's record is audited."),
    "member.lag": ("数据来自只读副本，约 {s} 秒前。", "Read from a replica, about {s} s behind."),
    "member.since": ("自 {day}", "since {day}"),
    "member.profile": ("资料", "Profile"),
    "member.balances": ("余额", "Balances"),
    "member.lots": ("积分批次（按到期日）", "Points lots, by the last day they are valid"),
    "member.points_entries": ("最近 {n} 条积分流水。", "The latest {n} points entries."),
    "member.wallet_entries": ("最近 {n} 条储值流水。", "The latest {n} stored-value entries."),
    "member.cards": ("会员卡", "Cards"),
    "member.coupons": ("优惠券", "Coupons"),
    "member.visits": ("到访门店", "Stores visited"),
    "member.cases": ("对账案件", "Reconciliation cases"),
    "col.opened": ("开立时间", "Opened"),
    "col.amount": ("金额（积分或分）", "Amount (points or fen)"),
    "member.empty": ("无", "None"),
    "time.utc_note": ("时间为北京时间。", "Times are Beijing time."),
}
TEXT |= ALLIANCE_TEXT  # the alliance pages' words live beside them


# The codes a member's record shows (ledger kinds, card and coupon states, cases), by group:
# `term(group, code)` in the templates; a code not listed here shows as itself.
TERMS: dict[str, tuple[str, str]] = {
    "points:earn": ("消费积分", "earned"), "points:bonus": ("奖励积分", "bonus"),
    "points:spend": ("积分抵现", "spent"), "points:gift": ("兑换礼品", "gift"),
    "points:voucher": ("兑换礼券", "voucher"), "points:draw": ("抽奖", "lucky draw"),
    "points:refund": ("退货退回", "returned"), "points:expire": ("过期", "expired"),
    "points:adjust": ("调整", "adjusted"), "points:takeback": ("退货扣回", "taken back"),
    "points:import": ("期初导入", "opening balance"), "points:seed": ("示范数据", "demo data"),
    "wallet:topup": ("充值", "top-up"), "wallet:spend": ("消费", "spent"),
    "wallet:refund": ("退款", "refunded"), "wallet:close": ("退卡", "closed"),
    "wallet:import": ("期初导入", "opening balance"), "wallet:adjust": ("调整", "adjusted"),
    "wallet:bonus": ("赠送", "bonus"), "wallet:seed": ("示范数据", "demo data"),
    "card:issued": ("已发卡", "issued"), "card:active": ("使用中", "in use"),
    "card:lost": ("已挂失", "reported lost"), "card:replaced": ("已换卡", "replaced"),
    "card:closed": ("已注销", "closed"),
    "coupon:issued": ("未使用", "not used"), "coupon:redeemed": ("已使用", "used"),
    "coupon:expired": ("已过期", "expired"), "coupon:void": ("已作废", "void"),
    "case:points.overdraft": ("积分透支", "points overdraft"),
    "case:wallet.overdraft": ("储值透支", "stored value overdraft"),
    "case:open": ("待处理", "open"), "case:resolved": ("已处理", "resolved"),
}

TEXT.update(OPS_TEXT)  # the work pages' words (cases, corrections...) kept in their own module
TERMS.update(OPS_TERMS)


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **figures)` in `lang` over the console's catalogue."""
    return translator_over(TEXT, lang)


def translator_over(catalogue: Mapping[str, tuple[str, str]],
                    lang: str) -> Callable[..., str]:
    """`t(key, **figures)` in `lang` over `catalogue`; a key it lacks shows as itself."""
    index = LANGS.index(lang) if lang in LANGS else 0

    def t(key: str, **figures: object) -> str:
        pair = catalogue.get(key)
        text = pair[index] if pair else key
        return text.format(**figures) if figures else text

    return t


def term_of(lang: str) -> Callable[[str, object], str]:
    """`term(group, code)` in `lang`: a stored code as a person reads it, else the code."""
    index = LANGS.index(lang) if lang in LANGS else 0

    def term(group: str, code: object) -> str:
        pair = TERMS.get(f"{group}:{code}")  # ":": never an event type's spelling
        return pair[index] if pair else str(code)

    return term
