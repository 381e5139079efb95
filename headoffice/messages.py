"""What `kaika-headoffice` says when it refuses: a sentence for the operator, the figures
that matter, and the code in brackets for support (never the raw code alone)."""

from __future__ import annotations

from domain.errors import DomainError

SENTENCES = {
    "admin.token_file_empty": "The admin token file is empty.",
    "admin.token_file_unreadable": "The admin token file cannot be read.",
    "db.password_file_empty": "The database password file is empty.",
    "db.password_file_unreadable": "The database password file cannot be read.",
    "answer_keys.empty": "The answer key file holds no key.",
    "answer_keys.exposed": "The answer key file can be read by other users: make it 0600.",
    "answer_keys.file_exists": "An answer key file is already there; use --add to add a key.",
    "answer_keys.invalid": "The answer key file holds something that is not a key.",
    "answer_keys.missing": "The answer key file does not exist; make one with keygen.",
    "answer_keys.not_configured": "No answer key is configured: give --answer-key-file.",
    "card.other_brand": "That card number belongs to another merchant's brand.",
    "card.range_taken": "Those card numbers are already registered or allotted.",
    "card.serials_exhausted": "No card numbers are left to allot for this brand.",
    "case.already_resolved": "That case is already resolved.",
    "case.resolver_required": "Say who resolves the case (--by).",
    "case.unknown": "There is no such case.",
    "enroll.code_expired": "That enrolment code has expired; make a new one.",
    "enroll.code_for_other_terminal": "That enrolment code was made for another terminal.",
    "enroll.code_unknown": "There is no such enrolment code.",
    "enroll.code_used": "That enrolment code has been used already.",
    "enroll.public_key_invalid": "The till's public key is not valid.",
    "enroll.terminal_code_taken": "That terminal code is taken in this store.",
    "enroll.terminal_known": "That terminal is enrolled already; make a code for its id "
                             "(enroll --store S --terminal ID) to re-key it.",
    "enroll.terminal_revoked": "That terminal is revoked; restore it first.",
    "enroll.terminal_taken": "That terminal id belongs to another store.",
    "headoffice.schema_not_current": "The database is not at this version's schema: run "
                                     "kaika-headoffice migrate first.",
    "merchant.brand_fixed": "A merchant's brand code cannot change once cards carry it.",
    "merchant.brand_invalid": "A brand code is two digits.",
    "merchant.brand_taken": "That brand code belongs to another merchant.",
    "merchant.no_brand_left": "Every brand code is taken.",
    "merchant.unknown": "There is no such merchant.",
    "product.unknown": "There is no such product.",
    "staff.login_invalid": "A login is 1 to 64 letters, digits or signs, without spaces.",
    "staff.login_taken": "That login is taken.",
    "staff.name_invalid": "Give the staff member's name (at most 100 characters).",
    "staff.password_file_unreadable": "The password file cannot be read.",
    "staff.password_mismatch": "The two passwords differ.",
    "staff.password_short": "The password is too short.",
    "staff.role_invalid": "There is no such role.",
    "staff.unknown": "There is no such staff account.",
    "staff.throttled": "Too many failed log-ins: wait and try again.",
    "store.code_taken": "That store code is taken.",
    "store.unknown": "There is no such store.",
    "sync.batch_repeats": "The batch repeats an event.",
    "sync.seq_gap": "The batch skips events.",
    "sync.terminal_mismatch": "The batch names another terminal.",
    "terminal.unknown": "There is no such terminal.",
}


def say(err: DomainError) -> str:
    """`kaika-headoffice: There is no such store. (store=S009) [store.unknown]`."""
    text = SENTENCES.get(err.code, "The command was refused.")
    figures = ", ".join(f"{key}={value}" for key, value in err.params.items())
    return f"kaika-headoffice: {text}{f' ({figures})' if figures else ''} [{err.code}]"
