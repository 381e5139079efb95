"""Sentences for what the front desk and the manager's pages can be refused (codes → text)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.i18n import QT_TRANSLATE_NOOP

MESSAGES: dict[str, str] = {
    "staff.not_allowed": QT_TRANSLATE_NOOP(
        "feedback", "Your role may not open this. Ask a manager."),
    "printer.not_configured": QT_TRANSLATE_NOOP(
        "feedback", "No receipt printer is set up at this till."),
    # --- front desk: application form, cards -------------------------------------------------
    "form.required": QT_TRANSLATE_NOOP("feedback", "{field} must be filled in."),
    "form.too_long": QT_TRANSLATE_NOOP(
        "feedback", "{field} is too long: at most {max} characters."),
    "form.not_text": QT_TRANSLATE_NOOP("feedback", "{field} must be text."),
    "form.control_char": QT_TRANSLATE_NOOP(
        "feedback", "{field} holds an invisible control character (character {position}): "
                    "retype it instead of pasting."),
    "form.mobile_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Mobile: type 11 digits starting 13–19, or an international number "
                    "starting with +."),
    "form.id_number_invalid": QT_TRANSLATE_NOOP(
        "feedback", "ID number: 18 characters, 17 digits then a digit or X, with a real birth "
                    "date in it."),
    "form.id_number_checksum": QT_TRANSLATE_NOOP(
        "feedback", "ID number: the last character does not fit the others. Check every "
                    "digit against the ID card."),
    "form.birthday_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Birthday: type it as 1990-03-08, or 03-08 without the year."),
    "form.birthday_future": QT_TRANSLATE_NOOP(
        "feedback", "Birthday: the date is in the future."),
    "form.birthday_mismatch": QT_TRANSLATE_NOOP(
        "feedback", "Birthday: it differs from the birth date in the ID number. Leave it empty "
                    "or correct one of them."),
    "form.email_invalid": QT_TRANSLATE_NOOP(
        "feedback", "E-mail: the address is not complete (like name@example.com)."),
    "form.gender_invalid": QT_TRANSLATE_NOOP("feedback", "Gender: choose male or female."),
    "form.source_invalid": QT_TRANSLATE_NOOP(
        "feedback", "{field}: choose one of the listed channels."),
    "form.flag_invalid": QT_TRANSLATE_NOOP("feedback", "{field}: tick it or leave it empty."),
    "form.unknown_field": QT_TRANSLATE_NOOP("feedback", "The form has no field {field}."),
    "form.referrer_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Referrer: type the 13-digit card number or the mobile of the member who "
                    "sent them."),
    "form.referrer_self": QT_TRANSLATE_NOOP(
        "feedback", "Referrer: a new member cannot refer themselves."),
    "form.privacy_required": QT_TRANSLATE_NOOP(
        "feedback", "The customer must read and accept the privacy policy before signing up."),
    "member.referrer_unknown": QT_TRANSLATE_NOOP(
        "feedback", "Referrer: no member has the card number or mobile {value}."),
    "card.already_linked": QT_TRANSLATE_NOOP(
        "feedback", "Card {number} already belongs to a member. Use another card."),
    "card.serials_exhausted": QT_TRANSLATE_NOOP(
        "feedback", "All card numbers for {prefix} are used up. Call head office."),
    "card.no_serials": QT_TRANSLATE_NOOP(
        "feedback", "This till has no new card numbers left ({left}). Connect it to head "
                    "office: the next sync brings a new block. A pre-printed card can still be "
                    "linked (F7)."),
    "card.not_registered": QT_TRANSLATE_NOOP(
        "feedback", "Card {number} is not registered to this store. Use a pre-printed card "
                    "head office registered here, or issue a new card."),
    "encoder.not_configured": QT_TRANSLATE_NOOP(
        "feedback", "No card encoder is set up at this till."),
    "encoder.no_swipe": QT_TRANSLATE_NOOP(
        "feedback", "No card was swiped through the encoder in time."),
    "encoder.write_failed": QT_TRANSLATE_NOOP(
        "feedback", "The encoder could not write the card: swipe it again steadily, or use a "
                    "new card (Hi-Co cards unless the settings say Lo-Co)."),
    "encoder.bad_swipe": QT_TRANSLATE_NOOP(
        "feedback", "The card was swiped the wrong way or too fast. Swipe it again, stripe "
                    "to the head."),
    "encoder.verify_mismatch": QT_TRANSLATE_NOOP(
        "feedback", "The card reads back differently from what was written. Use a new blank "
                    "card."),
    "encoder.bad_reply": QT_TRANSLATE_NOOP(
        "feedback", "The card encoder answers strangely: check it is an MSR206/605 and its "
                    "speed is 9600 baud."),
    "encoder.command_format": QT_TRANSLATE_NOOP(
        "feedback", "The card encoder refused a command. Switch it off and on."),
    "encoder.invalid_command": QT_TRANSLATE_NOOP(
        "feedback", "The card encoder refused a command. Switch it off and on."),
    "encoder.failed": QT_TRANSLATE_NOOP(
        "feedback", "The card encoder reports a fault. Switch it off and on."),
    "encoder.data_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The card data cannot be written on a stripe. Call support."),
    # --- front desk: stored value, gifts, lucky draw, events ---------------------------------
    "desk.member_needed": QT_TRANSLATE_NOOP(
        "feedback", "Find the member first: swipe the card, scan the QR or type the mobile."),
    "wallet.bad_amount": QT_TRANSLATE_NOOP(
        "feedback", "Type the top-up amount in yuan, for example 1000."),
    "wallet.no_drawer": QT_TRANSLATE_NOOP(
        "feedback", "Cash goes through a counted drawer: count the float into yours first, or "
                    "take the top-up by bank card or mobile."),
    "wallet.topup_confirm": QT_TRANSLATE_NOOP(
        "feedback", "A top-up above {threshold} is booked only once the amount {amount} has "
                    "been read back to the customer and confirmed."),
    "wallet.topup_too_small": QT_TRANSLATE_NOOP(
        "feedback", "A top-up is at least {min}."),
    "wallet.topup_tender": QT_TRANSLATE_NOOP(
        "feedback", "A top-up is paid in cash, by bank card or by mobile wallet."),
    "wallet.reference_required": QT_TRANSLATE_NOOP(
        "feedback", "Type the reference the card or mobile terminal printed, then Enter."),
    "wallet.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "Closing a wallet needs a manager's approval."),
    "coupon.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "Coupons to many members at once need a manager's approval."),
    "draw.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "Recording prize stock needs a manager's approval."),
    "gift.none_chosen": QT_TRANSLATE_NOOP(
        "feedback", "Choose a gift in the catalogue first."),
    "gift.unknown": QT_TRANSLATE_NOOP(
        "feedback", "Gift {code} is not in the catalogue any more."),
    "gift.out_of_stock": QT_TRANSLATE_NOOP(
        "feedback", "Gift {code} is out of stock. Offer another gift or a voucher."),
    "gift.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "Only a manager may change the gift catalogue."),
    "gift.code_required": QT_TRANSLATE_NOOP("feedback", "Type the gift's code."),
    "gift.name_required": QT_TRANSLATE_NOOP("feedback", "Type the gift's name."),
    "gift.points_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The points price must be more than 0."),
    "gift.points_not_whole": QT_TRANSLATE_NOOP(
        "feedback", "The points price must be a whole number, for example 900."),
    "gift.stock_invalid": QT_TRANSLATE_NOOP("feedback", "Stock cannot be below 0."),
    "gift.stock_not_whole": QT_TRANSLATE_NOOP(
        "feedback", "Stock must be a whole number."),
    "gift.cost_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The cost to the store cannot be below 0."),
    "gift.cost_not_money": QT_TRANSLATE_NOOP(
        "feedback", "Type the cost to the store in yuan, for example 9.00."),
    "points.voucher_none_chosen": QT_TRANSLATE_NOOP(
        "feedback", "Choose a voucher in the list first."),
    "points.voucher_unknown": QT_TRANSLATE_NOOP(
        "feedback", "There is no voucher for {points} points. Choose one from the list."),
    "draw.none_running": QT_TRANSLATE_NOOP(
        "feedback", "No lucky draw is running today."),
    "draw.unknown": QT_TRANSLATE_NOOP(
        "feedback", "Lucky draw {draw} is not known at this store."),
    "draw.closed": QT_TRANSLATE_NOOP("feedback", "Lucky draw {draw} is closed."),
    "draw.not_started": QT_TRANSLATE_NOOP(
        "feedback", "Lucky draw {draw} starts on {starts}."),
    "draw.ended": QT_TRANSLATE_NOOP("feedback", "Lucky draw {draw} ended on {ends}."),
    "draw.out_of_stock": QT_TRANSLATE_NOOP(
        "feedback", "Prize {prize} has run out. Nothing was taken; spin again."),
    "draw.prize_unknown": QT_TRANSLATE_NOOP(
        "feedback", "Choose a prize of this draw first."),
    "draw.quantity_zero": QT_TRANSLATE_NOOP(
        "feedback", "Type how many more (or, negative, how many fewer) head office allotted."),
    "draw.stock_below_given": QT_TRANSLATE_NOOP(
        "feedback", "{given} of prize {prize} are already given: the stock cannot go lower."),
    "draw.stock_unlimited": QT_TRANSLATE_NOOP(
        "feedback", "Prize {prize} has no stock limit to change."),
    "draw.wheel_mismatch": QT_TRANSLATE_NOOP(
        "feedback", "The spin is saved, but the wheel could not show prize {prize}. Open "
                    "the page again."),
    "event.already_checked_in": QT_TRANSLATE_NOOP(
        "feedback", "This member has already checked in to {event}. Welcome them back; "
                    "nothing more is issued."),
    "event.name_required": QT_TRANSLATE_NOOP(
        "feedback", "Type the event's name first."),
    "event.min_points_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The points in the rule cannot be below 0."),
    "event.month_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Choose a birthday month from 1 to 12."),
    "event.export_failed": QT_TRANSLATE_NOOP(
        "feedback", "The list could not be saved to {path}: {reason}. Choose another folder."),
    # --- front desk: member look-up and statement, import and export -------------------------
    "lookup.no_member": QT_TRANSLATE_NOOP(
        "feedback", "Choose a member first: search, or swipe their card."),
    "lookup.period_reversed": QT_TRANSLATE_NOOP(
        "feedback", "The period ends before it starts. Change the From date."),
    "lookup.save_failed": QT_TRANSLATE_NOOP(
        "feedback", "The file could not be saved to {path}: {reason}. Choose another folder."),
    "import.file_missing": QT_TRANSLATE_NOOP(
        "feedback", "There is no file at {path}. Choose the file again."),
    "import.file_unreadable": QT_TRANSLATE_NOOP(
        "feedback", "The file cannot be read as CSV or XLSX ({reason}). Save it again from "
                    "the old system as CSV or XLSX."),
    "import.not_text": QT_TRANSLATE_NOOP(
        "feedback", "The file is not text Kaika can read (it tried {tried}). Save it from the "
                    "old system as CSV UTF-8 or XLSX."),
    "import.xlsx_unreadable": QT_TRANSLATE_NOOP(
        "feedback", "The XLSX file is damaged and cannot be read ({reason}). Save it again "
                    "from the old system as XLSX or CSV."),
    "import.xls_unreadable": QT_TRANSLATE_NOOP(
        "feedback", "The old Excel (.xls) file cannot be read ({reason}). Save it as .xlsx or "
                    "CSV and choose it again."),
    "import.field_too_long": QT_TRANSLATE_NOOP(
        "feedback", "Row {row}, column {column} holds more than {max} characters. Shorten it "
                    "in the file."),
    "import.csv_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Row {row} is not valid CSV ({reason}). Check its quotation marks."),
    "import.too_many_rows": QT_TRANSLATE_NOOP(
        "feedback", "The file has more than {max} rows. Split it into smaller files."),
    "import.bad_rows": QT_TRANSLATE_NOOP(
        "feedback", "Rows {rows} have problems, so nothing was imported."),
    "input.too_large": QT_TRANSLATE_NOOP(
        "feedback", "The file is too large ({detail}). Choose the right file."),
    "input.unreadable": QT_TRANSLATE_NOOP(
        "feedback", "The file cannot be opened ({detail}). Check that it is not open "
                    "elsewhere."),
    "input.not_a_file": QT_TRANSLATE_NOOP("feedback", "That is a folder. Choose a file."),
    "import.empty": QT_TRANSLATE_NOOP("feedback", "The file is empty. Choose another file."),
    "import.header_duplicate": QT_TRANSLATE_NOOP(
        "feedback", "Two columns are both called “{column}”. Rename one in the file."),
    "import.map_invalid": QT_TRANSLATE_NOOP(
        "feedback", "“{part}” is not a column=field pair."),
    "import.field_unknown": QT_TRANSLATE_NOOP(
        "feedback", "Kaika has no field called “{value}”."),
    "import.column_unknown": QT_TRANSLATE_NOOP(
        "feedback", "The file has no column called “{column}”. Choose it again."),
    "import.field_twice": QT_TRANSLATE_NOOP(
        "feedback", "Two columns are mapped to {value}. Keep one of them."),
    "import.field_unmapped": QT_TRANSLATE_NOOP(
        "feedback", "No column is mapped to {value}, which every member needs. Choose its "
                    "column."),
    "import.points_invalid": QT_TRANSLATE_NOOP(
        "feedback", "“{value}” is not a whole number of points (no minus sign, no decimals)."),
    "import.money_invalid": QT_TRANSLATE_NOOP(
        "feedback", "“{value}” is not an amount in yuan of zero or more (e.g. 1,234.50)."),
    "import.tier_unknown": QT_TRANSLATE_NOOP(
        "feedback", "“{value}” is not a tier of this store ({known})."),
    "import.date_invalid": QT_TRANSLATE_NOOP(
        "feedback", "“{value}” is not a date like 2024-03-08."),
    "import.mobile_duplicate_in_file": QT_TRANSLATE_NOOP(
        "feedback", "The same mobile is also on row {rows}. Keep it on one row only."),
    "import.card_duplicate_in_file": QT_TRANSLATE_NOOP(
        "feedback", "The same card number is also on row {rows}. Keep it on one row only."),
    "import.mobile_exists": QT_TRANSLATE_NOOP(
        "feedback", "A member with this mobile is already in the store. Leave the row out or "
                    "change the mobile."),
    "import.card_exists": QT_TRANSLATE_NOOP(
        "feedback", "This card number is already in use in the store."),
    "import.not_checked": QT_TRANSLATE_NOOP(
        "feedback", "Run the dry run first: the import takes only rows it has checked."),
    "import.nothing_to_import": QT_TRANSLATE_NOOP(
        "feedback", "No row can be imported. Correct the file and run the dry run again."),
    # --- manager: daily points report, Z-report, tiers, analysis -------------------------------
    "report.save_failed": QT_TRANSLATE_NOOP(
        "feedback", "The report could not be saved to {path}: {reason}. Choose another folder."),
    "day.shift_open": QT_TRANSLATE_NOOP(
        "feedback", "Shifts still open: {cashiers}. Each cashier closes their shift and "
                    "counts the cash before the day is closed."),
    "day.already_closed": QT_TRANSLATE_NOOP(
        "feedback", "Business day {day} is already closed; new sales belong to {next_day}. "
                    "The next day close is possible once {next_day} has begun."),
    "tier.outlook_days": QT_TRANSLATE_NOOP(
        "feedback", "Look ahead at least one day."),
    "analysis.days_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Enter at least one day."),
    # --- manager: rules, staff and roles, audit trail -----------------------------------------
    "staff.number_taken": QT_TRANSLATE_NOOP(
        "feedback", "Staff number {number} is already taken. Choose another number."),
    "staff.bad_number": QT_TRANSLATE_NOOP(
        "feedback", "A staff number is digits only, at most {max} of them."),
    "staff.role_not_allowed": QT_TRANSLATE_NOOP(
        "feedback", "Only an administrator may give, change or switch off the role {role}."),
    "staff.own_account": QT_TRANSLATE_NOOP(
        "feedback", "You cannot change the role of your own account or switch it off. Ask "
                    "another manager or an administrator."),
    "pin.bad_format": QT_TRANSLATE_NOOP(
        "feedback", "A PIN is {min} to {max} digits. Type it again."),
    "pin.too_simple": QT_TRANSLATE_NOOP(
        "feedback", "That PIN is too easy to guess (one digit repeated, or a run like 1234). "
                    "Choose another."),
    "rulepack.invalid": QT_TRANSLATE_NOOP(
        "feedback", "The rule pack {file} has a mistake at {key} ({problem}). Correct the "
                    "file and load it again."),
    "rulepack.not_found": QT_TRANSLATE_NOOP(
        "feedback", "There is no rule pack {name}. Choose the file again."),
    "rules.scenario_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The scenario {file} cannot be run: {path} is wrong ({problem})."),
    "rules.no_candidate": QT_TRANSLATE_NOOP(
        "feedback", "Load another rule pack first."),
    "audit.bad_range": QT_TRANSLATE_NOOP(
        "feedback", "The end date is before the start date. Change one of them."),
    # --- till: held sales, member payment PIN, void after payment (t1) ------------------------
    "wallet.pin_locked": QT_TRANSLATE_NOOP(
        "feedback", "The PIN was wrong {tries} times today, so stored value is locked until "
                    "tomorrow. Take the payment another way; the front desk can set a new PIN."),
    "void.manager_required": QT_TRANSLATE_NOOP(
        "feedback", "Voiding a sale needs a manager's approval."),
    "void.reason_required": QT_TRANSLATE_NOOP(
        "feedback", "Type why the sale is voided; it goes into the audit trail."),
    "void.other_day": QT_TRANSLATE_NOOP(
        "feedback", "Sale {receipt} was rung up on {date}; only today's sales can be voided. "
                    "Take the goods back as a return."),
    "void.other_shift": QT_TRANSLATE_NOOP(
        "feedback", "Sale {receipt} belongs to another shift; only sales of the open shift "
                    "can be voided. Take the goods back as a return."),
    "void.already_returned": QT_TRANSLATE_NOOP(
        "feedback", "Everything on sale {receipt} has already been returned."),
    # --- void (v1): a void takes back what the sale won ---------------------------------------
    "void.coupon_used": QT_TRANSLATE_NOOP(
        "feedback", "Sale {receipt} won coupon {code}, and that coupon has already been used, "
                    "so the sale cannot be voided. Take the goods back as a return instead."),
    # --- profiles / sync (s1) -----------------------------------------------------------------
    "profile.mobile_taken": QT_TRANSLATE_NOOP(
        "feedback", "This mobile number belongs to another member. Check the number, or look "
                    "that member up instead."),
    "profile.field_not_editable": QT_TRANSLATE_NOOP(
        "feedback", "{field} was settled when the member signed up and cannot be changed here."),
    # --- front desk: member's payment PIN (p1) ------------------------------------------------
    "pin.mismatch": QT_TRANSLATE_NOOP(
        "feedback", "The two PINs are not the same, so nothing was saved. Type the new PIN "
                    "again, twice."),
    # --- manager: a store's own lucky draw (d1) ------------------------------------------------
    "draw.code_required": QT_TRANSLATE_NOOP(
        "feedback", "Type a code for the draw, for example SPRING-2025."),
    "draw.code_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The draw code {draw} may hold only letters, digits, - and _ (at most 40)."),
    "draw.code_taken": QT_TRANSLATE_NOOP(
        "feedback", "There is already a lucky draw with code {draw}. Choose another code."),
    "draw.name_required": QT_TRANSLATE_NOOP(
        "feedback", "Type the draw's name as members will see it."),
    "draw.name_too_long": QT_TRANSLATE_NOOP(
        "feedback", "The name is too long: at most {max} characters."),
    "draw.dates_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The last day is before the first day. Change the To date."),
    "draw.ends_past": QT_TRANSLATE_NOOP(
        "feedback", "The last day is already past. Change the To date."),
    "draw.cost_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The points a paid spin costs cannot be below 0."),
    "draw.free_spins_invalid": QT_TRANSLATE_NOOP(
        "feedback", "Free spins a day cannot be below 0."),
    "draw.no_prizes": QT_TRANSLATE_NOOP(
        "feedback", "Add at least one prize with a weight of 1 or more."),
    "draw.prize_name_required": QT_TRANSLATE_NOOP(
        "feedback", "Type the prize's name as the wheel shows it."),
    "draw.number_invalid": QT_TRANSLATE_NOOP(
        "feedback", "“{value}” is not a whole number."),
    "draw.weight_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The weight must be 1 or more: the bigger it is, the more often the prize "
                    "comes up."),
    "draw.prize_points_invalid": QT_TRANSLATE_NOOP(
        "feedback", "A points prize gives at least 1 point."),
    "draw.prize_template_missing": QT_TRANSLATE_NOOP(
        "feedback", "Choose the coupon template the prize issues."),
    "draw.prize_template_unknown": QT_TRANSLATE_NOOP(
        "feedback", "There is no coupon template {template}. Choose one from the list."),
    "draw.stock_invalid": QT_TRANSLATE_NOOP("feedback", "The stock cannot be below 0."),
    "draw.stock_required": QT_TRANSLATE_NOOP(
        "feedback", "Type how many this store can give: only “thanks for playing” may be "
                    "unlimited."),
    # The store database, as the command line and the till's start-up meet it
    "store.db_missing": QT_TRANSLATE_NOOP(
        "feedback", "There is no store database at {path}."),
    "store.schema_newer": QT_TRANSLATE_NOOP(
        "feedback", "This store database was made by a newer Kaika (revision {revision}; this "
                    "one knows up to {known}). Install the newer Kaika."),
    "store.key_missing": QT_TRANSLATE_NOOP(
        "feedback", "The store's key file {path} is missing: copy it back beside the "
                    "database (it seals card secrets and ID numbers)."),
    "store.key_mismatch": QT_TRANSLATE_NOOP(
        "feedback", "The key file {path} belongs to another store database. Copy this "
                    "store's own key file beside it."),
    "store.key_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The key file {path} is damaged. Restore it from the backup."),
    "store.in_use": QT_TRANSLATE_NOOP(
        "feedback", "This store database is already open in another Kaika (process {pid}, "
                    "account {user} on {host}). Close that till first: one store database "
                    "takes one Kaika."),
    "sync.in_use": QT_TRANSLATE_NOOP(
        "feedback", "This store database is being synced with head office by another Kaika "
                    "process (process {pid}, account {user} on {host}). Wait for that round to "
                    "finish, or stop that sync, then try again."),
    "store.backup_failed": QT_TRANSLATE_NOOP(
        "feedback", "The backup could not be written to {folder}: {reason}"),
    "store.backup_unusable": QT_TRANSLATE_NOOP(
        "feedback", "The backup {path} cannot be restored: {reason}"),
    "store.backup_no_key": QT_TRANSLATE_NOOP(
        "feedback", "The backup {path} has no key file beside it ({key}). Without it the "
                    "members' ID numbers and the card secret cannot be read: copy the key "
                    "file made with the backup beside it."),
    "settings.invalid": QT_TRANSLATE_NOOP(
        "feedback", "The settings file {file} is wrong at {key}: {problem}"),
    # --- the Devices page (issue 13 §5) -------------------------------------------------------
    "devices.invalid": QT_TRANSLATE_NOOP(
        "feedback", "The device settings have a mistake at {field}. Nothing was saved."),
    "devices.save_failed": QT_TRANSLATE_NOOP(
        "feedback", "The devices file {location} could not be written ({reason}). Nothing was "
                    "saved."),
    "devices.no_file": QT_TRANSLATE_NOOP(
        "feedback", "This till was started without a devices file (the demo): device settings "
                    "cannot be saved here."),
    "device.file_invalid": QT_TRANSLATE_NOOP(
        "feedback", "The devices file {file} has mistakes. Choose the devices again and save."),
    "device.libusb_missing": QT_TRANSLATE_NOOP(
        "feedback", "USB printers need the libusb library, which is not on this computer. "
                    "Install libusb-1.0, or print through the printer's Windows queue."),
    "device.trial_failed": QT_TRANSLATE_NOOP(
        "feedback", "The device could not be tried ({reason}). Call support."),
    "store.standing_unknown": QT_TRANSLATE_NOOP(
        "feedback", "Head office could not be asked where this till stood ({reason}). The "
                    "till asks again at its next sync, before it sends anything."),
}


# Roles by their code, as sentences and the staff page name them.
ROLE_NAMES: dict[str, str] = {
    "cashier": QT_TRANSLATE_NOOP("staff", "Cashier"),
    "front_desk": QT_TRANSLATE_NOOP("staff", "Front desk"),
    "manager": QT_TRANSLATE_NOOP("staff", "Manager"),
    "admin": QT_TRANSLATE_NOOP("staff", "Administrator"),
}


def role_name(code: str) -> str:
    text = ROLE_NAMES.get(code)
    return QCoreApplication.translate("staff", text) if text else code
