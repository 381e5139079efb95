"""Device errors: a stable dotted code and parameters, like every other Kaika error."""

from __future__ import annotations

from domain.errors import DomainError


class DeviceError(DomainError):
    """A device that cannot do what was asked; `code` names the fault, never a sentence.

    Codes are grouped by family: ``device.*`` (addresses, settings, libraries),
    ``printer.*`` (the drawer too: it is the printer's), ``scanner.*``, ``card.*`` (stripe
    reading), ``encoder.*``, ``display.*`` and ``camera.*``. The list with what to check
    is in docs/hardware.md.
    """
