"""Error code → a translated sentence that says what happened and what to do next.

One table for every DomainError and DeviceError code the till can meet. Parameters ending in
`_fen` are shown as money under the name without the suffix (`due_fen` → `{due}`), other
integers with the locale's grouping. A code missing from the table falls back to its family
(`printer.*`, `form.*`, ...) and at last to a sentence that names the code for support.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import feedback_office, i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from domain import card_data
from domain.errors import DomainError

CONTEXT = "feedback"


class Severity(StrEnum):
    NOTICE = "notice"  # the status bar: the work goes on (a device, a receipt waiting)
    REFUSAL = "refusal"  # shown where the cashier is looking; the action did not happen


@dataclass(frozen=True, slots=True)
class Message:
    code: str
    text: str
    severity: Severity


# Device families whose faults never stop a sale: they are status notices, not refusals.
NOTICE_FAMILIES = ("printer", "display", "camera", "device", "encoder")

MESSAGES: dict[str, str] = {
    # Staff, shifts, overrides
    "staff.bad_login": QT_TRANSLATE_NOOP(
        "feedback", "The staff number or PIN is wrong. Type them again."),
    "staff.inactive": QT_TRANSLATE_NOOP(
        "feedback", "This staff account is switched off. Ask the manager."),
    "staff.not_manager": QT_TRANSLATE_NOOP(
        "feedback", "Staff {number} is not a manager. A manager must type their own number "
                    "and PIN."),
    "staff.not_found": QT_TRANSLATE_NOOP(
        "feedback", "This staff account no longer exists. Log in again."),
    "shift.already_open": QT_TRANSLATE_NOOP(
        "feedback", "Your shift is already open. Carry on selling."),
    "shift.not_open": QT_TRANSLATE_NOOP(
        "feedback", "No shift is open. Open a shift with the cash float first."),
    "shift.float_negative": QT_TRANSLATE_NOOP(
        "feedback", "The float cannot be negative. Count the float again."),
    "shift.counted_negative": QT_TRANSLATE_NOOP(
        "feedback", "The counted cash cannot be negative. Count the drawer again."),
    "override.cancelled": QT_TRANSLATE_NOOP(
        "feedback", "No manager approved it, so nothing was changed."),
    "staff.actor_required": QT_TRANSLATE_NOOP(
        "feedback", "Say who is doing this: log in with your staff number and PIN."),
    "approval.invalid": QT_TRANSLATE_NOOP(
        "feedback", "That is not a manager's approval. A manager must type their number and "
                    "PIN here."),
    "approval.self": QT_TRANSLATE_NOOP(
        "feedback", "Staff {number} cannot approve their own request. Ask another manager."),
    "approval.expired": QT_TRANSLATE_NOOP(
        "feedback", "The manager's approval has run out. Ask the manager to approve again."),
    "approval.used": QT_TRANSLATE_NOOP(
        "feedback", "The manager's approval was used already. Ask the manager to approve "
                    "again."),
    "approval.other_action": QT_TRANSLATE_NOOP(
        "feedback", "The manager approved something else. Ask the manager to approve this."),
    "approval.other_staff": QT_TRANSLATE_NOOP(
        "feedback", "The manager approved this for another staff member. Ask the manager to "
                    "approve it for you."),
    "approval.other_subject": QT_TRANSLATE_NOOP(
        "feedback", "The figures changed since the manager approved them. Ask the manager to "
                    "approve again."),
    "approval.unknown_action": QT_TRANSLATE_NOOP(
        "feedback", "This needs no manager's approval. Tell the manager this code."),
    "till.locked": QT_TRANSLATE_NOOP(
        "feedback", "Only the cashier who locked the till or a manager can unlock it."),
    # The sale
    "sale.empty": QT_TRANSLATE_NOOP("feedback", "The sale has no items yet. Scan an item first."),
    "sale.unbalanced": QT_TRANSLATE_NOOP(
        "feedback", "{remaining} is still due. Add another payment."),
    "sale.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "The discount or price is beyond your limit. A manager must approve it "
                    "with their PIN."),
    "sale.label_no_price": QT_TRANSLATE_NOOP(
        "feedback", "The scale label {code} has neither a price nor a weight. Weigh the item "
                    "again."),
    "sale.qty_invalid": QT_TRANSLATE_NOOP("feedback", "The quantity must be 1 or more."),
    "sale.qty": QT_TRANSLATE_NOOP("feedback", "The quantity must be 1 or more."),
    "sale.price": QT_TRANSLATE_NOOP("feedback", "A price cannot be negative."),
    "sale.line_unknown": QT_TRANSLATE_NOOP(
        "feedback", "That line is no longer in the sale. Choose another line."),
    "sale.discount_invalid": QT_TRANSLATE_NOOP("feedback", "A discount cannot be negative."),
    "sale.unknown": QT_TRANSLATE_NOOP(
        "feedback", "No sale has receipt number {receipt}. Check the number on the receipt "
                    "or scan its barcode."),
    "sale.nothing_held": QT_TRANSLATE_NOOP("feedback", "No sale is on hold."),
    "sale.in_progress": QT_TRANSLATE_NOOP(
        "feedback", "Finish or hold the sale on screen first."),
    "product.unknown": QT_TRANSLATE_NOOP(
        "feedback", "No product has the code {code}. Check the code or search by name."),
    "product.unknown_barcode": QT_TRANSLATE_NOOP(
        "feedback", "No product with this barcode ({code}). Put the item aside and ask the "
                    "manager, or search it by name."),
    "product.not_weighed": QT_TRANSLATE_NOOP(
        "feedback", "{name} is not sold by weight, so a scale label cannot price it. Scan "
                    "its own barcode."),
    "discount.manual_exceeds_line": QT_TRANSLATE_NOOP(
        "feedback", "The discount is more than the line costs ({line}). Enter a smaller one."),
    "discount.manual_negative": QT_TRANSLATE_NOOP("feedback", "A discount cannot be negative."),
    "discount.rate_invalid": QT_TRANSLATE_NOOP(
        "feedback", "{text} is not a discount rate. Type e.g. 9折, 85折 or 90% (what the "
                    "customer pays), or an amount in yuan."),
    "discount.ticket_exceeds_sale": QT_TRANSLATE_NOOP(
        "feedback", "The discount is more than the sale costs ({sale}). Enter a smaller one."),
    "tier.unknown": QT_TRANSLATE_NOOP(
        "feedback", "The member's tier {tier} is not in the store's rules. Ask the manager."),
    # Coupons
    "coupon.already_in_sale": QT_TRANSLATE_NOOP("feedback", "This coupon is already in the sale."),
    "coupon.bad_code": QT_TRANSLATE_NOOP(
        "feedback", "The coupon code {code} is mistyped. Type it again or scan it."),
    "coupon.unknown": QT_TRANSLATE_NOOP(
        "feedback", "Coupon {code} does not exist. Check the code."),
    "coupon.void": QT_TRANSLATE_NOOP(
        "feedback", "This coupon was withdrawn and cannot be used."),
    "coupon.used": QT_TRANSLATE_NOOP("feedback", "This coupon has already been used."),
    "coupon.expired": QT_TRANSLATE_NOOP("feedback", "This coupon has expired."),
    "coupon.not_yet_valid": QT_TRANSLATE_NOOP("feedback", "This coupon is not valid yet."),
    "coupon.other_member": QT_TRANSLATE_NOOP(
        "feedback", "This coupon belongs to another member. Attach that member's card first."),
    "coupon.min_spend": QT_TRANSLATE_NOOP(
        "feedback", "This coupon needs a spend of {min_spend}; the goods it covers come to "
                    "{eligible}."),
    "coupon.gift_not_in_cart": QT_TRANSLATE_NOOP(
        "feedback", "Add the gift item to the sale to use this coupon."),
    "coupon.invalid": QT_TRANSLATE_NOOP(
        "feedback", "This coupon is set up wrongly and cannot be used. Ask the manager."),
    # Tenders
    "tender.amount_invalid": QT_TRANSLATE_NOOP("feedback", "The amount must be more than zero."),
    "tender.cash_short": QT_TRANSLATE_NOOP(
        "feedback", "The cash handed over ({given}) is less than {amount}. Count it again."),
    "tender.exceeds_due": QT_TRANSLATE_NOOP(
        "feedback", "{amount} is more than the {due} still due. Enter a smaller amount."),
    "tender.kind_unsupported": QT_TRANSLATE_NOOP(
        "feedback", "This way of paying is not taken here. Choose another."),
    "tender.member_required": QT_TRANSLATE_NOOP(
        "feedback", "Attach the member first: points and stored value belong to a member."),
    "tender.nothing_due": QT_TRANSLATE_NOOP(
        "feedback", "Nothing more is due. Remove a payment or finish the sale."),
    "tender.reference_required": QT_TRANSLATE_NOOP(
        "feedback", "Type the slip or transaction number shown by the payment terminal."),
    "points.negative_balance": QT_TRANSLATE_NOOP(
        "feedback", "The member owes {balance} points; points can be used again once the "
                    "balance is above zero."),
    "points.step": QT_TRANSLATE_NOOP("feedback", "Points are used in steps of {step}."),
    "points.insufficient": QT_TRANSLATE_NOOP(
        "feedback", "The member has only {available} points."),
    "points.exceeds_due": QT_TRANSLATE_NOOP(
        "feedback", "{points} points are worth {value}, more than the {due} due. Use fewer "
                    "points."),
    "wallet.pin_required": QT_TRANSLATE_NOOP(
        "feedback", "Paying {amount} from stored value needs the member's PIN."),
    "wallet.pin_wrong": QT_TRANSLATE_NOOP(
        "feedback", "The PIN is wrong. Tries left today before stored value locks: {left}. "
                    "Ask the member to type it again."),
    "alliance.card_not_recognised": QT_TRANSLATE_NOOP(
        "feedback", "Card …{card_number} is not one of ours, and no alliance partner's member "
                    "list has it (the member may not have agreed to be recognised at "
                    "partners). Serve the customer without a card."),
    "alliance.no_agreement_today": QT_TRANSLATE_NOOP(
        "feedback", "The alliance agreement with {issuer} is not in force today: their cards "
                    "get no benefit here."),
    "alliance.qr_not_honoured": QT_TRANSLATE_NOOP(
        "feedback", "This QR code is another merchant's member code, and this till holds no "
                    "alliance key to check it: no agreement here honours that merchant's cards "
                    "(or the till has not synced since). Ask for the member card."),
    "alliance.wallet_not_here": QT_TRANSLATE_NOOP(
        "feedback", "Stored value on another merchant's card can only be spent there. Take "
                    "the payment another way."),
    "alliance.coupon_unknown": QT_TRANSLATE_NOOP(
        "feedback", "This till holds no alliance coupon {code} for this card (it may be "
                    "used up, expired, or not yet synced here)."),
    "alliance.coupon_not_this_card": QT_TRANSLATE_NOOP(
        "feedback", "Coupon {code} belongs to another card, not card …{card_number}."),
    "alliance.coupon_not_honoured": QT_TRANSLATE_NOOP(
        "feedback", "The alliance agreement does not let {issuer} coupon {code} be used "
                    "here."),
    "alliance.coupon_not_valid_today": QT_TRANSLATE_NOOP(
        "feedback", "Coupon {code} is valid from {valid_from} to {valid_to}, not today."),
    "alliance.coupon_used": QT_TRANSLATE_NOOP(
        "feedback", "Coupon {code} has already been used at this till."),
    "alliance.points_not_spendable_here": QT_TRANSLATE_NOOP(
        "feedback", "The alliance agreement does not let {issuer} points pay here."),
    "alliance.points_exceed_due": QT_TRANSLATE_NOOP(
        "feedback", "{points} points are worth more than the amount still due. Enter fewer "
                    "points."),
    "wallet.card_required": QT_TRANSLATE_NOOP(
        "feedback", "Stored value needs the member's card or phone QR code: swipe or scan it."),
    "wallet.insufficient": QT_TRANSLATE_NOOP(
        "feedback", "The stored value is only {balance}. Take the rest another way."),
    "wallet.overdrawn": QT_TRANSLATE_NOOP(
        "feedback", "The member's stored value is overdrawn. A manager must settle it first."),
    "wallet.empty": QT_TRANSLATE_NOOP("feedback", "The member has no stored value."),
    # Offline allowances (head office out of reach): points and stored value are limited
    "offline.terminal_revoked": QT_TRANSLATE_NOOP(
        "feedback", "Head office has switched this till off for points and stored value. "
                    "Pay another way and call the manager."),
    "offline.no_allowance": QT_TRANSLATE_NOOP(
        "feedback", "Head office cannot be reached and this till has no offline allowance "
                    "for points or stored value. Pay another way, or try again once head office "
                    "is back."),
    "offline.allowance_expired": QT_TRANSLATE_NOOP(
        "feedback", "The till has been offline too long to take points or stored value. "
                    "Pay another way; it works again once head office is back."),
    "offline.member_blocked": QT_TRANSLATE_NOOP(
        "feedback", "This member's points and stored value are on hold at head office. "
                    "Pay another way, or ask the manager."),
    "offline.limit_exceeded": QT_TRANSLATE_NOOP(
        "feedback", "While head office cannot be reached, less points or stored value may be "
                    "spent. Use less, or pay the rest another way."),
    # The link to head office: answers that fail their check, an enrolment to renew
    "sync.reenrol_needed": QT_TRANSLATE_NOOP(
        "feedback", "This till must be enrolled with head office again before it can sync: "
                    "ask head office for a new code. Sales are kept and sent afterwards."),
    "sync.answer_forged": QT_TRANSLATE_NOOP(
        "feedback", "An answer claiming to be from head office was altered on the way and was "
                    "refused. Sales are kept; tell IT support."),
    "sync.answer_unsigned": QT_TRANSLATE_NOOP(
        "feedback", "An answer without head office's signature was refused. Sales are kept; "
                    "tell IT support."),
    # Members and cards
    "member.unknown": QT_TRANSLATE_NOOP(
        "feedback", "No member found. Check the number, or sign the customer up at the front "
                    "desk."),
    "member.not_found": QT_TRANSLATE_NOOP(
        "feedback", "No member found. Check the number, or sign the customer up at the front "
                    "desk."),
    "member.frozen": QT_TRANSLATE_NOOP(
        "feedback", "This membership is frozen. Send the member to the front desk."),
    "member.closed": QT_TRANSLATE_NOOP("feedback", "This membership is closed."),
    "card.bank_card": QT_TRANSLATE_NOOP(
        "feedback", "That is a bank card: take it on the bank's terminal. Nothing of it was "
                    "kept."),
    "card.number_in_text": QT_TRANSLATE_NOOP(
        "feedback", "A card number (13 to 19 digits) cannot be kept here. Remove it; for a "
                    "card payment type the reference printed on the slip."),
    "card.lost": QT_TRANSLATE_NOOP(
        "feedback", "This card was reported lost and is blocked. Keep the card and call the "
                    "manager."),
    "card.replaced": QT_TRANSLATE_NOOP(
        "feedback", "This card was replaced by a new one. Ask the member for the new card."),
    "card.closed": QT_TRANSLATE_NOOP("feedback", "This card is closed."),
    "card.unknown": QT_TRANSLATE_NOOP(
        "feedback", "No member has card {card_number}. Check the number."),
    "card.forged": QT_TRANSLATE_NOOP(
        "feedback", "The card's stripe is not genuine. Keep the card and call the manager."),
    "card.expired": QT_TRANSLATE_NOOP(
        "feedback", "The card has expired. Send the member to the front desk for a new one."),
    "card.not_ours": QT_TRANSLATE_NOOP(
        "feedback", "This card is not one of our member cards."),
    "card.unreadable": QT_TRANSLATE_NOOP(
        "feedback", "The card could not be read. Swipe again, or type the card number (F4)."),
    "card.staff_own_till": QT_TRANSLATE_NOOP(
        "feedback", "A staff card cannot be used at a till its owner is logged in to."),
    "card.bad_number": QT_TRANSLATE_NOOP(
        "feedback", "That is not a valid card number. Check the 13 digits."),
    "card.qr_expired": QT_TRANSLATE_NOOP(
        "feedback", "The member's QR code is too old. Ask them to refresh it on the phone."),
    "card.qr_bad_signature": QT_TRANSLATE_NOOP(
        "feedback", "This QR code is not genuine. Ask for the member card."),
    "card.qr_keys_missing": QT_TRANSLATE_NOOP(
        "feedback", "This till has not learnt head office's QR keys yet. Enrol it, or ask "
        "for the member card."),
    "card.qr_from_future": QT_TRANSLATE_NOOP(
        "feedback", "The phone's clock is ahead. Ask the member to refresh the code."),
    "card.qr_malformed": QT_TRANSLATE_NOOP("feedback", "The QR code is damaged. Scan it again."),
    "card.qr_replayed": QT_TRANSLATE_NOOP(
        "feedback", "This QR code was already used. Ask the member to refresh it."),
    "card.secret_missing": QT_TRANSLATE_NOOP(
        "feedback", "This till has no card key, so cards cannot be checked. Call support."),
    "card.garbage": QT_TRANSLATE_NOOP(
        "feedback", "The stripe was not read cleanly. Swipe again, steadily."),
    "card.truncated": QT_TRANSLATE_NOOP(
        "feedback", "The swipe was cut short. Swipe again in one movement."),
    "card.lrc_mismatch": QT_TRANSLATE_NOOP(
        "feedback", "The stripe was misread. Swipe again; if it keeps failing the card is "
                    "damaged."),
    "card.no_data": QT_TRANSLATE_NOOP(
        "feedback", "Nothing was read. Swipe with the stripe facing the reader head."),
    "scan.unrecognized": QT_TRANSLATE_NOOP(
        "feedback", "That is not a card number, member QR code or mobile number. Check it."),
    # Returns
    "return.nothing": QT_TRANSLATE_NOOP("feedback", "Choose at least one item to return."),
    "return.item_not_on_receipt": QT_TRANSLATE_NOOP(
        "feedback", "{code} is not on this receipt. Check the item against the receipt."),
    "return.receipt_first": QT_TRANSLATE_NOOP(
        "feedback", "Scan the receipt's barcode first, then the items that come back (F4 "
                    "without a receipt)."),
    "return.qty_too_large": QT_TRANSLATE_NOOP(
        "feedback", "Only {left} of line {line_no} can still be returned."),
    "return.line_unknown": QT_TRANSLATE_NOOP(
        "feedback", "Line {line_no} is not on that receipt."),
    "return.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "A return without a receipt needs a manager."),
    "return.amount_required": QT_TRANSLATE_NOOP(
        "feedback", "No sale of {name} lately: the manager types the refund for it."),
    "return.amount_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The refund for one unit must be more than zero and at most its price "
        "{price}."),
    "return.above_paid": QT_TRANSLATE_NOOP(
        "feedback", "{amount} is more than the {paid} paid for it on {receipt}. A return "
        "without a receipt never refunds more than was paid."),
    # Scanners
    "scanner.check_digit": QT_TRANSLATE_NOOP(
        "feedback", "The barcode was misread (check digit). Scan it again."),
    "scanner.not_ascii": QT_TRANSLATE_NOOP(
        "feedback", "The scan came through the Chinese input method. Switch the input method "
                    "off and scan again."),
    "scanner.empty": QT_TRANSLATE_NOOP("feedback", "The scan was empty. Scan again."),
    "scanner.garbage": QT_TRANSLATE_NOOP(
        "feedback", "The scanner sent unreadable data. Scan again; if it repeats, check the "
                    "scanner's settings."),
    "scanner.truncated": QT_TRANSLATE_NOOP(
        "feedback", "The scan was cut short. Scan again."),
    # Printer and other devices: notices, the sale goes on
    "printer.paper_out": QT_TRANSLATE_NOOP(
        "feedback", "The printer is out of paper. Load a roll; the receipt waits for reprint "
                    "(F11)."),
    "printer.cover_open": QT_TRANSLATE_NOOP(
        "feedback", "The printer cover is open. Close it; the receipt waits for reprint (F11)."),
    "printer.error": QT_TRANSLATE_NOOP(
        "feedback", "The printer reports a fault (cutter or heat). Switch it off and on; the "
                    "receipt waits for reprint (F11)."),
    "printer.font_missing": QT_TRANSLATE_NOOP(
        "feedback", "No Chinese font to print with. Call support; the receipt waits for "
                    "reprint (F11)."),
    "device.address_invalid": QT_TRANSLATE_NOOP(
        "feedback", "A device address in the settings is wrong. Call support."),
    "device.address_unsupported": QT_TRANSLATE_NOOP(
        "feedback", "A device is set up with the wrong kind of address. Call support."),
    "device.dependency_missing": QT_TRANSLATE_NOOP(
        "feedback", "A library for a device is missing ({library}). Call support."),
    "camera.not_installed": QT_TRANSLATE_NOOP(
        "feedback", "Camera scanning is not installed on this till. Use the hand scanner, or "
                    "ask support to add the camera part."),
    "device.setting_invalid": QT_TRANSLATE_NOOP(
        "feedback", "A device setting is wrong ({setting}). Call support."),
    "till.unexpected": QT_TRANSLATE_NOOP(
        "feedback", "Something went wrong. Tell support the code {support}."),
}

MESSAGES.update(feedback_office.MESSAGES)

# `<family>.<fault>` codes of any device, by fault.
FAULTS: dict[str, str] = {
    "offline": QT_TRANSLATE_NOOP(
        "feedback", "The {device} is not reachable. Check it is switched on and cabled."),
    "timeout": QT_TRANSLATE_NOOP(
        "feedback", "The {device} stopped answering. Check its cable and power."),
    "disconnected": QT_TRANSLATE_NOOP(
        "feedback", "The {device} connection dropped. Check the cable or network."),
    "permission_denied": QT_TRANSLATE_NOOP(
        "feedback", "The {device} port may not be opened. Call support."),
    "io_error": QT_TRANSLATE_NOOP(
        "feedback", "The {device} reported an error. Unplug it and plug it in again."),
}

DEVICES: dict[str, str] = {
    "printer": QT_TRANSLATE_NOOP("feedback", "receipt printer"),
    "scanner": QT_TRANSLATE_NOOP("feedback", "barcode scanner"),
    "card": QT_TRANSLATE_NOOP("feedback", "card reader"),
    "display": QT_TRANSLATE_NOOP("feedback", "customer display"),
    "camera": QT_TRANSLATE_NOOP("feedback", "camera"),
    "encoder": QT_TRANSLATE_NOOP("feedback", "card encoder"),
    "port": QT_TRANSLATE_NOOP("feedback", "serial port"),  # a port typed on the Devices page
}

FAMILIES: dict[str, str] = {
    "form": QT_TRANSLATE_NOOP("feedback", "A field is filled in wrongly. Check it and save again."),
    "store": QT_TRANSLATE_NOOP(
        "feedback", "The store database cannot be used ({code}). Call support."),
    "receipt": QT_TRANSLATE_NOOP(
        "feedback", "The receipt could not be laid out ({code}). Call support."),
}

CARD_DATA_CODES = frozenset({"card.bank_card", "card.number_in_text"})
# Parameters that hold one of our 13-digit member card numbers (found in the store's own
# records), shown as they are; every other text parameter is shown with card numbers masked.
_MEMBER_CARD_PARAMS = frozenset({"card_number", "replaced_by", "new_number"})

FALLBACK = QT_TRANSLATE_NOOP(
    "feedback", "That was refused ({code}). Tell the manager this code.")


def describe(error: DomainError) -> Message:
    """The sentence for an error, in the current language, with its parameters filled in."""
    code = error.code
    family, _, fault = code.partition(".")
    params = _display_params(error.params)
    params.setdefault("code", code)
    if code in MESSAGES:
        text = _tr(MESSAGES[code])
    elif fault in FAULTS and family in DEVICES:
        params["device"] = _tr(DEVICES[family])
        text = _tr(FAULTS[fault])
    elif family in FAMILIES:
        text = _tr(FAMILIES[family])
    else:
        text = _tr(FALLBACK)
    severity = Severity.NOTICE if family in NOTICE_FAMILIES else Severity.REFUSAL
    return Message(code, fill(text, params), severity)


def is_card_data(error: DomainError) -> bool:
    """A refusal of a bank card's data: the field that holds it is cleared, not kept."""
    return error.code in CARD_DATA_CODES


