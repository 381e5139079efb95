"""Editing a member's profile at the front desk: checked like the application form, audited
with personal data masked, and sent to head office as `member.patched` with an HLC stamp.

Head office merges profile fields one by one, last writer wins by hybrid logical clock, with a
marketing opt-out beating an opt-in made within a day of it (docs/sync-events.md); so the
event carries only the fields that really changed, each edit stamped after every stamp this
till made or learnt (domain/hlc.py). The resident ID number never leaves the till: changing it
changes the birthday it implies, and only the birthday is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from domain import forms
from domain.errors import DomainError, NotFound, ValidationError
from domain.events import MemberPatched
from domain.ports import UnitOfWork
from domain.records import Member, MemberStatus
from domain.services.context import ServiceContext, audit, emit, to_wire
from domain.services.guard import guard

BIRTHDAY = ("birth_year", "birth_month", "birth_day")
# Form keys the front desk may change, and the member fields each one sets.
EDITABLE: dict[str, tuple[str, ...]] = {
    "name": ("name",), "mobile": ("mobile",), "gender": ("gender",), "birthday": BIRTHDAY,
    "birth_year": BIRTHDAY, "birth_month": BIRTHDAY, "birth_day": BIRTHDAY,
    "id_number": ("id_number",), "occupation": ("occupation",),
    "income_band": ("income_band",), "address": ("address",), "email": ("email",),
    "source": ("source",), "consent_marketing": ("consent_marketing",),
    "consent_alliance": ("consent_alliance",), "tags": ("tags",),
    "notes": ("notes",),
}
_FIELDS = (*dict.fromkeys(f for fs in EDITABLE.values() for f in fs), "consent_marketing_at",
           "consent_alliance_at")
# On the form, but settled at sign-up: who referred the member, and the privacy acceptance.
NOT_EDITABLE = frozenset({"referrer", "privacy_accepted"})
LOCAL_ONLY = frozenset({"id_number"})  # kept at this till, never sent (DOMAIN §3)
_MASKS = {"name": forms.mask_name, "mobile": forms.mask_mobile,
          "id_number": forms.mask_id_number}
_HIDDEN = frozenset({"address", "email", "notes", *BIRTHDAY})  # the audit says "changed" only
# Valid stand-ins for unchanged context fields the stored record fails (never saved).
_STAND_IN: dict[str, dict[str, object]] = {
    "name": {"name": "-"}, "mobile": {"mobile": "13000000000"}, "id_number": {"id_number": ""}}


def update_member(ctx: ServiceContext, member_id: str, changes: Mapping[str, object],
                  staff_id: str) -> Member:
    """Change some profile fields; returns the member as saved.

    Raises forms.FormErrors naming every bad field (an unknown or not editable key, a value
    the application form refuses, a mobile another member has), NotFound `member.unknown`,
    DomainError `member.closed`. Changing nothing writes nothing.
    """
    _check_keys(changes)
    with guard(ctx, "profiles.update_member", staff_id), ctx.uow() as uow:
        member = _editable(uow, member_id)
        form = _validated(ctx, member, changes)
        updated = _updated(ctx, member, form, _fields_of(changes, form))
        changed = [f for f in _FIELDS if getattr(member, f) != getattr(updated, f)]
        if not changed:
            return member
        _check_mobile(uow, updated)
        uow.members.save(updated)
        audit(ctx, uow, "member_updated", staff_id, target=member.id,
              changes={f: [_masked(f, getattr(member, f)), _masked(f, getattr(updated, f))]
                       for f in changed})
        _send(ctx, uow, updated, [f for f in changed if f not in LOCAL_ONLY])
        uow.commit()
    return updated


def _check_keys(changes: Mapping[str, object]) -> None:
    errors = [ValidationError("profile.field_not_editable", field=str(key))
              if key in NOT_EDITABLE else ValidationError("form.unknown_field", field=str(key))
              for key in changes if key not in EDITABLE]
    if errors:
        raise forms.FormErrors(errors)


def _editable(uow: UnitOfWork, member_id: str) -> Member:
    member = uow.members.get(member_id)
    if member is None:
        raise NotFound("member.unknown", member_id=member_id)
    if member.status is MemberStatus.CLOSED:
        raise DomainError("member.closed", member_id=member_id)
    return member


def _context(member: Member, changes: Mapping[str, object]) -> dict[str, object]:
    """What the form needs besides the changes: the required fields, and what a changed
    birthday is checked against (the ID number) or completed with (the other parts)."""
    raw: dict[str, object] = {"name": member.name, "mobile": member.mobile,
                              "privacy_accepted": True}
    keys = set(changes)
    if keys & {"birthday", *BIRTHDAY} and "id_number" not in keys:
        raw["id_number"] = member.id_number or ""
    if keys & set(BIRTHDAY) and "birthday" not in keys:
        raw.update({k: getattr(member, k) for k in BIRTHDAY})
    return raw


def _validated(ctx: ServiceContext, member: Member,
               changes: Mapping[str, object]) -> forms.MemberForm:
    """The application form's checks on the changed fields. A problem only in what was not
    changed (an old record imported with a bad mobile) is put aside, so a record can be put
    right one field at a time."""
    raw = {**_context(member, changes), **changes}
    touched = {"birthday" if k in BIRTHDAY else k for k in changes}
    if "id_number" in touched:
        touched.add("birthday")  # an ID number that disagrees with the birthday given
    try:
        return forms.validate_member_form(raw, ctx.local_date())
    except forms.FormErrors as problems:
        mine = [e for e in problems.errors if e.params.get("field") in touched]
        if mine:
            raise forms.FormErrors(mine) from None
        for error in problems.errors:
            raw.update(_STAND_IN.get(str(error.params.get("field")), {}))
    return forms.validate_member_form(raw, ctx.local_date())


def _fields_of(changes: Mapping[str, object], form: forms.MemberForm) -> set[str]:
    fields = {f for key in changes for f in EDITABLE[key]}
    if "id_number" in changes and form.id_number is not None:
        fields.update(BIRTHDAY)  # the birthday follows a new ID number
    return fields


def _updated(ctx: ServiceContext, member: Member, form: forms.MemberForm,
             fields: set[str]) -> Member:
    values: dict[str, Any] = {f: getattr(form, f) for f in fields}
    if "tags" in values:
        values["tags"] = tuple(values["tags"])
    if "consent_marketing" in values and values["consent_marketing"] != member.consent_marketing:
        values["consent_marketing_at"] = ctx.now()  # when the member gave or withdrew it
    if "consent_alliance" in values and values["consent_alliance"] != member.consent_alliance:
        values["consent_alliance_at"] = ctx.now()
    return replace(member, **values)


def _check_mobile(uow: UnitOfWork, member: Member) -> None:
    owner = uow.members.by_mobile(member.mobile)
    if owner is not None and owner.id != member.id:
        raise forms.FormErrors([ValidationError("profile.mobile_taken", field="mobile")])


def _masked(field: str, value: object) -> object:
    """Personal data in the audit trail (which goes to head office) shows only its shape."""
    if value is None or value == "":
        return value
    if field in _MASKS:
        return _MASKS[field](str(value))
    if field in _HIDDEN:
        return "***"
    return to_wire(value)


def _send(ctx: ServiceContext, uow: UnitOfWork, member: Member, fields: list[str]) -> None:
    """`member.patched` with the changed fields and this edit's hybrid-clock stamp."""
    if not fields:
        return
    emit(ctx, uow, MemberPatched(member.id, {f: to_wire(getattr(member, f)) for f in fields},
                                 _stamp(ctx, uow, member.id)))


def _stamp(ctx: ServiceContext, uow: UnitOfWork, member_id: str) -> str:
    return str(uow.hlc.next_stamp(member_id, ctx.now()))
