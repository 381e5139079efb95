"""The member search index: the terms each member is found by, kept in step with `members`.

A search at the front desk must not read a million names. Each member has rows in
`member_search_terms` (kind, term, member id), ordered by the term, so every kind of search
is a range on one primary key:

- `i` — the pinyin initials of the name, one row per reading (单田芳: dtf, stf);
- `n` — every ending of the name (张三丰, 三丰, 丰), Latin letters in lower case: part of the
  name is the start of one of its endings;
- `m` — the mobile written backwards: its last digits are the start of the term.

Terms are cut to TERM_MAX characters; a longer query is looked up by its first TERM_MAX and
checked against the member itself (db/member_search.py), as is every hit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.pinyin import initials_variants
from db.repos_driver import execute_many, fetch_one

INITIALS, NAME, MOBILE = "i", "n", "m"
TERM_MAX = 24
# Spellings kept per name: three characters of two readings each fit; odder names keep the
# commonest reading of their later characters.
MOST_VARIANTS = 16
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

Term = tuple[str, str]  # (kind, term)

INSERT_TERMS = ("INSERT OR IGNORE INTO member_search_terms (kind, term, member_id) "
           "VALUES (?, ?, ?)")
_DELETE = "DELETE FROM member_search_terms WHERE kind = ? AND term = ? AND member_id = ?"
_PROFILE = "SELECT name, mobile FROM members WHERE id = ?"


def fold(text: str) -> str:
    """Lower case for Latin letters only, as SQLite's LIKE compares (name search was LIKE)."""
    return text.translate(_ASCII_LOWER)


def member_terms(name: str, mobile: str) -> set[Term]:
    """Every term a member with this name and mobile is found by."""
    terms = {(INITIALS, v) for v in initials_variants(name, MOST_VARIANTS, TERM_MAX)}
    folded = fold(name)
    terms.update((NAME, folded[i:i + TERM_MAX]) for i in range(len(folded))
                 if folded[i].strip())  # a query is stripped: it never starts with a space
    if mobile:
        terms.add((MOBILE, mobile[::-1][:TERM_MAX]))
    return terms


def term_rows(member_id: str, name: str, mobile: str) -> list[tuple[str, str, str]]:
    """The index rows of one member, as `INSERT_TERMS` takes them (bulk loads use this too)."""
    return [(kind, term, member_id) for kind, term in sorted(member_terms(name, mobile))]


def add_terms(session: Session, member_id: str, name: str, mobile: str) -> None:
    execute_many(session, INSERT_TERMS, term_rows(member_id, name, mobile))


def refresh_terms(session: Session, member_id: str, name: str, mobile: str) -> None:
    """Before a member row is written: its terms follow a new name or mobile. A save that
    changes neither (a tier, a consent) costs one read by primary key."""
    old = fetch_one(session, _PROFILE, (member_id,))
    if old is not None and (old[0], old[1]) == (name, mobile):
        return
    if old is not None:
        _drop(session, member_id, old[0], old[1])
    add_terms(session, member_id, name, mobile)


def rekey_terms(session: Session, old_id: str, new_id: str) -> None:
    """The member's id is about to change (head office merged it): its terms move along."""
    old = fetch_one(session, _PROFILE, (old_id,))
    if old is not None:
        _drop(session, old_id, old[0], old[1])
        add_terms(session, new_id, old[0], old[1])


def forget_terms(session: Session, member_id: str) -> None:
    """The member row is about to be deleted: its terms go first."""
    old = fetch_one(session, _PROFILE, (member_id,))
    if old is not None:
        _drop(session, member_id, old[0], old[1])


def _drop(session: Session, member_id: str, name: str, mobile: str) -> None:
    # By the whole primary key, computed from the old profile: no index on member_id needed
    # (it would cost as much space as the index itself).
    execute_many(session, _DELETE, term_rows(member_id, name, mobile))