def is_known(code: str) -> bool:
    """Whether a code has its own sentence (not only a family's or the fallback)."""
    family, _, fault = code.partition(".")
    return code in MESSAGES or (fault in FAULTS and family in DEVICES)


def unexpected(support_code: str, saved_receipt: str | None) -> str:
    """What a person sees after a bug: whether the sale is safe, and a code for support."""
    if saved_receipt:
        head = _tr(QT_TRANSLATE_NOOP(
            "feedback", "Something went wrong, but sale {receipt} is saved."))
    else:
        head = _tr(QT_TRANSLATE_NOOP(
            "feedback", "Something went wrong. The items on screen are kept; nothing was "
                        "paid."))
    tail = _tr(QT_TRANSLATE_NOOP("feedback", "Support code: {support}"))
    return fill(head + " " + tail, {"receipt": saved_receipt or "", "support": support_code})


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def translate(text: str) -> str:
    """A sentence of the feedback context in the current language (the command line's own)."""
    return _tr(text)


def _display_params(params: dict[str, Any]) -> dict[str, str]:
    shown: dict[str, str] = {}
    for key, value in params.items():
        if key.endswith("_fen") and isinstance(value, int):
            shown[key[:-4]] = i18n.money(value)
        elif key == "role":
            shown[key] = feedback_office.role_name(str(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            shown[key] = i18n.number(value)
        elif key in _MEMBER_CARD_PARAMS:
            shown[key] = str(value)
        else:
            # What was typed or scanned comes back in a refusal: never a bank card's number.
            shown[key] = card_data.mask(str(value))
    return shown


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"  # a sentence never shows a raw {placeholder}


def fill(text: str, params: dict[str, str]) -> str:
    """Fill named placeholders; unknown ones become an ellipsis, never a crash."""
    return string.Formatter().vformat(text, (), _Blank(params))
