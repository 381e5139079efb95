"""Rule packs from TOML: every key checked, every mistake refused with its file and key.

Each table has its reader: packtiers, packpoints and packoffers; the small ones are here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from domain.errors import RulePackError
from domain.packoffers import read_coupons, read_pricing, read_wallet
from domain.packparse import Table
from domain.packpoints import read_points
from domain.packtiers import read_tiers
from domain.rulepack import CardRules, OfflineRules, RefundTo, ReturnRules, RulePack

PACK_DIR = Path(__file__).resolve().parent.parent / "resources" / "rulepacks"
_LINE = re.compile(r"line (\d+)")


def pack_names() -> list[str]:
    """Names of the packs shipped in resources/rulepacks, sorted."""
    return sorted(p.stem for p in PACK_DIR.glob("*.toml"))


def load_pack(name_or_path: str | Path) -> RulePack:
    """Load a pack by bare name (``"fashion"``) or from a TOML file path.

    Raises:
        RulePackError: "rulepack.not_found" for a missing pack, "rulepack.invalid" (with
            file, key and problem) for a pack with a mistake.
    """
    path = _locate(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        found = _LINE.search(str(exc))
        raise RulePackError("rulepack.invalid", file=str(path), key="", problem="syntax",
                            line=int(found.group(1)) if found else None,
                            detail=str(exc)) from None
    except UnicodeDecodeError:
        raise RulePackError("rulepack.invalid", file=str(path), key="",
                            problem="not_utf8") from None
    except RecursionError:
        raise RulePackError("rulepack.invalid", file=str(path), key="", problem="syntax",
                            detail="nested too deeply") from None
    except OSError as err:
        raise RulePackError("rulepack.invalid", file=str(path), key="", problem="unreadable",
                            detail=err.strerror) from None
    return parse_pack(data, str(path))


def _locate(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    is_name = isinstance(name_or_path, str) and re.fullmatch(r"[A-Za-z0-9_-]+", text)
    path = PACK_DIR / f"{text}.toml" if is_name else Path(text)
    if not path.is_file():
        raise RulePackError("rulepack.not_found", name=text, known=pack_names())
    return path


def parse_pack(data: dict[str, Any], file: str) -> RulePack:
    """Build a RulePack from parsed TOML; `file` only labels error messages."""
    root = Table(data, file)
    name = root.str("name")
    title = root.str("title")
    tiers = read_tiers(root)
    tier_names = {t.name for t in tiers}
    pricing = read_pricing(root.table("pricing", required=True))
    points = read_points(root.table("points", required=True), tier_names)
    wallet = read_wallet(root.table("wallet", required=True))
    coupons = read_coupons(root.table("coupons", required=True))
    cards = _cards(root.table("cards", required=True))
    offline = _offline(root.table("offline"))
    returns = _returns(root.table("returns"))
    root.finish()
    return RulePack(name=name, title=title, tiers=tiers, pricing=pricing, points=points,
                    wallet=wallet, coupons=coupons, cards=cards, source=file, offline=offline,
                    returns=returns)


# --- the small tables: cards, offline, returns ------------------------------------------


def _cards(t: Table) -> CardRules:
    brand = t.str("brand")
    level = t.str("level")
    if not re.fullmatch(r"\d\d", brand):
        raise t.fail("brand", "not_two_digits", value=brand)
    if not re.fullmatch(r"\d", level):
        raise t.fail("level", "not_one_digit", value=level)
    rules = CardRules(brand=brand, level=level, valid_years=t.int("valid_years", minimum=1),
                      dynamic_qr_ttl_s=t.int("dynamic_qr_ttl_s", minimum=10),
                      staff_card_daily_alert=t.int("staff_card_daily_alert", minimum=1))
    t.finish()
    return rules


def _offline(t: Table) -> OfflineRules:
    """The optional `[offline]` table; a key left out keeps its default (docs/headoffice.md)."""
    d = OfflineRules()
    names = ("per_sale_points", "per_sale_wallet_fen", "member_day_points",
             "member_day_wallet_fen", "terminal_points", "terminal_wallet_fen")
    values = {name: t.int(name, getattr(d, name), minimum=0) for name in names}
    rules = OfflineRules(**values,
                         max_offline_hours=t.int("max_offline_hours", d.max_offline_hours,
                                                 minimum=0),
                         online_grace_s=t.int("online_grace_s", d.online_grace_s, minimum=1),
                         outbox_retention_days=t.int("outbox_retention_days",
                                                     d.outbox_retention_days, minimum=1),
                         clock_warn_s=t.int("clock_warn_s", d.clock_warn_s, minimum=1))
    t.finish()
    return rules


def _returns(t: Table) -> ReturnRules:
    """The optional `[returns]` table; a key left out keeps its default (docs/rules.md)."""
    d = ReturnRules()
    rules = ReturnRules(
        no_receipt_window_days=t.int("no_receipt_window_days", d.no_receipt_window_days,
                                     minimum=1),
        no_receipt_refund_to=t.option("no_receipt_refund_to", RefundTo,
                                      d.no_receipt_refund_to))
    t.finish()
    return rules
