"""A one-person store: the manager lets cashiers sign members up; the access table admits the
cashier to members.register only while the store setting is on, and only a manager sets it."""

from __future__ import annotations

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.errors import DomainError
from domain.records import AuditQuery
from domain.services import members
from domain.services import staff as staff_service
from domain.services.audit import page
from domain.services.staff import login

FORM = {"name": "李雷", "mobile": "13912345678", "privacy_accepted": True}


def test_cashiers_sign_up_only_while_the_store_allows_it(app: App) -> None:
    load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357")
    manager = login(app.ctx, "2001", "2468")
    with pytest.raises(DomainError) as err:
        members.register(app.ctx, FORM, cashier.id)
    assert err.value.code == "staff.not_allowed"
    with pytest.raises(DomainError):
        staff_service.set_cashier_signup(app.ctx, cashier, True)  # not the cashier's call
    staff_service.set_cashier_signup(app.ctx, manager, True)
    done = members.register(app.ctx, FORM, cashier.id)
    assert done.created and done.coupons  # with the sign-up coupon
    staff_service.set_cashier_signup(app.ctx, manager, False)
    with pytest.raises(DomainError):
        members.register(app.ctx, {**FORM, "mobile": "13912345679"}, cashier.id)
    changes = page(app.ctx, AuditQuery(action="cashier_signup_set")).entries
    assert [e.details["on"] for e in changes] == [False, True]  # newest first
