"""The tamper-evident audit trail: each row's link is an HMAC, keyed by the store key, over its
content, its seq and the previous link; a sealed head mark says how far the chain reached."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from db.mapping_sales import AUDIT_COLUMNS, audit_from
from db.repos_driver import (
    Named,
    execute,
    fetch_all,
    fetch_all_named,
    fetch_one,
    iter_named,
    select_sql,
)
from db.seals import Sealer
from db.txcache import TxCache
from db.types import dump_json, utc_text
from domain.ids import new_id_str
from domain.records import AuditBreak, AuditEntry, AuditQuery

GENESIS_HASH = "0" * 64
HEAD = "audit.head"  # chain_marks: the newest entry, moved by every append
ACKED = "audit.acked"  # chain_marks: the head head office last acknowledged
MARKS = "chain_marks"
KEYED = "audit_keyed"  # the entry migration 0008 adds when it keys an existing chain
HEAD_LOST = "audit_head_lost"  # the entry an append adds when it finds the head mark gone


def link_text(content: Mapping[str, Any], seq: int, prev_hash: str) -> str:
    """What a link covers: canonical JSON (sorted keys, no spaces, UTF-8, CJK unescaped) of
    the content, the seq and the previous link."""
    return dump_json({**content, "seq": seq, "prev_hash": prev_hash})


def entry_mac(sealer: Sealer, content: Mapping[str, Any], seq: int, prev_hash: str) -> str:
    """The keyed link; without a key (the key file is missing) a plain SHA-256, which verify
    cannot vouch for and says so."""
    body = link_text(content, seq, prev_hash)
    return sealer.mac(body) or hashlib.sha256(body.encode("utf-8")).hexdigest()


def legacy_hash(content: Mapping[str, Any], prev_hash: str) -> str:
    """The link before 0008: sha256 over the content and prev_hash, no key, no seq."""
    canonical = dump_json({**content, "prev_hash": prev_hash})
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def mark_seal(sealer: Sealer, name: str, seq: int, mac: str) -> str | None:
    return sealer.seal(MARKS, name, seq, mac)


def row_content(row: Named) -> dict[str, Any]:
    """What the link covers: every column except seq and the two links, as stored."""
    return {
        "id": row["id"], "at": row["at"], "action": row["action"],
        "staff_id": row["staff_id"], "target": row["target"],
        "details": json.loads(row["details"]), "approved_by": row["approved_by"],
    }


def entry_content(entry: AuditEntry) -> dict[str, Any]:
    """The same content for an entry about to be written, exactly as it will read back."""
    return {
        "id": entry.id, "at": utc_text(entry.at), "action": entry.action,
        "staff_id": entry.staff_id, "target": entry.target,
        "details": _plain_json(entry.details), "approved_by": entry.approved_by,
    }


@dataclass(frozen=True, slots=True)
class Mark:
    name: str
    seq: int
    mac: str
    seal: str | None


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first thing wrong with the chain, and what.

    reason: `prev_hash` (an entry before it was removed or altered), `hash` (it was altered),
    `rewritten` (its link and every later one were recomputed without the store key),
    `truncated` (the chain ends at `seq` though a sealed mark says it reached `head_seq`),
    `head_lost` (the sealed head mark is missing or forged), `rekeyed` (the chain was keyed
    again after 0008 first keyed it), `broken_before_keyed` (it was already broken when 0008
    keyed it).
    """

    seq: int
    entry_id: str
    reason: str
    head_seq: int | None = None

    def to_audit_break(self) -> AuditBreak:
        return AuditBreak(self.seq, self.entry_id, self.reason, self.head_seq)


@dataclass
class _Walk:
    keyed: bool
    wanted: set[int]
    expected_prev: str = GENESIS_HASH
    first_bad: tuple[int, str] | None = None
    good_after_bad: bool = False
    last: tuple[int, str] | None = None
    event: ChainBreak | None = None  # an entry that itself records damage
    keyings: int = 0


