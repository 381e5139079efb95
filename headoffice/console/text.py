"""The console's words in zh_CN (the default) and English: one catalogue, every template and
message takes its text from here by key."""

from __future__ import annotations

from collections.abc import Callable

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
    "time.utc_note": ("时间为北京时间。", "Times are Beijing time."),
}


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **figures)` in `lang`; a key the catalogue lacks shows as itself."""
    index = LANGS.index(lang) if lang in LANGS else 0

    def t(key: str, **figures: object) -> str:
        pair = TEXT.get(key)
        text = pair[index] if pair else key
        return text.format(**figures) if figures else text

    return t
