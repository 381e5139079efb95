"""Member import from an old system (dry run, then the good rows in resumable batches) and
export."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from domain import analysis, importing
from domain.errors import ValidationError
from domain.ids import new_id_str
from domain.import_jobs import BATCH_ROWS, ImportJob, RowsTaken, job_key
from domain.importing import Checked, ImportRow, Table
from domain.ports import UnitOfWork
from domain.progress import NO_PROGRESS, Progress, check_cancel
from domain.services.context import ServiceContext, audit
from domain.services.guard import guard
from domain.services.import_batches import BatchStamp, BuiltBatch, build_part
from domain.services.reports import segment_members
from domain.workers import Workers

# An import's batches do not copy the write-ahead log back at their commits; it is copied back
# after every COPY_BACK_BATCHES batches, between two of them, and emptied at the end
# (docs/performance.md, issue 17's fourth pass, measured 5, 10 and 25).
COPY_BACK_BATCHES = 5
# A sheet this long has its batches built in the store's worker process beside this one's
# writes (ServiceContext.workers); a smaller one is not worth starting a process for.
BESIDE_ROWS = 4000
BUILD_AHEAD = 2  # batches the worker builds ahead of the one being written

EXPORT_HEADER = ("name", "mobile", "card", "tier", "points", "last_purchase", "orders",
                 "revenue_yuan", "birthday", "consent_marketing")


class BadRows(ValidationError):
    """The file has bad rows and the import was told to take all rows or none."""

    def __init__(self, checked: Checked) -> None:
        super().__init__("import.bad_rows", field="file",
                         rows=", ".join(map(str, checked.bad_rows)))
        self.checked = checked


@dataclass(frozen=True, slots=True)
class Imported:
    checked: Checked  # the bad rows that were left out are still listed here
    member_ids: tuple[str, ...]  # this run's; an interrupted run's are counted in `earlier`
    points: int
    wallet_fen: int
    wallet_bonus_fen: int
    earlier: int = 0  # members an earlier, interrupted run of the same job imported


def dry_run(ctx: ServiceContext, table: Table, mapping: Mapping[str, str]) -> Checked:
    """Every bad row with its row number, column and reason; nothing is written."""
    checked = _check(ctx, table, mapping)
    with ctx.reader() as uow:
        return _against_store(uow, checked)


def import_members(ctx: ServiceContext, table: Table, mapping: Mapping[str, str],
                   staff_id: str, *, leave_bad_rows_out: bool = True,
                   progress: Progress = NO_PROGRESS, batch_rows: int = BATCH_ROWS) -> Imported:
    """Import every good row, balances as opening ledger entries, in batches of
    `batch_rows` members, each committed in its own transaction with the sheet row it
    reached (so the till's write lock is free between batches).

    Every row is checked before the first batch: with a bad one and not `leave_bad_rows_out`,
    nothing is imported. The same file with the same mapping after a crash, a kill or a
    cancel continues after the last committed row, with no member twice and none left out.
    A member signed up at the desk meanwhile is not made twice: the store refuses a batch
    with a mobile or card taken since the check, and the batch is checked again and written
    without that row. A big file's batches are built in the store's worker process, beside
    this one's writes.
    """
    with guard(ctx, "imports.import_members", staff_id):
        key = job_key(table, importing.resolve_mapping(table.header, mapping))
        with ctx.reader() as uow:
            job = uow.imports.job(key)
        if job is not None and job.finished_at is not None:
            job = None  # done before: a new job, which finds every row taken
        workers = Workers(ctx.workers, len(table.rows) >= BESIDE_ROWS)
        try:
            workers.warm()
            checked = _check(ctx, table, mapping, after=job.last_row if job else 0)
            with ctx.reader() as uow:
                checked = _against_store(uow, checked)
            if checked.errors and not leave_bad_rows_out:
                raise BadRows(checked)
            job = job or ImportJob(key, new_id_str(), staff_id, ctx.now(), len(checked.rows))
            run = _Run(ctx, staff_id, leave_bad_rows_out, progress, checked, job)
            run.all(batch_rows, workers)
        finally:
            workers.close()
    rows = [r for r in run.checked.rows if r.row in run.done_rows]
    return Imported(run.checked, tuple(run.ids), sum(r.points for r in rows),
                    sum(r.wallet_fen for r in rows), sum(r.wallet_bonus_fen for r in rows),
                    earlier=run.earlier)


def _check(ctx: ServiceContext, table: Table,
           mapping: Mapping[str, str], after: int = 0) -> Checked:
    """Every row checked on its own and against the file's other rows; those up to sheet row
    `after` (an interrupted job's) are in the store already and are not imported again.

    Here, not in the worker: sending half the checked rows back from it cost more than
    checking them (measured 4.7 s against 3.0 s for 100k rows); the worker starts up
    meanwhile (Workers.warm)."""
    resolved = importing.resolve_mapping(table.header, mapping)
    tiers = [t.name for t in ctx.pack.tiers]
    checked = importing.check_rows(table, resolved, ctx.local_date(), tiers)
    if after:
        checked = replace(checked, rows=tuple(r for r in checked.rows if r.row > after))
    return checked


def _against_store(uow: UnitOfWork, checked: Checked) -> Checked:
    """The rows whose mobile or card the store already has, refused."""
    taken = uow.reports.mobiles_taken([r.form.mobile for r in checked.rows])
    cards = uow.reports.cards_taken([r.card for r in checked.rows if r.card])
    return checked.without(importing.conflicts(checked, taken, cards))


class _Run:
    """One run of an import job: its batches, what they imported, what they found taken."""

    def __init__(self, ctx: ServiceContext, staff_id: str, leave_bad_rows_out: bool,
                 progress: Progress, checked: Checked, job: ImportJob) -> None:
        self.ctx, self.staff_id, self.progress = ctx, staff_id, progress
        self.leave_bad_rows_out = leave_bad_rows_out
        self.checked, self.job, self.earlier = checked, job, job.imported
        self.ids: list[str] = []
        self.done_rows: set[int] = set()

    def all(self, batch_rows: int, workers: Workers) -> None:
        rows = self.checked.rows
        total = self.earlier + len(rows)
        self.progress.step(self.earlier, total, "import")
        size = max(1, batch_rows)
        parts = [rows[s:s + size] for s in range(0, len(rows), size)] or [()]
        try:
            built = self._builds(parts, workers)
            for n, part in enumerate(parts):
                check_cancel(self.progress)
                self.batch(part, next(built), last=n + 1 == len(parts))
                self.progress.step(self.earlier + len(self.ids), total, "import")
                if (n + 1) % COPY_BACK_BATCHES == 0 and n + 1 < len(parts):
                    self._copy_back(final=False)
        finally:  # cancelled or failed too: what was committed is copied back
            self._copy_back(final=True)

    def _builds(self, parts: Sequence[Sequence[ImportRow]],
                workers: Workers) -> Iterator[BuiltBatch]:
        """Each part's records, events and the store's inserts, in order, made before the
        write lock, so a batch holds the till's write lock only while it inserts and commits.
        A worker beside this process builds up to BUILD_AHEAD batches ahead while this one
        writes. (A thread was measured: no faster, as the inserts need the GIL for every
        row's parameters and seal.)"""
        lead = 1 + (BUILD_AHEAD if workers.beside else 0)
        pending: deque[Callable[[], BuiltBatch]] = deque()
        for part in parts:
            pending.append(workers.submit(build_part, BatchStamp.of(self.ctx), part,
                                          self.staff_id, self.ctx.prepare_import))
            if len(pending) >= lead:
                yield pending.popleft()()
        while pending:
            yield pending.popleft()()

    def _copy_back(self, final: bool) -> None:
        if self.ctx.copy_back_log is not None:
            self.ctx.copy_back_log(final)

    def batch(self, rows: Sequence[ImportRow], built: BuiltBatch, last: bool) -> None:
        """The batch in one transaction. Its mobiles and cards were free when the file was
        checked; a member signed up at the desk since makes the store refuse the insert, and
        only then are they looked up again (each look-up is 2,000 probes of a big index)."""
        try:
            self._commit(rows, built, last, recheck=False)
        except RowsTaken:
            self._commit(rows, built, last, recheck=True)

    def _commit(self, rows: Sequence[ImportRow], built: BuiltBatch, last: bool,
                recheck: bool) -> None:
        ctx = self.ctx
        reached = max([self.job.last_row, *(r.row for r in rows)])
        with ctx.uow() as uow:
            free = self._still_free(uow, rows) if recheck else rows
            if len(free) != len(rows):  # built before the write lock: again without them
                rows = free
                built = build_part(BatchStamp.of(ctx), rows, self.staff_id, ctx.prepare_import)
            _write(ctx, uow, built)
            job = replace(self.job, last_row=reached, imported=self.job.imported + len(rows),
                          finished_at=ctx.now() if last else None)
            uow.imports.save_job(job)
            audit(ctx, uow, "members_imported", self.staff_id, target=str(len(rows)),
                  rows=len(rows), bad_rows=len(self.checked.bad_rows), job=job.id,
                  first_row=rows[0].row if rows else None, last_row=job.last_row)
            uow.commit()
        self.job = job
        self.ids += built.member_ids
        self.done_rows.update(r.row for r in rows)

    def _still_free(self, uow: UnitOfWork, rows: Sequence[ImportRow]) -> Sequence[ImportRow]:
        """The batch's mobiles and cards checked again in its own write transaction."""
        part = replace(self.checked, rows=tuple(rows), errors=())
        taken = uow.reports.mobiles_taken([r.form.mobile for r in rows])
        cards = uow.reports.cards_taken([r.card for r in rows if r.card])
        found = importing.conflicts(part, taken, cards)
        if not found:
            return rows
        self.checked = self.checked.without(found)
        if not self.leave_bad_rows_out:
            raise BadRows(self.checked)
        bad = {e.row for e in found}
        return [r for r in rows if r.row not in bad]


def _write(ctx: ServiceContext, uow: UnitOfWork, built: BuiltBatch) -> None:
    """The batch's rows and events, from the store's inserts when they were prepared."""
    at = ctx.now().isoformat()
    if built.prepared is not None:
        uow.imports.add_members(built.prepared)
        uow.outbox.append_many([(kind, None, member) for kind, member in built.events],
                               occurred_at_iso=at, payloads=built.prepared.payloads,
                               event_ids=built.prepared.event_ids)
    else:
        assert built.batch is not None and built.outbox is not None
        uow.imports.add_members(built.batch)
        uow.outbox.append_many(built.outbox, occurred_at_iso=at)


def export_segment(ctx: ServiceContext, name: str, staff_id: str, *,
                   days: int | None = None, consented_only: bool = True) -> tuple[str, int]:
    """A segment as CSV for messaging; returns (CSV text, members written).

    Only members who consented to marketing messages are written unless told otherwise,
    and every export is audited: full mobile numbers leave the till.
    """
    with guard(ctx, "imports.export_segment", staff_id):
        members = segment_members(ctx, name, days)
        if consented_only:
            members = [m for m in members if m.consent_marketing]
        text = importing.to_csv(EXPORT_HEADER, (_export_row(m) for m in members))
        with ctx.uow() as uow:
            audit(ctx, uow, "segment_exported", staff_id, target=name, count=len(members),
                  consented_only=consented_only)
            uow.commit()
    return text, len(members)


def _export_row(m: analysis.MemberFacts) -> tuple[object, ...]:
    birthday = f"{m.birth_month:02d}-{m.birth_day:02d}" if m.birth_month and m.birth_day else ""
    yuan, fen = divmod(abs(m.revenue_fen), 100)
    revenue = f"{'-' if m.revenue_fen < 0 else ''}{yuan}.{fen:02d}"
    return (m.name, m.mobile, m.card_number, m.tier, m.points,
            m.last_purchase.isoformat() if m.last_purchase else "", m.orders, revenue,
            birthday, "1" if m.consent_marketing else "0")
