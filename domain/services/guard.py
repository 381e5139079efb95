"""The table of domain/services/access.py enforced inside each use case: the acting staff member,
a manager's approval, the member's PIN proof — and every refusal audited on its own.

A use case runs inside `with guard(ctx, "module.function", staff_id, approval) as grant:`, its
own unit of work inside that. A refusal (`Refused`) rolls the use case's transaction back like
any other, and is then written to the audit trail in a transaction of its own, so a refused
attempt is on record even though nothing else of it is. A proof is claimed while the use case
runs and spent only when it succeeds: a sale refused for an unbalanced payment keeps its
manager's approval.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, assert_never

from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.records import Role, Staff, StoreSettings
from domain.services.access import MANAGERS, Gate, StoreSwitch, gate
from domain.services.context import ServiceContext, audit
from domain.services.proofs import Approval, CardShown, PinProof, fresh

_SHOWN_ID = 64  # how much of an unknown staff id a refusal records (hostile input is long)


class Refused(DomainError):
    """A refusal by the access rules; audited by `guard` after the use case rolled back."""


@dataclass
class Grant:
    """Who is acting, on whose authority, with which proofs claimed."""

    ctx: ServiceContext
    use_case: str
    gate: Gate
    actor: Staff
    authority: str | None = None  # the manager on whose word it is done (approver or actor)
    approver: Staff | None = None
    claimed: list[str] = field(default_factory=list)

    @property
    def is_manager(self) -> bool:
        return self.actor.role in MANAGERS

    def approve(self, presented: object, subject: str | None = None, *,
                uow: UnitOfWork | None = None, **params: Any) -> None:
        """Require a manager's word now: the actor's own when they are a manager, else an
        approval minted for this use case, for this actor, by another manager. `uow`: the use
        case's open transaction, to read the approver in.

        Raises:
            Refused: the gate's code when none is given; approval.invalid, other_action,
                other_staff, self, other_subject, expired, used; staff.not_manager.
        """
        if self.is_manager:
            self.authority = self.actor.id
            return
        if presented is None:
            raise Refused(self.gate.approval, **params)
        if uow is None:
            with self.ctx.reader() as reading:
                approval, approver = check_approval(self.ctx, reading, presented,
                                                    self.use_case, self.actor, subject)
        else:
            approval, approver = check_approval(self.ctx, uow, presented, self.use_case,
                                                self.actor, subject)
        self._claim(approval.token, "approval.used")
        self.authority, self.approver = approver.id, approver

    def pin_paid(self, token: str, member_id: str, sale_id: str, amount_fen: int) -> None:
        """Claim the PIN proof of a wallet payment.

        Raises:
            Refused: wallet.pin_required (no proof, or not one for this payment any more).
        """
        if not pin_proof_ok(self.ctx, token, member_id, sale_id, amount_fen):
            raise Refused("wallet.pin_required", amount_fen=amount_fen)
        self._claim(token, "wallet.pin_required", amount_fen=amount_fen)

    def _claim(self, token: str, code: str, **params: Any) -> None:
        if not self.ctx.proofs.claim(token):
            raise Refused(code, **params)
        self.claimed.append(token)

    def settle(self, spent: bool) -> None:
        for token in self.claimed:
            if spent:
                self.ctx.proofs.spend(token)
            else:
                self.ctx.proofs.release(token)


@contextmanager
def guard(ctx: ServiceContext, use_case: str, staff_id: object, approval: object = None, *,
          subject: str | None = None) -> Iterator[Grant]:
    """Run a use case as `staff_id`; with an approval gate that is always needed, the approval
    is checked (and claimed) before the use case starts."""
    rules = gate(use_case)
    actor = _stored(ctx, staff_id)
    grant: Grant | None = None
    try:
        grant = Grant(ctx, use_case, rules, admitted(actor, rules, staff_id,
                                                     _setting_roles(ctx, rules)))
        if rules.approval and not rules.when:
            grant.approve(approval, subject)
        yield grant
    except Refused as refused:
        if grant is not None:
            grant.settle(spent=False)
        _record_refusal(ctx, use_case, staff_id, actor, refused)
        raise
    except BaseException:
        if grant is not None:
            grant.settle(spent=False)
        raise
    else:
        grant.settle(spent=True)


def _stored(ctx: ServiceContext, staff_id: object) -> Staff | None:
    if not isinstance(staff_id, str) or not staff_id:
        return None
    with ctx.reader() as uow:
        return uow.staff.get(staff_id)


def may(ctx: ServiceContext, use_case: str, staff: Staff) -> bool:
    """Whether `staff` may do `use_case` now, by role or by a store setting (a screen asks
    before it offers the use case; the use case checks again when it runs)."""
    rules = gate(use_case)
    return staff.active and (staff.role in rules.roles
                             or staff.role in _setting_roles(ctx, rules))


def _setting_roles(ctx: ServiceContext, rules: Gate) -> frozenset[Role]:
    """The roles a store setting admits to this use case now (none while it is off)."""
    if not rules.setting:
        return frozenset()
    with ctx.reader() as uow:
        on = switch_on(uow.settings.get(), rules.setting)
    return rules.setting_roles if on else frozenset()


def switch_on(settings: StoreSettings, switch: StoreSwitch) -> bool:
    """Whether the store setting a gate names is on now."""
    match switch:
        case "cashier_signup":
            return settings.cashier_signup
        case "":
            return False
        case _:
            assert_never(switch)


def admitted(actor: Staff | None, rules: Gate, staff_id: object,
             also: frozenset[Role] = frozenset()) -> Staff:
    """The acting staff member as stored now, if active and in one of the gate's roles (or
    of `also`, the roles a store setting admits).

    Raises:
        Refused: staff.not_found, staff.inactive, staff.not_allowed.
    """
    if actor is None:
        raise Refused("staff.not_found", staff_id=_shown(staff_id))
    if not actor.active:
        raise Refused("staff.inactive", number=actor.number)
    if actor.role not in rules.roles | also:
        raise Refused("staff.not_allowed", number=actor.number, role=actor.role.value)
    return actor


def check_approval(ctx: ServiceContext, uow: UnitOfWork, presented: object, use_case: str,
                   actor: Staff, subject: str | None) -> tuple[Approval, Staff]:
    """The minted approval `presented` stands for, if it may be used for this now."""
    approval = ctx.proofs.minted(presented)
    if not isinstance(approval, Approval):
        raise Refused("approval.invalid")
    if approval.action != use_case:
        raise Refused("approval.other_action", action=approval.action)
    if approval.requested_by != actor.id:
        raise Refused("approval.other_staff")
    if approval.approver_id == actor.id:
        raise Refused("approval.self")
    if subject is not None and approval.subject != subject:
        raise Refused("approval.other_subject")
    if not fresh(approval, ctx.now()):
        raise Refused("approval.expired")
    if not ctx.proofs.is_free(approval.token):
        raise Refused("approval.used")
    approver = uow.staff.get(approval.approver_id)
    if approver is None or not approver.active or approver.role not in MANAGERS:
        raise Refused("staff.not_manager", number=approver.number if approver else "")
    return approval, approver


def card_shown_ok(ctx: ServiceContext, shown: object, member_id: str | None) -> bool:
    """Whether `shown` is a record this process minted when the card of `member_id` was
    swiped or scanned at the till (or its dynamic QR read), still within its time."""
    proof = ctx.proofs.minted(shown)
    return (isinstance(proof, CardShown) and member_id is not None
            and proof.member_id == member_id and fresh(proof, ctx.now()))


def pin_proof_ok(ctx: ServiceContext, token: str, member_id: str, sale_id: str,
                 amount_fen: int) -> bool:
    """Whether `token` proves the member's PIN for a wallet payment of `amount_fen` in this
    sale, now (not used up, not expired)."""
    proof = ctx.proofs.minted_token(token)
    return (isinstance(proof, PinProof) and proof.member_id == member_id
            and proof.sale_id == sale_id and amount_fen <= proof.amount_fen
            and fresh(proof, ctx.now()) and ctx.proofs.is_free(token))


def _record_refusal(ctx: ServiceContext, use_case: str, staff_id: object, actor: Staff | None,
                    refused: Refused) -> None:
    with ctx.uow() as uow:
        details: dict[str, Any] = {"code": refused.code}
        if actor is None:
            details["staff_id_given"] = _shown(staff_id)
        audit(ctx, uow, "access_refused", actor.id if actor else None, target=use_case,
              **details)
        uow.commit()


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text[:_SHOWN_ID]
