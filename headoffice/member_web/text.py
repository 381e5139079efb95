"""The member page's words in zh_CN (the default) and English: every template and message
takes its text from here by key."""

from __future__ import annotations

from collections.abc import Callable

from headoffice.console.text import LANGS, translator_over

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("会员中心", "Member centre"),
    "nav.skip": ("跳到正文", "Skip to content"),
    "nav.lang": ("English", "中文"),
    "nav.logout": ("退出", "Log out"),
    "login.title": ("会员登录", "Member log-in"),
    "login.mobile": ("手机号", "Mobile number"),
    "login.send": ("获取验证码", "Send me a code"),
    "login.code": ("短信验证码（6 位数字）", "Code from the text message (6 digits)"),
    "login.submit": ("登录", "Log in"),
    "login.sent": ("验证码已发送到 {mobile}，{minutes} 分钟内有效。",
                   "A code has gone to {mobile}; it is good for {minutes} minutes."),
    "login.wrong": ("验证码不正确或已过期，请重新获取。",
                    "That code is wrong or has expired: ask for a new one."),
    "login.no_member": ("此手机号还不是会员。请扫描门店的入会二维码办理。",
                        "This mobile is not a member yet: scan a store's sign-up QR code."),
    "login.throttled": ("请求过于频繁，请 {wait_s} 秒后再试。",
                        "Too many requests: try again in {wait_s} seconds."),
    "login.send_failed": ("短信发送失败，请稍后再试。",
                          "The text message could not be sent: try again later."),
    "login.expired": ("登录已过期，请重新登录。", "Your session has ended: log in again."),
    "login.bad_mobile": ("手机号格式不正确：请输入 11 位手机号。",
                         "That mobile number is not valid: type the 11 digits."),
    "form.expired": ("页面已失效，请刷新后重试。",
                     "The page has expired: reload it and try again."),
    "card.title": ("我的会员卡", "My member card"),
    "card.hello": ("{name}，您好", "Hello, {name}"),
    "card.qr": ("会员动态码", "Member code"),
    "card.qr_label": ("会员卡 {number} 的动态二维码，请出示给收银员扫描",
                      "Dynamic QR code of card {number}: show it to the cashier"),
    "card.qr_hint": ("结账时出示给收银员扫描。此码约 {ttl} 秒后失效，页面会自动刷新；截图无效。",
                     "Show it to the cashier. It lapses in about {ttl} seconds and the page "
                     "refreshes itself; a screenshot will not work."),
    "card.number": ("卡号", "Card number"),
    "card.no_card": ("您还没有会员卡号。下次到店时请收银员为您发卡，或稍后刷新本页。",
                     "You have no card number yet: ask at the till on your next visit, or "
                     "reload this page later."),
    "card.refresh": ("刷新动态码", "Refresh the code"),
    "points.title": ("积分", "Points"),
    "points.balance": ("可用积分", "Points you can use"),
    "points.soon": ("{days} 天内到期的积分", "Points lapsing within {days} days"),
    "points.none_soon": ("近期没有到期的积分。", "No points lapse soon."),
    "points.last_day": ("最后使用日", "Last day"),
    "points.amount": ("积分", "Points"),
    "tier.title": ("会员等级", "Tier"),
    "tier.now": ("当前等级：{tier}", "Your tier: {tier}"),
    "tier.top": ("您已是最高等级。", "You are in the highest tier."),
    "tier.next_any": ("再消费任意一笔即可升级为{tier}。", "Any purchase takes you to {tier}."),
    "tier.next_single": ("单笔消费满 {yuan} 元即可升级为{tier}。",
                         "One purchase of {yuan} yuan or more takes you to {tier}."),
    "tier.next_window": ("{months} 个月内再消费 {yuan} 元即可升级为{tier}。",
                         "{yuan} yuan more within {months} months takes you to {tier}."),
    "tier.keep_forever": ("此等级长期有效。", "This tier does not lapse."),
    "tier.keep_met": ("您已满足保级条件（{day} 前）。", "You keep this tier at {day}: met."),
    "tier.keep_needs": ("{day} 前还需消费 {yuan} 元、{days} 个不同日期购物以保留此等级。",
                        "To keep this tier at {day}: {yuan} yuan more, on {days} more days."),
    "coupons.title": ("优惠券", "Coupons"),
    "coupons.none": ("暂无可用优惠券。", "No coupons to use."),
    "coupons.amount": ("{yuan} 元", "{yuan} yuan"),
    "coupons.until": ("有效期至 {day}", "Good until {day}"),
    "coupons.qr_label": ("优惠券 {code} 的二维码", "QR code of coupon {code}"),
    "sales.title": ("最近消费", "Recent purchases"),
    "sales.none": ("还没有消费记录。", "No purchases yet."),
    "sales.at": ("时间", "When"),
    "sales.store": ("门店", "Store"),
    "sales.total": ("金额（元）", "Amount (yuan)"),
    "sales.points": ("积分", "Points"),
    "sales.kind.sale": ("消费", "purchase"),
    "sales.kind.return": ("退货", "return"),
    "share.title": ("邀请好友", "Invite a friend"),
    "share.text": ("好友通过您的链接入会，您将获得 {points} 积分。",
                   "When a friend joins through your link you get {points} points."),
    "share.link": ("您的邀请链接", "Your invitation link"),
    "join.title": ("加入会员", "Become a member"),
    "join.intro": ("欢迎加入{store}会员。带 * 的为必填项。",
                   "Welcome to {store}'s membership. Fields marked * are required."),
    "join.referred": ("您的好友 {name} 邀请您加入。", "Your friend {name} invited you."),
    "join.name": ("姓名 *", "Name *"),
    "join.mobile": ("手机号 *", "Mobile number *"),
    "join.code": ("短信验证码 *", "Code from the text message *"),
    "join.gender": ("性别", "Gender"),
    "join.gender.": ("不填", "Rather not say"),
    "join.gender.female": ("女", "Female"),
    "join.gender.male": ("男", "Male"),
    "join.birthday": ("生日（月-日，或年-月-日）", "Birthday (MM-DD or YYYY-MM-DD)"),
    "join.email": ("电子邮箱", "E-mail"),
    "join.marketing": ("愿意接收优惠活动短信", "Send me offers by text message"),
    "join.privacy": ("我已阅读并同意《会员隐私政策》*", "I have read and accept the member privacy "
                     "policy *"),
    "join.privacy_text": ("我们仅为会员服务使用您的手机号、姓名与生日，不会向第三方提供。",
                          "We use your mobile, name and birthday for membership only and give "
                          "them to no one else."),
    "join.submit": ("加入会员", "Join"),
    "join.exists": ("此手机号已是会员，请直接登录。", "This mobile is a member already: log in."),
    "join.done": ("入会成功！请登录查看您的会员卡。", "Welcome! Log in to see your card."),
    "join.error": ("请修改标出的项目。", "Please correct the field marked."),
    "notfound.title": ("找不到", "Not found"),
    "notfound.store": ("没有这家门店，请重新扫描门店的入会二维码。",
                       "There is no such store: scan the store's sign-up QR code again."),
}