def first_break(rows: Iterable[Named], sealer: Sealer,
                marks: Mapping[str, Mark] | None = None) -> ChainBreak | None:
    """Walk the chain in seq order, then hold it against the sealed marks; None when sound."""
    marks = marks or {}
    walk = _Walk(keyed=sealer.key() is not None, wanted={m.seq for m in marks.values()})
    links: dict[int, str] = {}
    for row in rows:
        if row["prev_hash"] != walk.expected_prev:
            if walk.first_bad is not None:
                return ChainBreak(*walk.first_bad, "hash")
            return ChainBreak(row["seq"], row["id"], "prev_hash")
        _step(walk, row, sealer)
        if row["seq"] in walk.wanted:
            links[row["seq"]] = row["hash"]
    if walk.first_bad is not None:
        only_last = walk.first_bad == walk.last
        return ChainBreak(*walk.first_bad,
                          "hash" if walk.good_after_bad or only_last else "rewritten")
    return walk.event or _against_marks(walk, links, marks, sealer)


def _step(walk: _Walk, row: Named, sealer: Sealer) -> None:
    content = row_content(row)
    seq, entry_id = row["seq"], row["id"]
    good = not walk.keyed or entry_mac(sealer, content, seq, row["prev_hash"]) == row["hash"]
    if not good and walk.first_bad is None:
        walk.first_bad = (seq, entry_id)
    elif good and walk.first_bad is not None:
        walk.good_after_bad = True
    walk.expected_prev = row["hash"]
    walk.last = (seq, entry_id)
    if walk.event is None:
        walk.event = _recorded_damage(walk, seq, content)


def _recorded_damage(walk: _Walk, seq: int, content: Mapping[str, Any]) -> ChainBreak | None:
    """Entries Kaika wrote when it found damage itself stay reported for good."""
    action, entry_id = content["action"], content["id"]
    if action == HEAD_LOST:
        return ChainBreak(seq, entry_id, "head_lost")
    if action == KEYED:
        walk.keyings += 1
        if walk.keyings > 1:
            return ChainBreak(seq, entry_id, "rekeyed")
        if content["details"].get("legacy_break"):
            return ChainBreak(seq, entry_id, "broken_before_keyed")
    return None


def _against_marks(walk: _Walk, links: Mapping[int, str], marks: Mapping[str, Mark],
                   sealer: Sealer) -> ChainBreak | None:
    if not walk.keyed:
        return None  # without the key nothing here can be vouched for; verify says so
    last_seq, last_id = walk.last or (0, "")
    head = marks.get(HEAD)
    if head is None:
        return None if walk.last is None else ChainBreak(last_seq, last_id, "head_lost")
    for mark in (head, marks.get(ACKED)):
        if mark is None:
            continue
        if mark.seal != mark_seal(sealer, mark.name, mark.seq, mark.mac):
            if mark is head:
                return ChainBreak(last_seq, last_id, "head_lost")
            continue  # a forged acknowledgement mark proves nothing either way
        if mark.seq > last_seq:
            return ChainBreak(last_seq, last_id, "truncated", mark.seq)
        if links.get(mark.seq) != mark.mac:
            return ChainBreak(mark.seq, "", "rewritten")
    return None


def read_marks(conn: Connection | Session) -> dict[str, Mark]:
    rows = conn.execute(text(f"SELECT name, seq, mac, seal FROM {MARKS}"))
    return {r[0]: Mark(r[0], int(r[1]), str(r[2]), r[3]) for r in rows}


def chain_break(session: Session, sealer: Sealer) -> ChainBreak | None:
    """The chain of the session's database held against its marks (verify, the audit page)."""
    marks = read_marks(session)
    return first_break(iter_named(session, _CHAIN, ()), sealer, marks)


