<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>DemoPanel</name>
        <message>
            <source>Swipe 张三's card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Swipe 李四's card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show 张三's phone QR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan 羊毛外套</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan 丝巾</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Swipe a bank card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Printer: paper out / in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the printer printed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last receipt, as the printer received it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo devices</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <source>Keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>add the code typed; with nothing typed: pay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Esc</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>clear what was typed; close a dialog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>↑ ↓</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>choose a line or a search result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan / swipe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>items, member cards and QR codes, coupons, receipts (return) — at any time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Esc Close</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>Staff number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter Log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type your staff number and PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Locked. {name}, type your PIN to carry on; a manager can unlock too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter Unlock</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Kaika till — {store}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not logged in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} ({number})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} ({number}) · shift of {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in first, then scan.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Receipt printed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ManagerDialog</name>
        <message>
            <source>Manager approval</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manager's staff number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manager's PIN</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MemberPanelWidget</name>
        <message>
            <source>No member — swipe or scan the card, or F4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no card shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tier: {tier}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points: {points}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored value: {amount}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Birthday today — wish them a happy birthday!</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{points} points expire by {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupons: none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupons: {list}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Numpad</name>
        <message>
            <source>C</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <source>Payment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Still due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bank card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mobile wallet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slip / transaction no.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Esc Back to sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>F7 Remove payment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cash handed over</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member's PIN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paying {amount} from stored value: the member types their PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>given {given}, change {change}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{points} points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No member: stored value and points need the member's card.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member: {points} points, stored value {wallet}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this sale earns {points} points</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecallDialog</name>
        <message>
            <source>Sales on hold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a sale and press Enter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{time}: {count} item(s) — {names}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter Recall</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReceiptDesk</name>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Thank you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refund</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReturnsDialog</name>
        <message>
            <source>Return</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refund</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Void sale (manager)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No receipt (manager)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Esc Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan the receipt's barcode or type its number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Receipt number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No receipt, approved by {name}: scan each item, then F10. Refunded in cash at today's price.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Item barcode or SKU</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Return without a receipt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Void the whole sale {receipt}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Receipt {receipt} of {time}, total {total}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bank card</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mobile wallet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stored value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>coupon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refunded {total} ({how}). Receipt {receipt}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{points} points taken back.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SaleActions</name>
        <message>
            <source>Quantity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New quantity for the line:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line removed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Press Shift+F3 again to cancel the whole sale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Card number, member QR or mobile number:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member removed from the sale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon added.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan or type the coupon code:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hold the code in front of the camera…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Sale put on hold (%n on hold).</source>
            <translation>
                <numerusform>Sale put on hold (%n on hold).</numerusform>
                <numerusform>Sale put on hold (%n on hold).</numerusform>
            </translation>
        </message>
        <message>
            <source>Discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount on the line, in yuan:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount approved by {name}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The discount is beyond your limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sale {receipt} saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change {change}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{points} points earned</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SaleLinesTable</name>
        <message>
            <source>#</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount (why)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SaleScreen</name>
        <message>
            <source>Scan, or type a barcode, SKU, name or pinyin initials — Enter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To pay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quantity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Void line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recall</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Return</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reprint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel sale</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove member</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera scan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close shift</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paid so far {paid}, still due {left}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discount approved by a manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attach a member to earn points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This sale earns {points} points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Several products match: choose one with ↑ ↓ and Enter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon added.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member {name} ({tier}) attached.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShiftClosedDialog</name>
        <message>
            <source>Shift closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Float</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected in the drawer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Counted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over (+) / short (−)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter Log out</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TillStatusBar</name>
        <message>
            <source>Printer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scanner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Card reader</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer display</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ready</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>out of paper</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cover open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>fault</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>connected</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n receipt(s) waiting — F11 reprint</source>
            <translation>
                <numerusform>%n receipt waiting — F11 reprint</numerusform>
                <numerusform>%n receipts waiting — F11 reprint</numerusform>
            </translation>
        </message>
        <message>
            <source>Head office: not connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Head office: online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Head office: offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{link} · unsynced {count}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>explain</name>
        <message>
            <source>{tier} {rate}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Birthday {rate}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored-value deposit {rate}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Campaign price {price}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store campaign {rate}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cashier discount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon {coupon}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rounding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Member price beats the campaign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon {coupon} on its own is cheaper ({with_coupon} against {without_coupon}): other discounts left out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon {coupon} not used: {why}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Spend from {min_eligible}: ×{multiplier}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Birthday: ×{multiplier}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{occasion}: ×{multiplier}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{tier}: ×{multiplier}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the other discounts save more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it cannot be combined</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>another coupon saves more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it saves nothing more; kept for later</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>feedback</name>
        <message>
            <source>The staff number or PIN is wrong. Type them again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This staff account is switched off. Ask the manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Staff {number} is not a manager. A manager must type their own number and PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This staff account no longer exists. Log in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your shift is already open. Carry on selling.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No shift is open. Open a shift with the cash float first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The float cannot be negative. Count the float again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The counted cash cannot be negative. Count the drawer again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No manager approved it, so nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the cashier who locked the till or a manager can unlock it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sale has no items yet. Scan an item first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{remaining} is still due. Add another payment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The discount is beyond your limit. A manager must approve it with their PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The quantity must be 1 or more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A price cannot be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That line is no longer in the sale. Choose another line.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A discount cannot be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No sale has receipt number {receipt}. Check the number on the receipt or scan its barcode.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No sale is on hold.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finish or hold the sale on screen first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No product has the code {code}. Check the code or search by name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The discount is more than the line costs ({line}). Enter a smaller one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member's tier {tier} is not in the store's rules. Ask the manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon is already in the sale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The coupon code {code} is mistyped. Type it again or scan it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coupon {code} does not exist. Check the code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon was withdrawn and cannot be used.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon has already been used.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon has expired.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon is not valid yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon belongs to another member. Attach that member's card first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon needs a spend of {min_spend}; the goods it covers come to {eligible}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the gift item to the sale to use this coupon.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This coupon is set up wrongly and cannot be used. Ask the manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The amount must be more than zero.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cash handed over ({given}) is less than {amount}. Count it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{amount} is more than the {due} still due. Enter a smaller amount.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This way of paying is not taken here. Choose another.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attach the member first: points and stored value belong to a member.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing more is due. Remove a payment or finish the sale.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the slip or transaction number shown by the payment terminal.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member owes {balance} points; points can be used again once the balance is above zero.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points are used in steps of {step}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member has only {available} points.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{points} points are worth {value}, more than the {due} due. Use fewer points.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paying {amount} from stored value needs the member's PIN.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The PIN is wrong. Ask the member to type it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored value needs the member's card or phone QR code: swipe or scan it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The stored value is only {balance}. Take the rest another way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member's stored value is overdrawn. A manager must settle it first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member has no stored value.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Head office has switched this till off for points and stored value. Take another payment and call the manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Head office cannot be reached and this till has no offline allowance for points or stored value. Take another payment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The till has been offline too long to take points or stored value. Take another payment; it works again once head office is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This member's points and stored value are on hold at head office. Take another payment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>While head office cannot be reached, less points or stored value may be spent. Use less, or take the rest another way.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No member found. Check the number, or sign the customer up at the front desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This membership is frozen. Send the member to the front desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This membership is closed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That is a bank card: take it on the bank's terminal. Nothing of it was kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This card was reported lost and is blocked. Keep the card and call the manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This card was replaced by a new one. Ask the member for the new card.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This card is closed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No member has card {card_number}. Check the number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The card's stripe is not genuine. Keep the card and call the manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The card has expired. Send the member to the front desk for a new one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This card is not one of our member cards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The card could not be read. Swipe again, or type the card number (F4).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A staff card cannot be used at a till its owner is logged in to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That is not a valid card number. Check the 13 digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The member's QR code is too old. Ask them to refresh it on the phone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This QR code is not genuine. Ask for the member card.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The phone's clock is ahead. Ask the member to refresh the code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The QR code is damaged. Scan it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This QR code was already used. Ask the member to refresh it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This till has no card key, so cards cannot be checked. Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The stripe was not read cleanly. Swipe again, steadily.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The swipe was cut short. Swipe again in one movement.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The stripe was misread. Swipe again; if it keeps failing the card is damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was read. Swipe with the stripe facing the reader head.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That is not a card number, member QR code or mobile number. Check it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose at least one item to return.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only {left} of line {line_no} can still be returned.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line {line_no} is not on that receipt.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A return without a receipt needs a manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The barcode was misread (check digit). Scan it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scan came through the Chinese input method. Switch the input method off and scan again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scan was empty. Scan again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scanner sent unreadable data. Scan again; if it repeats, check the scanner's settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The scan was cut short. Scan again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The printer is out of paper. Load a roll; the receipt waits for reprint (F11).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The printer cover is open. Close it; the receipt waits for reprint (F11).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The printer reports a fault (cutter or heat). Switch it off and on; the receipt waits for reprint (F11).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No Chinese font to print with. Call support; the receipt waits for reprint (F11).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A device address in the settings is wrong. Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A device is set up with the wrong kind of address. Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A library for a device is missing ({library}). Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A device setting is wrong ({setting}). Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong. Tell support the code {support}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {device} is not reachable. Check it is switched on and cabled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {device} stopped answering. Check its cable and power.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {device} connection dropped. Check the cable or network.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {device} port may not be opened. Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The {device} reported an error. Unplug it and plug it in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>receipt printer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>barcode scanner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>card reader</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>customer display</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>camera</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>card encoder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A field is filled in wrongly. Check it and save again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store database cannot be used ({code}). Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The receipt could not be laid out ({code}). Call support.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That was refused ({code}). Tell the manager this code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong, but sale {receipt} is saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong. The items on screen are kept; nothing was paid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Support code: {support}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>i18n</name>
        <message>
            <source>{rate} off</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>prompt</name>
        <message>
            <source>Esc Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter OK</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>shift</name>
        <message>
            <source>Open shift</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cash float in the drawer (yuan):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close shift</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cash counted in the drawer (yuan):</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
