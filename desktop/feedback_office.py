"""Sentences for what the front desk and the manager's pages can be refused (codes → text)."""

from __future__ import annotations

from desktop.i18n import QT_TRANSLATE_NOOP

MESSAGES: dict[str, str] = {
    "staff.not_allowed": QT_TRANSLATE_NOOP(
        "feedback", "Your role may not open this. Ask a manager."),
    "printer.not_configured": QT_TRANSLATE_NOOP(
        "feedback", "No receipt printer is set up at this till."),
    # --- front desk: application form, cards -------------------------------------------------
    # --- front desk: stored value, gifts, lucky draw, events ---------------------------------
    # --- front desk: member look-up and statement, import and export -------------------------
    # --- manager: daily points report, Z-report, tiers, analysis -------------------------------
    # --- manager: rules, staff and roles, audit trail -----------------------------------------
}
