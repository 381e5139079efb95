"""Per-member buying figures for the Analysis page (migration 0017): the last sale, orders,
money and categories in the analysis window, kept exact by triggers on sales and sale lines
and moved with the window a day at a time."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from db.repos_driver import execute, fetch_one

# The figures of the members `{who}` names (a row source with an `id` column) over the window
# in member_figures_window; a member with neither a sale up to its end nor money in it has no
# row (never bought; a return alone in the window keeps the row: its money is a figure).
# No WITH here: SQLite refuses common table expressions inside triggers.
RECOMPUTE = """
    DELETE FROM member_figures WHERE member_id IN (SELECT id FROM {who});
    INSERT INTO member_figures (member_id, last_purchase, orders_ever, orders, revenue_fen,
                                categories)
    SELECT id, last_day, orders_ever, orders, revenue, categories FROM (
        SELECT t.id AS id,
            (SELECT MAX(business_date) FROM sales WHERE member_id = t.id AND kind = 'sale'
               AND business_date <= w.until) AS last_day,
            (SELECT COUNT(*) FROM sales WHERE member_id = t.id AND kind = 'sale'
               AND business_date <= w.until) AS orders_ever,
            (SELECT COUNT(*) FROM sales WHERE member_id = t.id AND kind = 'sale'
               AND business_date BETWEEN w.since AND w.until) AS orders,
            (SELECT COALESCE(SUM(total_fen), 0) FROM sales WHERE member_id = t.id
               AND business_date BETWEEN w.since AND w.until) AS revenue,
            (SELECT COUNT(DISTINCT l.category) FROM sales s JOIN sale_lines l
               ON l.sale_id = s.id WHERE s.member_id = t.id AND s.kind = 'sale'
               AND l.category != '' AND s.business_date BETWEEN w.since AND w.until)
               AS categories
        FROM {who} t, member_figures_window w)
    WHERE last_day IS NOT NULL OR revenue != 0;"""

_NEW_SALE = "(SELECT NEW.member_id AS id WHERE NEW.member_id IS NOT NULL)"
_OLD_SALE = "(SELECT OLD.member_id AS id WHERE OLD.member_id IS NOT NULL)"
_NEW_LINE = "(SELECT member_id AS id FROM sales WHERE id = NEW.sale_id AND member_id IS NOT NULL)"
_OLD_LINE = "(SELECT member_id AS id FROM sales WHERE id = OLD.sale_id AND member_id IS NOT NULL)"


def _trigger(name: str, event: str, who: tuple[str, ...]) -> str:
    body = " ".join(RECOMPUTE.format(who=w) for w in who)
    return f"CREATE TRIGGER member_figures_{name} AFTER {event} BEGIN {body} END"


# Whoever writes sales (checkout, returns, voids, sync, imports, merges), the figures follow.
TRIGGERS = (
    _trigger("sale_insert", "INSERT ON sales", (_NEW_SALE,)),
    _trigger("sale_delete", "DELETE ON sales", (_OLD_SALE,)),
    _trigger("sale_update", "UPDATE OF member_id, business_date, kind, total_fen ON sales",
             (_OLD_SALE, _NEW_SALE)),
    _trigger("line_insert", "INSERT ON sale_lines", (_NEW_LINE,)),
    _trigger("line_delete", "DELETE ON sale_lines", (_OLD_LINE,)),
    _trigger("line_update", "UPDATE OF sale_id, category ON sale_lines",
             (_OLD_LINE, _NEW_LINE)),
)
TRIGGER_NAMES = ("sale_insert", "sale_delete", "sale_update",
                 "line_insert", "line_delete", "line_update")

# Everyone's figures in one grouped pass: the migration's backfill, `kaika verify`'s check.
RECOMPUTED = """
    SELECT p.id, p.last_day, p.orders_ever, p.orders, p.revenue,
           COALESCE(c.categories, 0) FROM (
        SELECT member_id AS id,
               MAX(CASE WHEN kind = 'sale' THEN business_date END) AS last_day,
               SUM(kind = 'sale') AS orders_ever,
               SUM(kind = 'sale' AND business_date >= w.since) AS orders,
               SUM(CASE WHEN business_date >= w.since THEN total_fen ELSE 0 END) AS revenue
        FROM sales, member_figures_window w
        WHERE member_id IS NOT NULL AND business_date <= w.until
        GROUP BY member_id) p
    LEFT JOIN (
        SELECT s.member_id AS id, COUNT(DISTINCT l.category) AS categories
        FROM sales s JOIN sale_lines l ON l.sale_id = s.id, member_figures_window w
        WHERE s.kind = 'sale' AND s.member_id IS NOT NULL AND l.category != ''
          AND s.business_date BETWEEN w.since AND w.until
        GROUP BY s.member_id) c ON c.id = p.id
    WHERE p.last_day IS NOT NULL OR p.revenue != 0"""
BACKFILL = ("INSERT INTO member_figures (member_id, last_purchase, orders_ever, orders, "
            "revenue_fen, categories)" + RECOMPUTED)

# The members whose figures a move of the window can change: those with a sale or return on a
# day that enters or leaves it ([old since, new since) and (old until, new until], either way
# round), found through the sales' date index.
_MOVED = ("(SELECT DISTINCT member_id AS id FROM sales WHERE member_id IS NOT NULL AND "
          "((business_date >= :s0 AND business_date < :s1) "
          "OR (business_date > :u0 AND business_date <= :u1)))")


def window(session: Session) -> tuple[date, date] | None:
    row = fetch_one(session, "SELECT since, until FROM member_figures_window", ())
    return None if row is None else (date.fromisoformat(row[0]), date.fromisoformat(row[1]))


def move_window(session: Session, since: date, until: date) -> None:
    """Sets the window to [since, until] and refreshes the members a sale of a day entering
    or leaving it names: work proportional to those days, not to the members."""
    old = window(session)
    if old == (since, until):
        return
    bounds = {"s": since.isoformat(), "u": until.isoformat()}
    if old is None:  # only a table emptied by hand: start again from every sale
        execute(session, "INSERT INTO member_figures_window (id, since, until) "
                         "VALUES (1, :s, :u)", bounds)
        execute(session, "DELETE FROM member_figures", ())
        execute(session, BACKFILL, ())
        return
    execute(session, "UPDATE member_figures_window SET since = :s, until = :u", bounds)
    (s_lo, s_hi), (u_lo, u_hi) = sorted((old[0], since)), sorted((old[1], until))
    params = {"s0": s_lo.isoformat(), "s1": s_hi.isoformat(),
              "u0": u_lo.isoformat(), "u1": u_hi.isoformat()}
    for statement in RECOMPUTE.format(who=_MOVED).split(";"):
        if statement.strip():
            execute(session, statement, params)


def window_for(until: date, days: int) -> tuple[date, date]:
    return until - timedelta(days=days - 1), until