class SqlAuditRepo:
    """Appends are serialised by the BEGIN IMMEDIATE write lock, so the chain cannot fork."""

    def __init__(self, session: Session, sealer: Sealer | None = None) -> None:
        self._s = session
        self._sealer = sealer or Sealer(lambda: None)
        self._head = TxCache[tuple[int, str]](session)

    def append(self, entry: AuditEntry) -> None:
        seq, prev = self._next(entry.at)
        self._write(entry_content(entry), seq, prev)

    def last_hash(self) -> str:
        """The newest link (the head mark's); remembered after an append, so a sale's
        entries cost no extra read."""
        cached = self._head.get()
        if cached is not None:
            return cached[1]
        row = fetch_one(self._s, _LAST, ())
        return GENESIS_HASH if row is None else str(row[0])

    def _next(self, at: datetime) -> tuple[int, str]:
        """(seq, previous link) for the next entry: the sealed head mark's, one on.

        Appending after the head, not after the last row, keeps a cut visible for good: the
        next entry links to an entry that is no longer there. A head mark that is missing or
        forged while entries exist is itself recorded in the trail before going on.
        """
        cached = self._head.get()
        if cached is not None:
            return cached[0] + 1, cached[1]
        mark_seq, mac, seal, top = fetch_one(self._s, _HEAD, (HEAD,)) or (None, None, None, 0)
        top = int(top or 0)
        if mark_seq is not None and seal == mark_seal(self._sealer, HEAD, mark_seq, mac):
            return max(int(mark_seq), top) + 1, str(mac)
        if top == 0 and mark_seq is None:
            return 1, GENESIS_HASH
        last = fetch_one(self._s, _LAST_ROW, ())
        seq, prev = (top + 1, str(last[1])) if last else (1, GENESIS_HASH)
        lost = AuditEntry(id=new_id_str(), at=at, action=HEAD_LOST, staff_id=None,
                          details={"last_seq": top, "mark_seq": mark_seq})
        self._write(entry_content(lost), seq, prev)
        return seq + 1, self._head.get()[1]  # type: ignore[index]

    def _write(self, content: dict[str, Any], seq: int, prev: str) -> None:
        digest = entry_mac(self._sealer, content, seq, prev)
        execute(self._s, _INSERT, {**content, "details": dump_json(content["details"]),
                                   "seq": seq, "prev_hash": prev, "hash": digest})
        execute(self._s, _MOVE_HEAD, {"name": HEAD, "seq": seq, "mac": digest,
                                      "seal": mark_seal(self._sealer, HEAD, seq, digest)})
        self._head.set((seq, digest))

    def mark_acked(self, seq: int, mac: str) -> None:
        """Head office acknowledged the chain up to (seq, mac): kept sealed for verify."""
        execute(self._s, _MOVE_HEAD, {"name": ACKED, "seq": seq, "mac": mac,
                                      "seal": mark_seal(self._sealer, ACKED, seq, mac)})

    def head(self) -> tuple[int, str] | None:
        """The chain's head as the mark says (seq, link), None for an empty chain."""
        row = fetch_one(self._s, _MARK, (HEAD,))
        return None if row is None else (int(row[0]), str(row[1]))

    def link_at(self, seq: int) -> str | None:
        row = fetch_one(self._s, "SELECT hash FROM audit_log WHERE seq = ?", (seq,))
        return None if row is None else str(row[0])

    def acked_mark(self) -> tuple[int, str] | None:
        row = fetch_one(self._s, _MARK, (ACKED,))
        return None if row is None else (int(row[0]), str(row[1]))

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        """The trail, oldest first (managers' review screen, tests)."""
        rows = fetch_all_named(self._s, _CHAIN + " LIMIT ?", (-1 if limit is None else limit,))
        return [audit_from(r) for r in rows]

    def count(self, query: AuditQuery) -> int:
        where, params = _conditions(query)
        row = fetch_one(self._s, f"SELECT COUNT(*) FROM audit_log WHERE {where}", params)
        return int(row[0]) if row else 0

    def page(self, query: AuditQuery, offset: int, limit: int) -> list[AuditEntry]:
        """Newest first by seq (the primary key), so a page costs one index walk."""
        where, params = _conditions(query)
        sql = select_sql("audit_log", AUDIT_COLUMNS, where, "seq DESC") + " LIMIT ? OFFSET ?"
        return [audit_from(r) for r in fetch_all_named(self._s, sql, (*params, limit, offset))]

    def actions(self) -> list[str]:
        rows = fetch_all(self._s, "SELECT DISTINCT action FROM audit_log ORDER BY action", ())
        return [str(r[0]) for r in rows]

    def first_break(self) -> AuditBreak | None:
        found = chain_break(self._s, self._sealer)
        return None if found is None else found.to_audit_break()