# A form field's refusal (domain/forms.py codes), as the member reads it.
FIELD_ERRORS: dict[str, tuple[str, str]] = {
    "form.required": ("此项必填。", "This is required."),
    "form.too_long": ("内容太长。", "That is too long."),
    "form.not_text": ("内容无法识别。", "That could not be read."),
    "form.mobile_invalid": ("手机号格式不正确。", "That mobile number is not valid."),
    "form.gender_invalid": ("请选择性别。", "Choose a gender."),
    "form.birthday_invalid": ("生日格式不正确：请按 月-日 或 年-月-日 填写。",
                              "That birthday is not valid: MM-DD or YYYY-MM-DD."),
    "form.birthday_future": ("生日不能晚于今天。", "A birthday cannot be in the future."),
    "form.birthday_mismatch": ("生日与身份证号不符。", "The birthday does not match the ID."),
    "form.email_invalid": ("电子邮箱格式不正确。", "That e-mail address is not valid."),
    "form.referrer_invalid": ("推荐人不正确。", "The referrer is not valid."),
    "form.referrer_self": ("不能推荐自己。", "You cannot refer yourself."),
    "form.flag_invalid": ("请勾选或不勾选。", "Tick it or leave it."),
    "form.privacy_required": ("入会须同意隐私政策。",
                              "Membership needs the privacy policy accepted."),
    "member_code.wrong": ("验证码不正确或已过期。", "That code is wrong or has expired."),
}


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **figures)` in `lang` over the member page's catalogue."""
    return translator_over(TEXT, lang)


def field_error(lang: str, code: str) -> str:
    """A form refusal's sentence; a code without one gets the general sentence."""
    index = LANGS.index(lang) if lang in LANGS else 0
    pair = FIELD_ERRORS.get(code)
    return pair[index] if pair else TEXT["join.error"][index]
