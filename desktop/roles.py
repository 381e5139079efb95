"""Which roles the till's window sends where: the back office, its manager and admin pages."""

from __future__ import annotations

from domain.records import Role

# Kept apart from desktop/screens/office.py so the window can route a log-in without loading
# the back office, which loads when someone first opens it.
DESK_ROLES = frozenset({Role.FRONT_DESK, Role.MANAGER, Role.ADMIN})
MANAGER_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
ADMIN_ROLES = frozenset({Role.ADMIN})  # the till's own set-up (its devices)
