"""After a sale or a return commits: drawer, receipt and customer display, in that order.

The sale is already saved when this runs; every device step goes to the device worker, and
a printer fault only leaves the receipt waiting for reprint (`TillDevices.printed`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop import i18n
from desktop.devices import TillDevices
from desktop.receipts import return_receipt, sale_receipt
from desktop.viewmodels.env import TillEnv
from domain.records import TenderKind
from domain.services.checkout import Completed
from domain.services.returns import Returned


class ReceiptDesk:
    def __init__(self, env: TillEnv, devices: TillDevices | None) -> None:
        self.env = env
        self.devices = devices

    def sale_done(self, done: Completed, cashier: str) -> None:
        devices = self.devices
        if devices is None:
            return
        if any(t.kind is TenderKind.CASH for t in done.sale.tenders):
            devices.open_drawer()  # first: the cashier needs change before the paper
        devices.print_receipt(sale_receipt(done, self.env.store_name, cashier,
                                           self.env.ctx.calendar, self.env.receipt_lang,
                                           open_drawer=False))
        change = sum(t.change_fen for t in done.sale.tenders)
        label = QCoreApplication.translate("ReceiptDesk", "Change") if change else \
            QCoreApplication.translate("ReceiptDesk", "Thank you")
        devices.show_text(label, i18n.money(change) if change else "")

    def refund_done(self, done: Returned, cashier: str, original: str | None,
                    approved_by: str | None = None) -> None:
        devices = self.devices
        if devices is None:
            return
        if any(t.kind is TenderKind.CASH and t.amount_fen for t in done.sale.tenders):
            devices.open_drawer()
        devices.print_receipt(return_receipt(done, self.env.store_name, cashier,
                                             self.env.ctx.calendar, self.env.receipt_lang,
                                             original, approved_by))
        devices.show_text(QCoreApplication.translate("ReceiptDesk", "Refund"),
                          i18n.money(-done.sale.total_fen))
