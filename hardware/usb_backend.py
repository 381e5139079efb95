"""pyusb's backend (libusb) found once per use, so a missing libusb is named as such."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hardware.errors import DeviceError

# Returns pyusb's backend object, or None when no libusb/libusb0/OpenUSB library is there.
BackendFinder = Callable[[], Any]


def system_backend() -> Any:
    """The first backend pyusb can load on this machine, or None."""
    try:
        from usb.backend import libusb0, libusb1, openusb
    except ImportError:
        raise DeviceError("device.dependency_missing", library="pyusb") from None
    for module in (libusb1, libusb0, openusb):
        backend = module.get_backend()
        if backend is not None:
            return backend
    return None


def require_backend(finder: BackendFinder = system_backend) -> Any:
    """The backend, or device.libusb_missing: pyusb is installed but finds no libusb."""
    backend = finder()
    if backend is None:
        raise DeviceError("device.libusb_missing", library="libusb-1.0")
    return backend
