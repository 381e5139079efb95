"""Every back-office page, in the order of the navigation list (roles decide who sees which)."""

from __future__ import annotations

from desktop.screens.office import Page


def office_pages() -> list[Page]:
    # Imported here: the pages pull in charts and PDF writers a cashier's till never needs.
    pages: list[Page] = []
    # --- front desk: application form, cards -------------------------------------------------
    # --- front desk: stored value, gifts, lucky draw, events ---------------------------------
    # --- front desk: member look-up and statement, import and export -------------------------
    # --- manager: daily points report, Z-report, tiers, analysis -------------------------------
    # --- manager: rules, staff and roles, audit trail -----------------------------------------
    return pages
