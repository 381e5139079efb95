"""`kaika verify`'s card check: a card number held here by a member other than the one it was
issued to.

Two kinds of evidence: the audit trail (every `card_issued`, `card_linked` and
`card_replaced` entry names the number and the member it went to; a card row naming someone
else means the number moved, as a pull did before head office stopped moving cards), and the
conflicts a pull recorded (head office holds a number this till holds for another member;
sync/apply_cards.py). Member ids are compared after head office's merges (`member_aliases`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

CODE = "card.duplicate_number"

# The member each audited issue gave the card to, beside the card's holder now.
_MOVED = text("""
    WITH given AS (
        SELECT target AS number, json_extract(details, '$.member_id') AS member_id
        FROM audit_log WHERE action IN ('card_issued', 'card_linked')
        UNION
        SELECT json_extract(details, '$.new_number'), json_extract(details, '$.member_id')
        FROM audit_log WHERE action = 'card_replaced')
    SELECT DISTINCT c.number, c.member_id, COALESCE(a.canonical_id, g.member_id)
    FROM given g JOIN cards c ON c.number = g.number
    LEFT JOIN member_aliases a ON a.alias_id = g.member_id
    LEFT JOIN member_aliases h ON h.alias_id = c.member_id
    WHERE g.member_id IS NOT NULL
      AND COALESCE(a.canonical_id, g.member_id) != COALESCE(h.canonical_id, c.member_id)
    ORDER BY c.number LIMIT :cap
""")

_PULLED = text("""
    SELECT k.number, k.member_id, k.other_member_id FROM card_conflicts k
    LEFT JOIN member_aliases a ON a.alias_id = k.member_id
    LEFT JOIN member_aliases o ON o.alias_id = k.other_member_id
    WHERE COALESCE(a.canonical_id, k.member_id) != COALESCE(o.canonical_id, k.other_member_id)
    ORDER BY k.number, k.other_member_id LIMIT :cap
""")


def card_numbers(conn: Connection, cap: int) -> list[dict[str, Any]]:
    """The params of one `card.duplicate_number` per number and other member: `member_id`
    holds it here, `other_member_id` was given it too (`source` = audit: here, then it moved;
    head_office: at another store, by head office's account)."""
    moved = conn.execute(_MOVED, {"cap": cap}).all()
    pulled = conn.execute(_PULLED, {"cap": cap}).all()
    return [{"number": n, "member_id": held, "other_member_id": other, "source": source}
            for source, rows in (("audit", moved), ("head_office", pulled))
            for n, held, other in rows]
