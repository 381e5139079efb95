"""The rules page's logic without Qt widgets: the pack in force, a candidate, a trial, a switch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop import bootstrap, i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.viewmodels.env import TillEnv
from domain.errors import DomainError, RulePackError
from domain.progress import NO_PROGRESS, Progress
from domain.records import Staff
from domain.rulepack import RulePack
from domain.scenario import Scenario
from domain.services import rules as rule_services
from domain.services.rules import StepOutcome, Trial, TrialRun

# The name pyside6-lupdate looks for: translate("context", "literal") is collected.
translate = QCoreApplication.translate

CONTEXT = "rules"
TRYING = QT_TRANSLATE_NOOP("progress", "Copying the store and running the scenario twice")
BUILT_IN = ""  # the scenario choice that means the built-in baskets

# What each `rulepack.invalid` problem code means, for the line under the file name.
PROBLEMS: dict[str, str] = {
    "unknown_key": QT_TRANSLATE_NOOP("rules", "this key is not known (a typing mistake?)"),
    "missing": QT_TRANSLATE_NOOP("rules", "this key is required"),
    "not_integer": QT_TRANSLATE_NOOP("rules", "must be a whole number"),
    "not_number": QT_TRANSLATE_NOOP("rules", 'must be a number in quotes, e.g. "0.85"'),
    "not_string": QT_TRANSLATE_NOOP("rules", "must be text in quotes"),
    "not_boolean": QT_TRANSLATE_NOOP("rules", "must be true or false"),
    "not_date": QT_TRANSLATE_NOOP("rules", "must be a date, e.g. 2025-05-06"),
    "out_of_range": QT_TRANSLATE_NOOP("rules", "the value is out of range"),
    "not_one_of": QT_TRANSLATE_NOOP("rules", "must be one of the allowed words"),
    "not_ascending": QT_TRANSLATE_NOOP("rules", "must rise from one entry to the next"),
    "duplicate": QT_TRANSLATE_NOOP("rules", "the same name appears twice"),
    "unknown_class": QT_TRANSLATE_NOOP("rules", "not a product class"),
    "unknown_tier": QT_TRANSLATE_NOOP("rules", "no tier has this name"),
    "unknown_template": QT_TRANSLATE_NOOP("rules", "no coupon template has this code"),
    "missing_validity": QT_TRANSLATE_NOOP("rules", "give valid_days or valid_from and valid_to"),
    "both_validities": QT_TRANSLATE_NOOP("rules", "give valid_days or the dates, not both"),
    "before_start": QT_TRANSLATE_NOOP("rules", "ends before it starts"),
    "syntax": QT_TRANSLATE_NOOP("rules", "the file is not valid TOML"),
    "not_utf8": QT_TRANSLATE_NOOP("rules", "the file is not UTF-8 text"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, slots=True)
class PackProblem:
    """Where a pack file is wrong, each part ready to show."""

    file: str
    key: str
    problem: str


def describe_problem(err: DomainError) -> PackProblem:
    """File, key (with the line for a syntax error) and what is wrong, in the UI language."""
    params = err.params
    if err.code == "rulepack.not_found":
        return PackProblem(
            str(params.get("name", "")), "", translate("rules", "there is no such file")
        )
    key = str(params.get("key") or "")
    if params.get("line"):
        key = translate("rules", "line {line}").format(line=params["line"])
    code = str(params.get("problem", ""))
    text = _tr(PROBLEMS[code]) if code in PROBLEMS else code
    if params.get("choices"):
        text += f" ({', '.join(str(c) for c in params['choices'])})"
    elif "low" in params or "high" in params:
        text += f" ({params.get('value')}: {_bounds(params.get('low'), params.get('high'))})"
    return PackProblem(str(params.get("file", "")), key or "—", text)


def _bounds(low: object, high: object) -> str:
    if low is None:
        return f"≤ {high}"
    if high is None:
        return f"≥ {low}"
    return f"{low} – {high}"


class RulesModel:
    """The pack in force, a candidate loaded from a file, and their trial on a scenario."""

    def __init__(self, env: TillEnv) -> None:
        self.env = env
        self.candidate: RulePack | None = None
        self.source: Path | None = None
        self.trial: Trial | None = None

    @property
    def current(self) -> RulePack:
        return self.env.ctx.pack

    def load(self, path: Path) -> RulePack:
        """Validate a pack file; on a mistake the candidate is dropped and RulePackError raised."""
        self.candidate, self.source, self.trial = None, None, None
        pack = rule_services.check_pack(path)
        self.candidate, self.source = pack, path
        return pack

    def scenarios(self) -> list[tuple[str, str]]:
        """(choice, label): the built-in baskets first, then the shipped scenario files."""
        found = [
            (BUILT_IN, translate("rules", "Built-in: one member's baskets and a top-up today"))
        ]
        for path in rule_services.bundled_scenarios():
            found.append((str(path), path.stem))
        return found

    def scenario(self, choice: str) -> Scenario:
        if choice == BUILT_IN:
            return rule_services.basket_scenario(self.env.ctx.local_date())
        return rule_services.load_scenario(Path(choice))

    def try_candidate(self, choice: str) -> Trial:
        """The scenario under the pack in force and under the candidate, on store copies."""
        self.trial = self.trial_job(choice)(NO_PROGRESS)
        return self.trial

    def trial_job(self, choice: str) -> Callable[[Progress], Trial]:
        """The trial as a job for the window's task runner: each run copies the whole store
        database first (minutes at a million members). The model is not touched until the
        page hands the trial back."""
        if self.candidate is None:
            raise DomainError("rules.no_candidate")
        ctx, candidate = self.env.ctx, self.candidate

        def job(progress: Progress) -> Trial:
            progress.step(0, None, TRYING)
            return rule_services.try_pack(
                self.scenario(choice), ctx.pack, candidate,
                lambda pack, clock: bootstrap.scratch_copy(ctx, pack, clock))
        return job

    def switch(self, actor: Staff) -> RulePack:
        if self.candidate is None or self.source is None:
            raise DomainError("rules.no_candidate")
        ctx = self.env.ctx
        pack = rule_services.switch_pack(ctx, actor, self.source, bootstrap.rulepack_folder(ctx))
        self.candidate, self.source, self.trial = None, None, None
        return pack

    def trial_rows(self) -> list[list[str]]:
        """Step by step: what happened under each pack, side by side, then the totals."""
        if self.trial is None:
            return []
        now, new = self.trial.current, self.trial.candidate
        rows = [
            [str(a.index + 1), _step_name(a), *_pair(a, b)]
            for a, b in zip(now.steps, new.steps, strict=True)
        ]
        rows.append([translate("rules", "Total"), "", *_totals(now), *_totals(new)])
        return rows

    def trial_headers(self) -> list[str]:
        if self.trial is None:
            return []
        now, new = self.trial.current.pack_title, self.trial.candidate.pack_title
        cells = [
            translate("rules", "Paid"),
            translate("rules", "Discount"),
            translate("rules", "Points"),
            translate("rules", "Tier"),
        ]
        return [
            translate("rules", "Step"),
            translate("rules", "What"),
            *(f"{c}\n{now}" for c in cells),
            *(f"{c}\n{new}" for c in cells),
        ]


def _step_name(step: StepOutcome) -> str:
    names = {
        "sale": translate("rules", "Sale"),
        "return": translate("rules", "Return"),
        "topup": translate("rules", "Top-up"),
        "register": translate("rules", "Sign-up"),
        "bonus": translate("rules", "Bonus points"),
        "adjust": translate("rules", "Adjustment"),
        "voucher": translate("rules", "Voucher"),
        "close_wallet": translate("rules", "Wallet closed"),
        "close_day": translate("rules", "Day close"),
    }
    return f"{names.get(step.kind, step.kind)} {step.member}".strip()


def _cells(step: StepOutcome) -> list[str]:
    if step.error is not None:
        return [translate("rules", "refused: {code}").format(code=step.error), "", "", step.tier]
    paid = i18n.money(step.due_fen) if step.due_fen is not None else ""
    if step.bonus_fen:
        paid = translate("rules", "bonus {amount}").format(amount=i18n.money(step.bonus_fen))
    return [
        paid,
        i18n.money(step.discount_fen) if step.discount_fen else "",
        i18n.number(step.points) if step.points else "",
        step.tier,
    ]


def _pair(a: StepOutcome, b: StepOutcome) -> list[str]:
    return [*_cells(a), *_cells(b)]


def _totals(run: TrialRun) -> list[str]:
    return [
        i18n.money(run.paid_fen),
        i18n.money(run.discount_fen),
        i18n.number(run.points),
        run.final_tier,
    ]


def is_pack_error(err: DomainError) -> bool:
    return isinstance(err, RulePackError) or err.code.startswith("rulepack.")
