"""What `kaika-headoffice` says when it refuses: a sentence for the operator, the figures
that matter, and the code in brackets for support (never the raw code alone)."""

from __future__ import annotations

from domain.errors import DomainError

SENTENCES = {
    "admin.token_file_empty": "The admin token file is empty.",
    "admin.token_file_unreadable": "The admin token file cannot be read.",
    "db.password_file_empty": "The database password file is empty.",
    "db.password_file_unreadable": "The database password file cannot be read.",
    "alliance.agreement_invalid": "The agreement is not valid.",
    "alliance.agreement_unknown": "There is no such agreement in that alliance.",
    "alliance.bad_code": "An alliance code is 1 to 16 characters.",
    "alliance.bad_kind": "That is not a kind of alliance entry.",
    "alliance.bad_merchant_code": "A merchant code is 1 to 16 characters of text.",
    "alliance.bad_template": "A coupon template code is 1 to 32 characters, each listed once.",
    "alliance.bad_period": "A period is a month: YYYY-MM.",
    "alliance.card_mismatch": "That card is not the issuer's card of the member the partner "
    "named.",
    "alliance.card_unknown": "Head office knows no such card.",
    "alliance.coupon_refused": "The partner's sale names an issuer coupon head office cannot "
                               "honour (not the member's, not a listed cash template, more "
                               "than its amount, outside its days, voided, or on a return).",
    "alliance.figures_invalid": "The partner trade's figures are not what the agreement allows "
    "(signs, or more points than the money earns).",
    "alliance.bad_range": "The last day (--to) is before the first (--from).",
    "alliance.class_takes_no_discount": "That product class takes no member discount, so no "
                                        "partner discount either.",
    "alliance.closer_required": "Say who closes the period (--by, at most 100 characters).",
    "alliance.code_taken": "That alliance code is taken.",
    "alliance.end_in_past": "An agreement can end today or later, not in the past (tills "
                            "may have honoured it offline).",
    "alliance.ends_before_start": "The agreement ends before it starts.",
    "alliance.merchant_not_member": "That merchant is not a member of the alliance.",
    "alliance.missing_field": "This field is required.",
    "alliance.name_too_long": "An alliance name is at most 100 characters.",
    "alliance.no_agreement": "No agreement between those merchants is in force that day.",
    "alliance.no_agreements": "The file holds no [[agreements]].",
    "alliance.not_a_date": "Not a date (YYYY-MM-DD).",
    "alliance.not_a_table": "Not a table of fields.",
    "alliance.not_a_list": "Not a list.",
    "alliance.not_an_integer": "Not a whole number.",
    "alliance.not_true_or_false": "Not true or false.",
    "alliance.out_of_range": "Out of range (rates 0 to 10000 basis points, points per yuan "
                             "0 to 100, point value 0 to 100 fen).",
    "alliance.overlapping_agreement": "Another agreement for the same issuer and partner "
                                      "covers some of those days.",
    "alliance.period_closed": "That period is closed already; it is never rewritten "
                              "(corrections go into the next open period).",
    "alliance.period_not_over": "That period is not over yet.",
    "alliance.period_unsupported": "Settlement is monthly.",
    "alliance.range_too_long": "A report covers at most a year (366 days): ask for a "
                               "shorter range.",
    "alliance.point_value_missing": "Points move under this agreement: give point_value_fen.",
    "alliance.points_not_earned_here": "The agreement gives no issuer points at this partner.",
    "alliance.points_not_spendable_here": "The agreement does not let issuer points be spent "
                                          "at this partner.",
    "alliance.points_on_money_entry": "Only points entries carry points.",
    "alliance.same_merchant": "Issuer and partner are the same merchant.",
    "alliance.source_missing": "Name the sale or ledger entry the entry comes from.",
    "alliance.source_reused": "That source already has an entry of this kind with other "
                              "figures.",
    "alliance.source_too_long": "A source id is at most 80 characters.",
    "alliance.statement_unknown": "That merchant's statement is not yours to see.",
    "alliance.template_not_portable": "Only fixed-amount (cash) coupons may be honoured by a "
                                      "partner: what a percent-off or gift coupon is worth "
                                      "there is not a figure the issuer funded.",
    "alliance.template_unknown": "The issuer's rule pack defines no coupon template of that "
                                 "code.",
    "alliance.unknown": "There is no such alliance.",
    "alliance.unknown_field": "Not a field of an agreement.",
    "alliance.unknown_product_class": "Not a product class (regular, new, no_points ...).",
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
    "card.already_lost": "That card is already blocked (reported lost).",
    "card.unknown": "There is no such card.",
    "card.not_lost": "That card is not blocked.",
    "card.reason_required": "Give the reason for blocking or unblocking the card.",
    "form.stale": "The form has expired; reload the page and try again.",
    "pack.effective_invalid": "The effective day is a date: YYYY-MM-DD.",
    "pack.effective_past": "The effective day cannot be before today.",
    "pack.not_draft": "That publication is no longer a draft.",
    "pack.unknown": "There is no such publication draft.",
    "report.merchant_unknown": "There is no such merchant.",
    "report.range_invalid": "Dates are YYYY-MM-DD, the start no later than the end.",
    "report.range_too_long": "That range is too long for one report.",
    "coupon.template_unknown": "There is no such coupon template.",
    "coupons.days_invalid": "Days: a whole number within the limit.",
    "coupons.segment_invalid": "That is not a last-purchase condition.",
    "coupons.store_unknown": "There is no such store.",
    "coupons.too_many": "Too many members for one bulk issue; narrow the segment.",
    "profile.reason_required": "Give the reason for the profile correction.",
    "points.adjust_invalid": "Points: a whole number such as +200 or -50, within the limit.",
    "points.adjust_below_zero": "An adjustment cannot take the member's points below zero.",
    "case.note_required": "Write a note on how the case was settled.",
    "case.note_invalid": "The note is too long or holds control characters.",
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
    "member_code.gateway_token_missing": "The SMS gateway needs its bearer token: give a "
                                         "file holding it (KAIKA_HO_SMS_GATEWAY_TOKEN_FILE).",
    "member_code.gateway_token_unreadable": "The SMS gateway's token file cannot be read.",
    "member_code.send_failed": "The SMS gateway did not take the log-in code; try again later.",
    "member_code.throttled": "Too many log-in codes for this mobile or address: wait and try "
                             "again.",
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
    "signup.refused": "Head office could not record the sign-up (a card number or the "
                      "referrer was refused); nothing was made.",
    "staff.throttled": "Too many failed log-ins: wait and try again.",
    "member.unknown": "There is no such member (or not one this account may see).",
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
