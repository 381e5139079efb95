"""The filled application form for the member to sign: an A4 PDF or a receipt-printer slip.

Printed in the store's language like receipts. Choice: the mobile is printed in full (the
member checks it before signing), the resident ID number masked (DOMAIN §3: shown masked),
because the paper leaves the till and is filed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desktop.report_formats import as_receipt
from domain.forms import mask_id_number
from domain.records import Member
from hardware.receipt import Receipt
from reporting.document import Doc, Section, as_pdf

LABELS: dict[str, dict[str, str]] = {
    "zh": {"title": "会员申请表", "store": "门店", "printed": "打印时间", "card": "卡号",
           "profile": "会员资料", "name": "姓名", "mobile": "手机", "gender": "性别",
           "birthday": "生日", "id_number": "身份证号", "email": "电子邮箱",
           "occupation": "职业", "income_band": "月收入", "address": "地址",
           "referrer": "推荐人", "source": "来源", "tags": "标签", "notes": "备注",
           "joined": "入会日期", "tier": "会员等级", "consents": "同意事项",
           "marketing": "接收营销信息", "privacy": "隐私政策", "agreed": "同意",
           "declined": "不同意", "accepted": "已阅读并接受", "signature": "签名",
           "member_sign": "会员签名", "date": "日期", "clerk": "经办人",
           "male": "男", "female": "女", "store_src": "门店", "poster": "海报",
           "wechat": "微信", "referral": "老会员推荐", "partner": "联盟商家"},
    "en": {"title": "Membership application", "store": "Store", "printed": "Printed",
           "card": "Card", "profile": "Member", "name": "Name", "mobile": "Mobile",
           "gender": "Gender", "birthday": "Birthday", "id_number": "ID number",
           "email": "E-mail", "occupation": "Occupation", "income_band": "Monthly income",
           "address": "Address", "referrer": "Referred by", "source": "Heard of us",
           "tags": "Tags", "notes": "Notes", "joined": "Joined", "tier": "Tier",
           "consents": "Consents", "marketing": "Marketing messages",
           "privacy": "Privacy policy", "agreed": "agreed", "declined": "declined",
           "accepted": "read and accepted", "signature": "Signature",
           "member_sign": "Member's signature", "date": "Date", "clerk": "Clerk",
           "male": "male", "female": "female", "store_src": "in store", "poster": "poster",
           "wechat": "WeChat", "referral": "a member", "partner": "a partner"},
}
SIGN_LINE = "_" * 24


@dataclass(frozen=True, slots=True)
class FilledForm:
    """What goes on the paper besides the member record itself."""

    member: Member
    store: str
    clerk: str
    printed: datetime  # local time
    local: Callable[[datetime], datetime]  # UTC record times -> the store's local time
    card_number: str | None = None
    referrer: str | None = None  # masked name of the referring member


def form_doc(form: FilledForm, lang: str = "zh") -> Doc:
    """Profile, consents with their times, and lines for the signatures."""
    t = LABELS.get(lang, LABELS["zh"])
    meta = [(t["store"], form.store), (t["printed"], form.printed.strftime("%Y-%m-%d %H:%M"))]
    if form.card_number:
        meta.append((t["card"], form.card_number))
    consents = Section(t["consents"], [
        (t["marketing"], _consent(form, form.member.consent_marketing_at,
                                  t["agreed"] if form.member.consent_marketing
                                  else t["declined"])),
        (t["privacy"], _consent(form, form.member.privacy_accepted_at, t["accepted"]))])
    signature = Section(t["signature"], [(t["member_sign"], SIGN_LINE),
                                         (t["date"], SIGN_LINE), (t["clerk"], form.clerk)])
    return Doc(t["title"], meta, [Section(t["profile"], _profile(form, t)), consents,
                                  signature])


def _profile(form: FilledForm, t: dict[str, str]) -> list[tuple[str, str]]:
    m = form.member
    rows = [("name", m.name), ("mobile", m.mobile),
            ("gender", t.get(m.gender, "") if m.gender else ""),
            ("birthday", _birthday(m)),
            ("id_number", mask_id_number(m.id_number) if m.id_number else ""),
            ("email", m.email), ("occupation", m.occupation), ("income_band", m.income_band),
            ("address", m.address), ("referrer", form.referrer or ""),
            ("source", t.get("store_src" if m.source == "store" else m.source, m.source)),
            ("tags", "、".join(m.tags)), ("notes", m.notes),
            ("joined", m.joined_on.isoformat()), ("tier", m.tier)]
    return [(t[key], value or "-") for key, value in rows]


def _birthday(member: Member) -> str:
    if member.birth_month is None or member.birth_day is None:
        return ""
    day = f"{member.birth_month:02d}-{member.birth_day:02d}"
    return f"{member.birth_year}-{day}" if member.birth_year else day


def _consent(form: FilledForm, at: datetime | None, word: str) -> str:
    if at is None:
        return word
    return f"{word} {form.local(at).strftime('%Y-%m-%d %H:%M')}"


def form_pdf(form: FilledForm, lang: str = "zh") -> bytes:
    """An A4 PDF (reportlab's built-in CJK font, no font file)."""
    return as_pdf(form_doc(form, lang))


def form_slip(form: FilledForm, lang: str = "zh") -> Receipt:
    """The same form on the 58/80 mm printer, signed on the paper and kept."""
    return as_receipt(form_doc(form, lang))