_CHAIN = select_sql("audit_log", AUDIT_COLUMNS, "1", "seq")
_LAST = f"SELECT mac FROM {MARKS} WHERE name = 'audit.head'"
_LAST_ROW = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
_MARK = f"SELECT seq, mac FROM {MARKS} WHERE name = ?"
_HEAD = (f"SELECT m.seq, m.mac, m.seal, (SELECT MAX(seq) FROM audit_log) FROM (SELECT 1) "
         f"LEFT JOIN {MARKS} m ON m.name = ?")
_INSERT = ("INSERT INTO audit_log (seq, id, at, action, staff_id, target, details, "
           "approved_by, prev_hash, hash) VALUES (:seq, :id, :at, :action, :staff_id, "
           ":target, :details, :approved_by, :prev_hash, :hash)")
_MOVE_HEAD = (f"INSERT INTO {MARKS} (name, seq, mac, seal) VALUES (:name, :seq, :mac, :seal) "
              "ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, "
              "seal = excluded.seal")


def key_chain(conn: Connection, sealer: Sealer, now: datetime) -> None:
    """Key a chain made before 0008: check its old SHA-256 links, relink every entry with
    the keyed link, and record in the trail itself how many entries were keyed and whether
    the old chain held (so a chain broken before is not made whole by keying it)."""
    rows = conn.execute(text(
        "SELECT seq, id, at, action, staff_id, target, details, approved_by, prev_hash, hash "
        "FROM audit_log ORDER BY seq")).all()
    prev_old, prev_new, broken, top = GENESIS_HASH, GENESIS_HASH, None, 0
    links: list[dict[str, Any]] = []
    for r in rows:
        content = {"id": r[1], "at": r[2], "action": r[3], "staff_id": r[4], "target": r[5],
                   "details": json.loads(r[6]), "approved_by": r[7]}
        if broken is None and (r[8] != prev_old or legacy_hash(content, r[8]) != r[9]):
            broken = {"seq": r[0], "entry_id": r[1]}
        prev_old, top = r[9], r[0]
        link = entry_mac(sealer, content, r[0], prev_new)
        links.append({"p": prev_new, "h": link, "s": r[0]})
        prev_new = link
    if links:  # one executemany: a big store's trail holds hundreds of thousands of entries
        conn.execute(text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                     links)
    keyed = AuditEntry(id=new_id_str(), at=now, action=KEYED, staff_id=None,
                       details={"entries": len(rows), "legacy_break": broken})
    content = entry_content(keyed)
    digest = entry_mac(sealer, content, top + 1, prev_new)
    conn.execute(text(_INSERT), {**content, "details": dump_json(content["details"]),
                                 "seq": top + 1, "prev_hash": prev_new, "hash": digest})
    conn.execute(text(_MOVE_HEAD), {"name": HEAD, "seq": top + 1, "mac": digest,
                                    "seal": mark_seal(sealer, HEAD, top + 1, digest)})


def _conditions(query: AuditQuery) -> tuple[str, list[Any]]:
    """WHERE terms and their values for a query; the time bounds compare the stored UTC
    text (fixed width, so text order is time order)."""
    terms, params = ["1"], []
    for term, value in (("at >= ?", query.since), ("at < ?", query.until),
                        ("staff_id = ?", query.staff_id), ("action = ?", query.action)):
        if value is not None:
            terms.append(term)
            params.append(utc_text(value) if isinstance(value, datetime) else value)
    return " AND ".join(terms), params


def _plain_json(details: dict[str, Any]) -> dict[str, Any]:
    """Details exactly as they will read back, so the hash is over what is stored."""
    plain: dict[str, Any] = json.loads(dump_json(details))
    return plain
