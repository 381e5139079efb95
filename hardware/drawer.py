"""The cash drawer, opened by the receipt printer's kick pulse (ESC p) on pin 2 or 5."""

from __future__ import annotations

from hardware import escpos_commands as cmd
from hardware.printer import EscposPrinter
from hardware.receipt import DrawerKick


class CashDrawer:
    """A drawer wired to a printer's RJ11 port; pulse length as the drawer's maker says.

    The kick is sent without asking the printer whether it is ready: a printer that is
    out of paper still drives its drawer port, and the cashier needs the drawer then.
    """

    def __init__(self, printer: EscposPrinter, pin: int = 2, on_ms: int = 100,
                 off_ms: int = 100) -> None:
        self.printer = printer
        self.kick = DrawerKick(pin, on_ms, off_ms)  # validates pin and pulse length

    def open(self) -> None:
        k = self.kick
        self.printer.send(cmd.drawer_kick(k.pin, k.on_ms, k.off_ms), check_ready=False)
