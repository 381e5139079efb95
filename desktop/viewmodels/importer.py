"""Member import and segment export for the manager, without Qt: file, mapping, dry run."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.sheets import read_table
from desktop.viewmodels.env import TillEnv
from domain import importing
from domain.errors import DomainError, ValidationError
from domain.importing import Checked, RowError, Table
from domain.progress import NO_PROGRESS, Progress
from domain.services import imports

READING = QT_TRANSLATE_NOOP("progress", "Reading the file")
CHECKING = QT_TRANSLATE_NOOP("progress", "Checking every row")
IMPORTING = QT_TRANSLATE_NOOP("progress", "Importing members")
EXPORTING = QT_TRANSLATE_NOOP("progress", "Writing the segment")
PREVIEW_ROWS = 5
# Fields shown first in the mapping editor: what every old system exports.
FIELDS = importing.FIELDS


@dataclass(frozen=True, slots=True)
class Sheet:
    path: Path
    table: Table

    @property
    def row_count(self) -> int:
        return sum(1 for row in self.table.rows if any(row))

    def preview(self, count: int = PREVIEW_ROWS) -> list[tuple[int, tuple[str, ...]]]:
        """(sheet row, cells) of the first rows, as the file has them."""
        return [(self.table.first_row + i, row)
                for i, row in enumerate(self.table.rows[:count])]


@dataclass(frozen=True, slots=True)
class DryRun:
    """What a dry run found, with the mapping it was run for."""

    mapping: dict[str, str]
    checked: Checked


def problem_error(problem: RowError) -> DomainError:
    """A row's problem as a refusal feedback can put into words (row lists as "3, 7")."""
    params = {k: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
              for k, v in problem.params.items()}
    return DomainError(problem.code, field=problem.field, **params)


class ImportModel:
    """One file at a time; the import is only offered for the mapping last dry-run.

    Reading the file, the dry run, the import and an export are long at a large store: each
    is offered as a job for the window's task runner (`*_job`, run on its thread with its
    own units of work), and what it found is handed back here on the window's thread.
    """

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        self.sheet: Sheet | None = None
        self.checked: Checked | None = None
        self._checked_mapping: dict[str, str] | None = None

    def open(self, path: Path) -> Sheet:
        return self.adopt(read_sheet(path))

    def adopt(self, sheet: Sheet) -> Sheet:
        """A file was read: it replaces the last one, and any dry run of it is void."""
        self.sheet, self.checked, self._checked_mapping = sheet, None, None
        return sheet

    def suggested(self) -> dict[str, str]:
        """field -> column, as `kaika import` would map the header by itself."""
        header = self._sheet().table.header
        try:
            by_column = importing.resolve_mapping(header, {})
        except ValidationError:
            # Name or mobile not recognised: still offer every column that was.
            by_column = {c: f for c in header
                         if (f := c if c in FIELDS else importing.ALIASES.get(c, ""))}
        return {field: column for column, field in by_column.items()}

    def dry_run(self, fields: Mapping[str, str]) -> Checked:
        return self.adopt_check(self.dry_run_job(fields)(NO_PROGRESS))

    def dry_run_job(self, fields: Mapping[str, str]) -> Callable[[Progress], DryRun]:
        ctx, table, mapping = self.env.ctx, self._sheet().table, by_column(fields)

        def job(progress: Progress) -> DryRun:
            progress.step(0, None, CHECKING)
            return DryRun(mapping, imports.dry_run(ctx, table, mapping))
        return job

    def adopt_check(self, found: DryRun) -> Checked:
        self.checked, self._checked_mapping = found.checked, found.mapping
        return found.checked

    def may_import(self, fields: Mapping[str, str]) -> bool:
        return (self.checked is not None and bool(self.checked.rows)
                and self._checked_mapping == by_column(fields))

    def run_import(self, fields: Mapping[str, str], staff_id: str) -> imports.Imported:
        return self.imported(self.import_job(fields, staff_id)(NO_PROGRESS))

    def import_job(self, fields: Mapping[str, str], staff_id: str
                   ) -> Callable[[Progress], imports.Imported]:
        """Every good row, in batches the service commits one by one (it checks them again;
        the same file after a crash continues); bad rows are left out and stay listed.
        Refused here, before any job, unless this mapping was dry-run."""
        if not self.may_import(fields):
            raise DomainError("import.not_checked" if self.checked is None or
                              self._checked_mapping != by_column(fields)
                              else "import.nothing_to_import")
        ctx, table, mapping = self.env.ctx, self._sheet().table, by_column(fields)

        def job(progress: Progress) -> imports.Imported:
            progress.step(0, None, IMPORTING)
            return imports.import_members(ctx, table, mapping, staff_id, progress=progress)
        return job

    def imported(self, done: imports.Imported) -> imports.Imported:
        self.checked, self._checked_mapping = None, None  # the same file again is all taken
        return done

    def export(self, segment: str, consented_only: bool, path: Path,
               staff_id: str) -> int:
        return self.export_job(segment, consented_only, path, staff_id)(NO_PROGRESS)

    def export_job(self, segment: str, consented_only: bool, path: Path,
                   staff_id: str) -> Callable[[Progress], int]:
        ctx = self.env.ctx

        def job(progress: Progress) -> int:
            progress.step(0, None, EXPORTING)
            text, count = imports.export_segment(ctx, segment, staff_id,
                                                 consented_only=consented_only)
            try:
                path.write_bytes(text.encode("utf-8"))
            except OSError as err:
                raise DomainError("lookup.save_failed", path=str(path),
                                  reason=err.strerror or type(err).__name__) from err
            return count
        return job

    def _sheet(self) -> Sheet:
        if self.sheet is None:
            raise DomainError("import.not_checked")
        return self.sheet


def read_sheet(path: Path, progress: Progress = NO_PROGRESS) -> Sheet:
    """The file as a table (a job for the task runner: a large export takes seconds)."""
    progress.step(0, None, READING)
    try:
        table = read_table(path)
    except (UnicodeDecodeError, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        if isinstance(err, DomainError):
            raise
        raise ValidationError("import.file_unreadable", field="file",
                              reason=type(err).__name__) from err
    return Sheet(path, table)


def by_column(fields: Mapping[str, str]) -> dict[str, str]:
    """The editor's field -> column as the services' column -> field; blanks dropped."""
    return {column: field for field, column in fields.items() if column}
