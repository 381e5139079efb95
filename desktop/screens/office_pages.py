"""Every back-office page, in the order of the navigation list (roles decide who sees which)."""

from __future__ import annotations

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.office import ADMIN_ROLES, DESK_ROLES, MANAGER_ROLES, Page


def office_pages() -> list[Page]:
    # Imported here: the pages pull in charts and PDF writers a cashier's till never needs.
    pages: list[Page] = []
    # --- front desk: application form, cards -------------------------------------------------
    from desktop.screens.desk.application import ApplicationPage
    from desktop.screens.desk.cards import CardsPage

    pages += [
        Page("desk_application", QT_TRANSLATE_NOOP("office", "Application form"), DESK_ROLES,
             ApplicationPage),
        Page("desk_cards", QT_TRANSLATE_NOOP("office", "Cards"), DESK_ROLES, CardsPage),
    ]
    # --- front desk: stored value, gifts, lucky draw, events ---------------------------------
    from desktop.screens.desk import draw as desk_draw
    from desktop.screens.desk import events as desk_events
    from desktop.screens.desk import rewards as desk_rewards
    from desktop.screens.desk import wallet as desk_wallet

    pages += [
        Page("desk_wallet", QT_TRANSLATE_NOOP("office", "Stored value"), DESK_ROLES,
             desk_wallet.make),
        Page("desk_rewards", QT_TRANSLATE_NOOP("office", "Gifts and vouchers"), DESK_ROLES,
             desk_rewards.make),
        Page("desk_draw", QT_TRANSLATE_NOOP("office", "Lucky draw"), DESK_ROLES,
             desk_draw.make),
        Page("desk_events", QT_TRANSLATE_NOOP("office", "Events"), DESK_ROLES,
             desk_events.make),
    ]
    # --- front desk: member look-up and statement, import and export -------------------------
    from desktop.screens.desk.importer import make_import
    from desktop.screens.desk.lookup import make_lookup

    pages.append(Page("desk_lookup", QT_TRANSLATE_NOOP("office", "Members"), DESK_ROLES,
                      make_lookup))
    pages.append(Page("desk_import", QT_TRANSLATE_NOOP("office", "Import and export"),
                      MANAGER_ROLES, make_import))
    # --- manager: daily points report, Z-report, tiers, analysis -------------------------------
    from desktop.screens.manage.analysis import AnalysisPage
    from desktop.screens.manage.points_report import PointsReportPage
    from desktop.screens.manage.tiers import TiersPage
    from desktop.screens.manage.z_report import ZReportPage

    pages += [
        Page("manage_points", QT_TRANSLATE_NOOP("office", "Daily points report"), MANAGER_ROLES,
             PointsReportPage),
        Page("manage_z", QT_TRANSLATE_NOOP("office", "Z-report and day close"), MANAGER_ROLES,
             ZReportPage),
        Page("manage_tiers", QT_TRANSLATE_NOOP("office", "Tiers"), MANAGER_ROLES, TiersPage),
        Page("manage_analysis", QT_TRANSLATE_NOOP("office", "Analysis"), MANAGER_ROLES,
             AnalysisPage),
    ]
    # --- manager: rules, staff and roles, audit trail -----------------------------------------
    from desktop.screens.manage.audit import AuditPage
    from desktop.screens.manage.rules import RulesPage
    from desktop.screens.manage.staff import StaffPage

    pages += [
        Page("manage_rules", QT_TRANSLATE_NOOP("office", "Rules"), MANAGER_ROLES, RulesPage),
        Page("manage_staff", QT_TRANSLATE_NOOP("office", "Staff and roles"), MANAGER_ROLES,
             StaffPage),
        Page("manage_audit", QT_TRANSLATE_NOOP("office", "Audit trail"), MANAGER_ROLES,
             AuditPage),
    ]
    # --- administrator: the till's devices -----------------------------------------------------
    from desktop.screens.manage.devices import DevicesPage

    pages.append(Page("manage_devices", QT_TRANSLATE_NOOP("office", "Devices"), ADMIN_ROLES,
                      DevicesPage))
    return pages
