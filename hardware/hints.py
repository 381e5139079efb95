"""What to check for each device error code: one English line for the command line.

The till shows translated sentences from desktop/feedback.py; this table serves
`kaika hardware ...` and support logs, where an installer reads it next to the device.
"""

from __future__ import annotations

from domain.errors import DomainError

_EXACT = {
    "device.address_invalid": "the device URL is malformed; see docs/hardware.md for examples",
    "device.address_unsupported": "this kind of address does not fit this device",
    "device.dependency_missing": "a library is missing: install the one named above",
    "device.libusb_missing": "pyusb finds no libusb: install libusb-1.0 (Linux: apt install "
                             "libusb-1.0-0), or print through the Windows queue (win32://)",
    "device.trial_failed": "the trial failed unexpectedly: the log has the details",
    "camera.not_installed": "camera scanning is not installed: add the camera part "
                            "(docs/installing.md) or use a hand scanner",
    "device.setting_invalid": "a device setting has a value Kaika does not know",
    "device.file_invalid": "the devices file has mistakes: each is listed with what is allowed",
    "printer.paper_out": "load a paper roll and close the cover; the receipt waits for reprint",
    "printer.cover_open": "close the printer cover",
    "printer.error": "the printer reports an error (cutter jam or overheating): switch it "
                     "off and on",
    "printer.font_missing": "no Chinese font on this computer: install fonts-wqy-microhei "
                            "(Linux) or set font_path",
    "card.bank_card": "this is a bank card: take card payments on the bank terminal",
    "card.garbage": "the stripe was not read cleanly: swipe again, steadily",
    "card.truncated": "the swipe was cut short: swipe again in one movement",
    "card.lrc_mismatch": "the stripe was misread: swipe again; if it keeps failing the card "
                         "is damaged",
    "card.no_data": "no track came through: is the stripe facing the reader head?",
    "card.no_swipe": "no card was swiped in time",
    "card.unreadable": "the card could not be read: swipe again or type the card number",
    "card.secret_missing": "no card secret configured: pass --secret-hex or set "
                           "KAIKA_CARD_SECRET",
    "card.bad_number": "not a valid 13-digit card number (check digit)",
    "card.bad_expiry": "the expiry must be YYMM",
    "encoder.no_swipe": "no card was swiped in time: swipe the card through the encoder",
    "encoder.write_failed": "the write failed: check the card is blank, Hi-Co/Lo-Co matches, "
                            "swipe again",
    "encoder.bad_swipe": "swipe the card in the direction of the arrow, at an even speed",
    "encoder.verify_mismatch": "the card reads back differently: use a new card",
    "encoder.bad_reply": "the encoder answered something unexpected: check the baud rate "
                         "(9600)",
    "encoder.command_format": "the encoder refused the command: is it an MSR206/MSR605?",
    "encoder.invalid_command": "the encoder does not know the command: is it an MSR206/MSR605?",
    "encoder.data_invalid": "the track data has characters a stripe cannot hold",
    "encoder.failed": "the encoder reports a general failure: unplug it and plug it in again",
    "scanner.garbage": "the scanner sent unreadable bytes: check its baud rate and that it "
                       "sends ASCII",
    "scanner.truncated": "the code came without its end (CR): set the scanner's suffix to CR",
    "scanner.not_ascii": "member codes are ASCII: switch off the input method / check the "
                         "scanner",
    "scanner.check_digit": "the code's check digit is wrong: scan again",
    "scanner.empty": "an empty code: scan again",
}
_BY_FAULT = {
    "offline": "not reachable: is it switched on, cabled, and is the address right?",
    "timeout": "it stopped answering: check cable and power, then try again",
    "disconnected": "the connection dropped: check the cable or network, then try again",
    "permission_denied": "no permission to open the port (Linux: add the user to 'dialout' "
                         "or 'lp')",
    "io_error": "the port reported an error: unplug the device and plug it in again",
}


def hint(code: str) -> str:
    if code in _EXACT:
        return _EXACT[code]
    fault = code.rsplit(".", 1)[-1]
    return _BY_FAULT.get(fault, "see docs/hardware.md")


def error_line(error: DomainError) -> str:
    """`kaika: printer.paper_out: load a paper roll ... (tcp://10.0.0.5:9100)`."""
    where = error.params.get("address") or error.params.get("library") or ""
    suffix = f" ({where})" if where else ""
    return f"kaika: {error.code}: {hint(error.code)}{suffix}"
