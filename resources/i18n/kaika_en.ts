<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnalysisPage</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dormant members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase (days ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key, light and never-bought members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders in the last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue from the top 20 % of buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{percent} of members&apos; revenue in the last year came from the top {top} of {buyers} buyers ({part} of {whole}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&gt; {days} or never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays in the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding birthdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No purchase for more than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue to every member listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding dormant members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} members; the {shown} longest without a purchase are listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue one {coupon} to each of the {count} members with no purchase for more than {days} days?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons for dormant members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuing coupons to dormant members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} coupons issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing the members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <source>Membership application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly income</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heard of us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under ￥3,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over ￥20,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member told them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS and WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to be known at partner shops (masked name, tier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has read and accepts the privacy policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>11 digits, e.g. 13800138000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1990-03-08, or 03-08 without the year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 characters; optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number or mobile of the member who sent them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a card now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print form on receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-up gift: {gift}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This mobile already belongs to {name} ({mobile}), tier {tier}, {points} points, card {card}. Open that member instead of signing them up twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mobile belongs to a member already: F3 opens them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. Check: {fields}. Everything typed is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is now a member ({tier}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-up coupon {codes} is in their account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 issues a card; F6/F7 print the form for signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the form as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be written to {path} ({reason}). Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form is saved as {path}. Print it for the member to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form is printing: ask the member to sign it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {file}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} entries written to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the audit chain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>Cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe the card, or type a mobile or card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New card: encode stripe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New card: print QR slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link pre-printed card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encode again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe the member&apos;s card, scan their QR code, or type their mobile or card number above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Membership: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} is issued; its slip is printing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} is issued, but there is no printer for its slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number}: swipe the card through the encoder once more to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number}: swipe the blank card through the encoder now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} is written and checked. Hand it to the member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card number is kept: F4 encodes it again, F6 prints a QR slip instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe the pre-printed card now, or type its 13-digit number and press Enter. Esc cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} now belongs to this member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block card {number} now? It is refused everywhere at once; points and stored value stay with the member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the member a new card for {number}? Points, stored value, coupons and tier move to it and the old card stops working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close card {number} for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} is now {state}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New card {number} replaces the old one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New card numbers left at this till: {left}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next new card will be number {number}. Card encoder: {state}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>magnetic stripe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR / barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Esc Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter {action}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateBar</name>
    <message>
        <source>Business date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>Swipe 张三&apos;s card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe 李四&apos;s card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show 张三&apos;s phone QR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan 羊毛外套</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan 丝巾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe a bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: paper out / in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the printer printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last receipt, as the printer received it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo devices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Find devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a port, e.g. /dev/ttyUSB0 or COM3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network printer, e.g. 192.168.1.50:9100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices of this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mm} mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code page for Chinese text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the printer, pin {pin}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard scanner or card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>click here, then scan a code or swipe a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{baud} baud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the port first, e.g. /dev/ttyUSB0 or COM3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port {port} added: choose it for a device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer {address} chosen: print a test page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing a test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing a line on the customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the card encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in {file}. The till uses these devices from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in {file}, but the till could not switch to them now ({reason}); they take effect at its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in {file}. The till uses these devices now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawPage</name>
    <message>
        <source>F5 Spin the wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F8 New draw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prizes and stock left at this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock allotted by head office (managers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lucky draw is running today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the member: swipe the card, scan the QR or type the mobile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{free} free spin(s) left today, then {cost} points a spin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free spin left today: a spin costs {cost} points ({points} points on the card).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks for playing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good luck!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks for playing — better luck next time!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Congratulations! {prize}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record prize stock allotted by head office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{prize}: {left} left to give.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {name} is saved and running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {name} is saved; it starts on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {name} is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawSetupDialog</name>
    <message>
        <source>Prize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points / coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks for playing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New lucky draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. SPRING-2025</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as members will see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To (last day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free spins a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points a paid spin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers may add free spins of their own (Rules page). Each prize row is a slice of the wheel: the weight sets how often it comes up, the stock how many this store can give.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add prize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove prize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved. Prize row {row}, {column}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Invitation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points ≥ </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed to marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F7 Export to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in at the door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members&apos; evening {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the members invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} member(s) invited by this rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member meets this rule. Lower the points or choose another tier or month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the invitation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} member(s) saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {amount} welcome coupon is on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in today: {count}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add the code typed; with nothing typed: pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clear what was typed; close a dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑ ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a line or a search result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan / swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items, member cards and QR codes, coupons, receipts (return) — at any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Income band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value (principal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value (bonus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key members (buy often)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light members (buy now and then)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active (bought in 90 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 20 % by spending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays coming up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import members with their points and stored value from an old system&apos;s CSV or XLSX file. Opening balances are money the store owes, so only a manager may import. 1. Choose the file  2. Check the columns  3. Dry run  4. Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s first rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad rows found by the dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the old system&apos;s file (F2) to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2 Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns (* needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 Dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the bad rows out and import the good ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F9 Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a segment for messaging (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members who agreed to marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the old system&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member lists (*.csv *.xlsx *.xlsm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {rows} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the columns, then run the dry run (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the file (dry run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All {good} rows are good. Import (F9) adds them in one go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{good} rows are good and {bad} rows are bad. Correct the file and run the dry run again, or tick the box to import only the good rows: the bad rows are then left out and nothing of them is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {count} members with {points} points and {wallet} stored value ({bonus} of it bonus). {bad} bad rows were left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} members written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Staff number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your staff number and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked. {name}, type your PIN to carry on; a manager can unlock too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Name, pinyin initials (zs), mobile or its last 4 digits, card number — Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F4 Edit profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member matches “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement is printing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kaika till — {store}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({number})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({number}) · shift of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in first, then scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window does not take a scan or a card: finish or close it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <source>Manager approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s staff number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberFinder</name>
    <message>
        <source>Swipe the card, scan the member QR, or type the mobile or card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member yet — swipe, scan or type above</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberPanelWidget</name>
    <message>
        <source>No member — swipe or scan the card, or F4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number typed, not shown: stored value needs the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no card shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday today — wish them a happy birthday!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance member of {issuer}: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier at {issuer}: {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value: not accepted here (only at {issuer})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partner discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new arrivals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no-points goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner discount: {rates}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earns {points} {issuer} points per yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{issuer} points pay {value} each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points expire by {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons (touch one, or F5 and its last four):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} from {spend}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Numpad</name>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficeScreen</name>
    <message>
        <source>{name} ({number})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This page does not take a card or a code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Saving the sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slip / transaction no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Back to sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F7 Remove payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paying {amount} from stored value: the member types their PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance member of {issuer}: stored value is not accepted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{issuer} points pay {value} each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>given {given}, change {change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member: stored value and points need the member&apos;s card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member: {points} points, stored value {wallet}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this sale earns {points} points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinBox</name>
    <message>
        <source>Payment PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F6 Set payment PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new payment PIN is saved. From now on only this PIN pays from stored value; today&apos;s lock, if any, is lifted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new payment PIN is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Set payment PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New stored-value payment PIN for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member types six digits, not one digit repeated nor a run like 123456. Please look away while they type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN (6 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Save PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinState</name>
    <message>
        <source>Stored value is locked today: the PIN was wrong {tries} times. A new PIN lifts the lock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member&apos;s own PIN, set on {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PIN of their own yet: the last six digits of the registered mobile pay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong tries today: {wrong} of {most}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointsReportPage</name>
    <message>
        <source>Reading the daily points report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check: opening plus the day&apos;s movements equals closing — OK. Closing points are worth {cash}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check: the movements do not add up to the closing figure — {points} points differ. Run kaika verify and call support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrizeTable</name>
    <message>
        <source>points, e.g. 200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemTable</name>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Edit {name}&apos;s profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday (1990-03-08 or 03-08)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to marketing messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to alliance partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to be known at partner shops (masked name, tier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source>This window does not take a scan: type the value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window does not take a card.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Sales on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a sale and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member · {items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Recall</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptDesk</name>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is on its way to the receipt printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void sale (manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt (manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s barcode or type its number; then scan each item that comes back, or choose a line with ↑ ↓ and type how many (or + −).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item barcode or SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt: scan each item, then F10 for a manager&apos;s approval. Each is refunded at most the lowest price paid for it in the last {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund per unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void the whole sale {receipt}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the sale voided? (written to the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt {receipt} of {time}, total {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} typed by the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} paid ({receipt})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sale lately: amount needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund without a sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale of {name} in the last {days} days. The manager types the refund for one unit (at most {price}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {total} without a receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded {total} ({how}). Receipt {receipt}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points taken back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} was used: {amount} kept back from the refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} issued instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier back to {tier}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewardsPage</name>
    <message>
        <source>Gift catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2 Redeem the chosen gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vouchers for points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F3 Exchange for the chosen voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or change a gift (managers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered to members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost to the store (yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (withdrawn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{gift} handed over for {points} points. {stock} left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} voucher issued, valid until {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the gift catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift {code} saved: {stock} in stock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>another pack file (.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to this pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force: {title} ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a rule pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule packs (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} is a valid rule pack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trying the rule pack on a copy of the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the rule pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the next sale on, this store prices, earns points and tops up by “{new}” instead of “{old}”. The switch is recorded in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store now uses {title}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pack cannot be used. File: {file} · Key: {key} · {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load another pack file to see it here beside the one in force, try it on a scenario, and switch to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each pack ran the scenario on its own copy of the store database; the live store was not touched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleActions</name>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New quantity of {item}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{item} removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Shift+F3 again to cancel the whole sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number, member QR or mobile number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member removed from the sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type the coupon code (a coupon of the member: its last four characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the code in front of the camera…</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on {item}: yuan off (20), or what the customer pays (9折, 85折, 90%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole-sale discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on the whole sale: yuan off (50), or what the customer pays (9折, 90%); 0 takes it off:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount approved by {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount is beyond your limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale {receipt} saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change {change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points earned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleLinesTable</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount (why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan, or type a barcode, SKU, name or pinyin initials — Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole-sale discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid in money; stored value earns fewer points (its bonus part earns none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid so far {paid}, still due {left}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount approved by a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a member to earn points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sale earns {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several products match: choose one with ↑ ↓ and Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance member of {issuer} attached: partner prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member {name} ({tier}) attached.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetPreview</name>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftClosedDialog</name>
    <message>
        <source>Shift closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected in the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over (+) / short (−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Log out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignupDialog</name>
    <message>
        <source>Sign up a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has read and accepts the privacy policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS and WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to be known at partner shops (masked name, tier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Sign up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-person store: cashiers may sign members up at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>digits, e.g. 1002</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4–6 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag staff card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member cards used on more than {count} sales in one business day, last 30 days. A staff member may be swiping their own card for customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card alerts ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an account in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} {name} can log in now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN of {number} was reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch off an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} {name} will no longer be able to log in. Their sales and history stay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatementView</name>
    <message>
        <source>earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adjusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set back by a return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent in period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points in period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points lots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earned on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points movements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — card {card} — {since} to {until}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a member above, or swipe their card.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TiersPage</name>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qualifying spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members per tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anniversaries in the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number or mobile, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a member above, swipe a card or type a mobile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tier anniversaries in the next {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} anniversaries: {drop} would drop a tier if they bought nothing more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drops to {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+{days} order days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {tier} since {since}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cover open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n receipt(s) waiting — F11 reprint</source>
        <translation>
            <numerusform>%n receipt waiting — F11 reprint</numerusform>
            <numerusform>%n receipts waiting — F11 reprint</numerusform>
        </translation>
    </message>
    <message>
        <source>Head office: online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{link} · unsynced {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This till&apos;s clock is {difference} ahead of head office: check its date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This till&apos;s clock is {difference} behind head office: check its date and time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UpgradeProgress</name>
    <message>
        <source>Upgrading the store database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {step} of {steps}: {what}
A large store takes a few minutes. Do not switch the till off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message>
        <source>Top up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top up from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount to top up, in yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference from the card or mobile terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Top up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing refunds the principal in cash; bonus money is forfeited. A manager approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F9 Close wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Keep the wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund and close (manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an amount: the bonus shows here before paying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus +{bonus}: {credited} goes on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {amount} the bonus is +{bonus}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topped up {principal} + bonus {bonus}. Balance {balance} (bonus {of_bonus}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top up {amount} — {words}? Bonus +{bonus}: {credited} goes on the card. Read the amount back to the customer before confirming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm a large top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund {refund} in cash. Bonus {forfeit} is forfeited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the member&apos;s wallet and refund the principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet closed: {refund} refunded in cash, {forfeit} bonus forfeited.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZReportPage</name>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over (+) / short (−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shifts still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the Z report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day {day} was closed at {time}: these are the figures printed then. Sales since belong to {next}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day close runs for today&apos;s business date only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the day expires lapsed points and coupons and runs the tier anniversaries. Every shift is closed: the figures above are final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close business day {day}? Points and coupons past their date expire and tier anniversaries due today are reviewed. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sales belong to {next}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also closed {days}, which nobody had closed; their Z reports are on this page (PgUp).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the day expires lapsed points and coupons and runs the tier anniversaries. It waits until every shift is closed and counted: {cashiers}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day {day} closed: {points} points expired from {members} members, {coupons} coupons expired, {reviews} tier anniversaries reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>analysis</name>
    <message>
        <source>no order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>middle third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key (3+ orders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Log-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed log-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s approval given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s approval refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return without receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member signed up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier sign-up switched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff switched on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff card flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule pack switched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device settings saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prize stock allotted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift catalogue changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons issued in bulk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member profile changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member payment PIN set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong member payment PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail sealed with the store key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail found cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office changes set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail cut: it reached entry no. {head} but now ends at no. {seq}; the entries after it were deleted. Call head office before anything else is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail rewritten: from entry no. {seq} on, the entries were recomputed without this store&apos;s key. Call head office before anything else is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail cut: the seal on its last entry was removed (found at entry no. {seq}). Call head office before anything else is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail sealed a second time at entry no. {seq}: the store&apos;s upgrade was forced again. Call head office before anything else is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail was already broken when it was sealed (entry no. {seq} says where). Call head office before anything else is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was changed after it was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>follows an entry that was changed or removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard (USB keyboard mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url} (saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test page went to {address}. Check that every line is clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drawer was sent its pulse. If it did not open, try the other pin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card read (tracks {tracks}): {shown}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code read: {shown}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer display should now read &quot;{shown}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card encoder answered its status check (firmware {shown}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing came within the time. Try again; check the cable and the baud rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A keyboard device: click the field below and scan or swipe there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the device first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>explain</name>
    <message>
        <source>{tier} {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored-value deposit {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance partner {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{issuer} points: {points_per_yuan} a yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign price {price}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store campaign {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier discount {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole-sale discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole-sale discount {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {coupon}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member price beats the campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {coupon} on its own is cheaper ({with_coupon} against {without_coupon}): other discounts left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {coupon} not used: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend from {min_eligible}: ×{multiplier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday: ×{multiplier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{occasion}: ×{multiplier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tier}: ×{multiplier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the other discounts save more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another coupon saves more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it saves nothing more; kept for later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>feedback</name>
    <message>
        <source>The staff number or PIN is wrong. Type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff account is switched off. Ask the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff {number} is not a manager. A manager must type their own number and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff account no longer exists. Log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your shift is already open. Carry on selling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shift is open. Open a shift with the cash float first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The float cannot be negative. Count the float again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The counted cash cannot be negative. Count the drawer again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No manager approved it, so nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who is doing this: log in with your staff number and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a manager&apos;s approval. A manager must type their number and PIN here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff {number} cannot approve their own request. Ask another manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager&apos;s approval has run out. Ask the manager to approve again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager&apos;s approval was used already. Ask the manager to approve again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager approved something else. Ask the manager to approve this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager approved this for another staff member. Ask the manager to approve it for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures changed since the manager approved them. Ask the manager to approve again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs no manager&apos;s approval. Tell the manager this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the cashier who locked the till or a manager can unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sale has no items yet. Scan an item first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{remaining} is still due. Add another payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount or price is beyond your limit. A manager must approve it with their PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale label {code} has neither a price nor a weight. Weigh the item again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be 1 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That line is no longer in the sale. Choose another line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A discount cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale has receipt number {receipt}. Check the number on the receipt or scan its barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale is on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish or hold the sale on screen first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product has the code {code}. Check the code or search by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product with this barcode ({code}). Put the item aside and ask the manager, or search it by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not sold by weight, so a scale label cannot price it. Scan its own barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount is more than the line costs ({line}). Enter a smaller one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} is not a discount rate. Type e.g. 9折, 85折 or 90% (what the customer pays), or an amount in yuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount is more than the sale costs ({sale}). Enter a smaller one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member&apos;s tier {tier} is not in the store&apos;s rules. Ask the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon is already in the sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon code {code} is mistyped. Type it again or scan it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} does not exist. Check the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon was withdrawn and cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon has already been used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon is not valid yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon belongs to another member. Attach that member&apos;s card first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon needs a spend of {min_spend}; the goods it covers come to {eligible}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the gift item to the sale to use this coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon is set up wrongly and cannot be used. Ask the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cash handed over ({given}) is less than {amount}. Count it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} is more than the {due} still due. Enter a smaller amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This way of paying is not taken here. Choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach the member first: points and stored value belong to a member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing more is due. Remove a payment or finish the sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the slip or transaction number shown by the payment terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member owes {balance} points; points can be used again once the balance is above zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points are used in steps of {step}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member has only {available} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points are worth {value}, more than the {due} due. Use fewer points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paying {amount} from stored value needs the member&apos;s PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN is wrong. Tries left today before stored value locks: {left}. Ask the member to type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card …{card_number} is not one of ours, and no alliance partner&apos;s member list has it (the member may not have agreed to be recognised at partners). Serve the customer without a card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alliance agreement with {issuer} is not in force today: their cards get no benefit here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till holds no alliance coupon {code} for this card (it may be used up, expired, or not yet synced here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} belongs to another card, not card …{card_number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alliance agreement does not let {issuer} coupon {code} be used here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} is valid from {valid_from} to {valid_to}, not today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} has already been used at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value on another merchant&apos;s card can only be spent there. Take the payment another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This QR code is another merchant&apos;s member code, and this till holds no alliance key to check it: no agreement here honours that merchant&apos;s cards (or the till has not synced since). Ask for the member card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alliance agreement does not let {issuer} points pay here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points are worth more than the amount still due. Enter fewer points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value needs the member&apos;s card or phone QR code: swipe or scan it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored value is only {balance}. Take the rest another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member&apos;s stored value is overdrawn. A manager must settle it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member has no stored value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office has switched this till off for points and stored value. Pay another way and call the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office cannot be reached and this till has no offline allowance for points or stored value. Pay another way, or try again once head office is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till has been offline too long to take points or stored value. Pay another way; it works again once head office is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This member&apos;s points and stored value are on hold at head office. Pay another way, or ask the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While head office cannot be reached, less points or stored value may be spent. Use less, or pay the rest another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till must be enrolled with head office again before it can sync: ask head office for a new code. Sales are kept and sent afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An answer claiming to be from head office was altered on the way and was refused. Sales are kept; tell IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An answer without head office&apos;s signature was refused. Sales are kept; tell IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member found. Check the number, or sign the customer up at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This membership is frozen. Send the member to the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This membership is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is a bank card: take it on the bank&apos;s terminal. Nothing of it was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A card number (13 to 19 digits) cannot be kept here. Remove it; for a card payment type the reference printed on the slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card was reported lost and is blocked. Keep the card and call the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card was replaced by a new one. Ask the member for the new card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has card {card_number}. Check the number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card&apos;s stripe is not genuine. Keep the card and call the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card has expired. Send the member to the front desk for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card is not one of our member cards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card could not be read. Swipe again, or type the card number (F4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A staff card cannot be used at a till its owner is logged in to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a valid card number. Check the 13 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member&apos;s QR code is too old. Ask them to refresh it on the phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has not learnt head office&apos;s QR keys yet. Enrol it, or ask for the member card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This QR code is not genuine. Ask for the member card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone&apos;s clock is ahead. Ask the member to refresh the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QR code is damaged. Scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This QR code was already used. Ask the member to refresh it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has no card key, so cards cannot be checked. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stripe was not read cleanly. Swipe again, steadily.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swipe was cut short. Swipe again in one movement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stripe was misread. Swipe again; if it keeps failing the card is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was read. Swipe with the stripe facing the reader head.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a card number, member QR code or mobile number. Check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one item to return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} is not on this receipt. Check the item against the receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s barcode first, then the items that come back (F4 without a receipt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only {left} of line {line_no} can still be returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line_no} is not on that receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A return without a receipt needs a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale of {name} lately: the manager types the refund for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund for one unit must be more than zero and at most its price {price}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} is more than the {paid} paid for it on {receipt}. A return without a receipt never refunds more than was paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The barcode was misread (check digit). Scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan came through the Chinese input method. Switch the input method off and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan was empty. Scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanner sent unreadable data. Scan again; if it repeats, check the scanner&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan was cut short. Scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer is out of paper. Load a roll; the receipt waits for reprint (F11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer cover is open. Close it; the receipt waits for reprint (F11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer reports a fault (cutter or heat). Switch it off and on; the receipt waits for reprint (F11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Chinese font to print with. Call support; the receipt waits for reprint (F11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device address in the settings is wrong. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device is set up with the wrong kind of address. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A library for a device is missing ({library}). Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera scanning is not installed on this till. Use the hand scanner, or ask support to add the camera part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device setting is wrong ({setting}). Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. Tell support the code {support}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {device} is not reachable. Check it is switched on and cabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {device} stopped answering. Check its cable and power.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {device} connection dropped. Check the cable or network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {device} port may not be opened. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {device} reported an error. Unplug it and plug it in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>barcode scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serial port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field is filled in wrongly. Check it and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store database cannot be used ({code}). Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt could not be laid out ({code}). Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was refused ({code}). Tell the manager this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong, but sale {receipt} is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. The items on screen are kept; nothing was paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support code: {support}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not open this. Ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt printer is set up at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} is too long: at most {max} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} holds an invisible control character (character {position}): retype it instead of pasting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile: type 11 digits starting 13–19, or an international number starting with +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number: 18 characters, 17 digits then a digit or X, with a real birth date in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number: the last character does not fit the others. Check every digit against the ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday: type it as 1990-03-08, or 03-08 without the year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday: the date is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday: it differs from the birth date in the ID number. Leave it empty or correct one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail: the address is not complete (like name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender: choose male or female.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: choose one of the listed channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: tick it or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form has no field {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrer: type the 13-digit card number or the mobile of the member who sent them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrer: a new member cannot refer themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer must read and accept the privacy policy before signing up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrer: no member has the card number or mobile {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} already belongs to a member. Use another card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All card numbers for {prefix} are used up. Call head office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has no new card numbers left ({left}). Connect it to head office: the next sync brings a new block. A pre-printed card can still be linked (F7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {number} is not registered to this store. Use a pre-printed card head office registered here, or issue a new card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card encoder is set up at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card was swiped through the encoder in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encoder could not write the card: swipe it again steadily, or use a new card (Hi-Co cards unless the settings say Lo-Co).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was swiped the wrong way or too fast. Swipe it again, stripe to the head.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card reads back differently from what was written. Use a new blank card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card encoder answers strangely: check it is an MSR206/605 and its speed is 9600 baud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card encoder refused a command. Switch it off and on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card encoder reports a fault. Switch it off and on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card data cannot be written on a stripe. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the member first: swipe the card, scan the QR or type the mobile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the top-up amount in yuan, for example 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash goes through a counted drawer: count the float into yours first, or take the top-up by bank card or mobile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-up above {threshold} is booked only once the amount {amount} has been read back to the customer and confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-up is at least {min}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-up is paid in cash, by bank card or by mobile wallet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the reference the card or mobile terminal printed, then Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing a wallet needs a manager&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons to many members at once need a manager&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording prize stock needs a manager&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a gift in the catalogue first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift {code} is not in the catalogue any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift {code} is out of stock. Offer another gift or a voucher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager may change the gift catalogue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the gift&apos;s code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the gift&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points price must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points price must be a whole number, for example 900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock cannot be below 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cost to the store cannot be below 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the cost to the store in yuan, for example 9.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a voucher in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no voucher for {points} points. Choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lucky draw is running today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {draw} is not known at this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {draw} is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {draw} starts on {starts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw {draw} ended on {ends}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prize {prize} has run out. Nothing was taken; spin again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a prize of this draw first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type how many more (or, negative, how many fewer) head office allotted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{given} of prize {prize} are already given: the stock cannot go lower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prize {prize} has no stock limit to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The spin is saved, but the wheel could not show prize {prize}. Open the page again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This member has already checked in to {event}. Welcome them back; nothing more is issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the event&apos;s name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points in the rule cannot be below 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a birthday month from 1 to 12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be saved to {path}: {reason}. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a member first: search, or swipe their card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts. Change the From date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved to {path}: {reason}. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at {path}. Choose the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read as CSV or XLSX ({reason}). Save it again from the old system as CSV or XLSX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not text Kaika can read (it tried {tried}). Save it from the old system as CSV UTF-8 or XLSX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The XLSX file is damaged and cannot be read ({reason}). Save it again from the old system as XLSX or CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old Excel (.xls) file cannot be read ({reason}). Save it as .xlsx or CSV and choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}, column {column} holds more than {max} characters. Shorten it in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row} is not valid CSV ({reason}). Check its quotation marks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has more than {max} rows. Split it into smaller files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows {rows} have problems, so nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too large ({detail}). Choose the right file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be opened ({detail}). Check that it is not open elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is a folder. Choose a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty. Choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns are both called “{column}”. Rename one in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{part}” is not a column=field pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kaika has no field called “{value}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no column called “{column}”. Choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns are mapped to {value}. Keep one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No column is mapped to {value}, which every member needs. Choose its column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a whole number of points (no minus sign, no decimals).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not an amount in yuan of zero or more (e.g. 1,234.50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a tier of this store ({known}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a date like 2024-03-08.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same mobile is also on row {rows}. Keep it on one row only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same card number is also on row {rows}. Keep it on one row only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member with this mobile is already in the store. Leave the row out or change the mobile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card number is already in use in the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the dry run first: the import takes only rows it has checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No row can be imported. Correct the file and run the dry run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved to {path}: {reason}. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shifts still open: {cashiers}. Each cashier closes their shift and counts the cash before the day is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business day {day} is already closed; new sales belong to {next_day}. The next day close is possible once {next_day} has begun.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look ahead at least one day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff number {number} is already taken. Choose another number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A staff number is digits only, at most {max} of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may give, change or switch off the role {role}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot change the role of your own account or switch it off. Ask another manager or an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN is {min} to {max} digits. Type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That PIN is too easy to guess (one digit repeated, or a run like 1234). Choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule pack {file} has a mistake at {key} ({problem}). Correct the file and load it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no rule pack {name}. Choose the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scenario {file} cannot be run: {path} is wrong ({problem}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load another rule pack first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end date is before the start date. Change one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN was wrong {tries} times today, so stored value is locked until tomorrow. Take the payment another way; the front desk can set a new PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voiding a sale needs a manager&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type why the sale is voided; it goes into the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale {receipt} was rung up on {date}; only today&apos;s sales can be voided. Take the goods back as a return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale {receipt} belongs to another shift; only sales of the open shift can be voided. Take the goods back as a return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything on sale {receipt} has already been returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale {receipt} won coupon {code}, and that coupon has already been used, so the sale cannot be voided. Take the goods back as a return instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This mobile number belongs to another member. Check the number, or look that member up instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} was settled when the member signed up and cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs are not the same, so nothing was saved. Type the new PIN again, twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a code for the draw, for example SPRING-2025.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draw code {draw} may hold only letters, digits, - and _ (at most 40).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a lucky draw with code {draw}. Choose another code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the draw&apos;s name as members will see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is too long: at most {max} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day is before the first day. Change the To date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day is already past. Change the To date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points a paid spin costs cannot be below 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free spins a day cannot be below 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one prize with a weight of 1 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the prize&apos;s name as the wheel shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight must be 1 or more: the bigger it is, the more often the prize comes up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A points prize gives at least 1 point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the coupon template the prize issues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no coupon template {template}. Choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stock cannot be below 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type how many this store can give: only “thanks for playing” may be unlimited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store database was found. Create one with `kaika init --db PATH`, or open the demo store with `kaika run --demo`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store databases found: {listed}. Choose one with --db PATH (or set {env}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no store database at {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store database was made by a newer Kaika (revision {revision}; this one knows up to {known}). Install the newer Kaika.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s key file {path} is missing: copy it back beside the database (it seals card secrets and ID numbers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file {path} belongs to another store database. Copy this store&apos;s own key file beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file {path} is damaged. Restore it from the backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store database is already open in another Kaika (process {pid}, account {user} on {host}). Close that till first: one store database takes one Kaika.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store database is being synced with head office by another Kaika process (process {pid}, account {user} on {host}). Wait for that round to finish, or stop that sync, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup {path} cannot be restored: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup {path} has no key file beside it ({key}). Without it the members&apos; ID numbers and the card secret cannot be read: copy the key file made with the backup beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file {file} is wrong at {key}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device settings have a mistake at {field}. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The devices file {location} could not be written ({reason}). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till was started without a devices file (the demo): device settings cannot be saved here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The devices file {file} has mistakes. Choose the devices again and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USB printers need the libusb library, which is not on this computer. Install libusb-1.0, or print through the printer&apos;s Windows queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device could not be tried ({reason}). Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office could not be asked where this till stood ({reason}). The till asks again at its next sync, before it sends anything.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>{rate} off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>office</name>
    <message>
        <source>Application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gifts and vouchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lucky draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily points report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Z-report and day close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff and roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pack</name>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at sign-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one sale ≥ {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ {amount} in {months} months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on {days} different days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps it with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free spins a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Special price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group-buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>31 December of the next year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>31 December of the same year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points per yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basket ladder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-points days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multipliers together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>highest only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>multiplied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>referral {referral}, sharing {share}, review {review}, event check-in {checkin}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points as cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points = {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vouchers for points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gifts cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate} points per yuan of cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount}: {rate} for {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deposit discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member PIN above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups confirmed above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gift {sku}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days from issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to the same day {months} month(s) on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On sign-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At event check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend and get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down to the jiao</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down to the yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member discount on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on campaign prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store-wide discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier&apos;s own discount up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card numbers start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe valid for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{years} years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone QR valid for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card alert after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} sales in a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cards</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>points_report</name>
    <message>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported, other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Reading anniversaries and members per tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the store and running the scenario twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the day&apos;s figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring points and coupons, reviewing tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the store database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every entry&apos;s link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading every member&apos;s purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting bands and segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the points ledger</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prompt</name>
    <message>
        <source>Esc Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>this key is not known (a typing mistake?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this key is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number in quotes, e.g. &quot;0.85&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text in quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a date, e.g. 2025-05-06</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of the allowed words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must rise from one entry to the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same name appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a product class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no tier has this name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no coupon template has this code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give valid_days or valid_from and valid_to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give valid_days or the dates, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not valid TOML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in: one member&apos;s baskets and a top-up today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bonus {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shift</name>
    <message>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash float in the drawer (yuan):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash counted in the drawer (yuan):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>staff</name>
    <message>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring sales and returns at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to the back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign members up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve overrides with their own PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust a member&apos;s points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the store&apos;s rule pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the till&apos;s devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, reset, switch off cashier and front-desk accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, reset, switch off managers and administrators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{card} (staff card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the page “{page}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff card</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Esc Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. What was finished before the stop is kept; running it again carries on from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until “{task}” has finished, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tiers</name>
    <message>
        <source>Sign-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade at a sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept at the anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowered at the anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set back by a void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set back by a return</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
