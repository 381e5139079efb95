"""How a peer talks to a driver: a pseudo-terminal (a serial port) or a TCP socket.

Each channel runs one background thread that hands received bytes to the peer and sends
back whatever the peer answers. TCP channels can also misbehave on purpose: drop the
connection after N bytes, or stop reading (a printer that hangs mid-print).
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import struct
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable

Handler = Callable[[bytes], bytes]
_POLL = 0.02


class Channel(ABC):
    """Base: a thread, a stop flag and the handler that turns input into replies."""

    def __init__(self) -> None:
        self._handler: Handler = lambda data: b""
        self.on_connect: Callable[[], None] = lambda: None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.address = ""

    def start(self, handler: Handler) -> None:
        self._handler = handler
        self._stop.clear()
        self._open()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        self._close()

    @abstractmethod
    def send(self, data: bytes) -> None: ...

    @abstractmethod
    def _open(self) -> None: ...

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _run(self) -> None: ...


class PtyChannel(Channel):
    """A pseudo-terminal pair; the driver opens `address` (/dev/pts/N) like a COM port."""

    def _open(self) -> None:
        import tty  # POSIX only; Windows peers use TcpChannel

        self._master, self._slave = os.openpty()
        # Raw from the start: a cooked pty would echo and translate CR before pyserial opens.
        tty.setraw(self._slave)
        tty.setraw(self._master)
        # A device talking to a port nobody reads loses its bytes; it never blocks.
        os.set_blocking(self._master, False)
        self.address = os.ttyname(self._slave)

    def _close(self) -> None:
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                written = os.write(self._master, view)
            except BlockingIOError:
                return  # the port's buffer is full: the rest is lost, as on a real line
            view = view[written:]

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], _POLL)
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                continue  # nothing after all (non-blocking), or EIO from a closing pty
            reply = self._handler(data)
            if reply:
                self.send(reply)


class TcpChannel(Channel):
    """A TCP server on 127.0.0.1 taking one connection at a time, like a port-9100 printer.

    drop_after: close the connection abruptly once that many bytes arrived on it.
    stall_after: after that many bytes stop reading and answering (the buffers fill up).
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__()
        self._host, self._port = host, port
        self._conn: socket.socket | None = None
        self._lock = threading.Lock()
        self.drop_after: int | None = None
        self.stall_after: int | None = None
        self.connections = 0
        self.port = port

    def _open(self) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Small buffers make a stalled peer push back on the sender quickly.
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._server.bind((self._host, self._port))
        self._server.listen(4)
        host, port = self._server.getsockname()[:2]
        self.port = port
        self.address = f"{host}:{port}"

    def _close(self) -> None:
        self._drop_connection()
        self._server.close()

    def send(self, data: bytes) -> None:
        with self._lock:
            conn = self._conn
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.sendall(data)

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._server], [], [], _POLL)
            if ready:
                conn, _ = self._server.accept()
                with self._lock:
                    self._conn = conn
                self.connections += 1
                self.on_connect()
                self._serve(conn)
                self._drop_connection()

    def _serve(self, conn: socket.socket) -> None:
        received = 0
        while not self._stop.is_set():
            if self.stall_after is not None and received >= self.stall_after:
                self._stop.wait(_POLL)
                continue
            ready, _, _ = select.select([conn], [], [], _POLL)
            if not ready:
                continue
            try:
                data = conn.recv(self._chunk(received))
            except OSError:
                return
            if not data:
                return
            received += len(data)
            reply = self._handler(data)
            if self.drop_after is not None and received >= self.drop_after:
                self._reset(conn)
                return
            if reply:
                self.send(reply)

    def _chunk(self, received: int) -> int:
        # Read no further than a fault point, so the fault happens exactly there.
        limits = [n - received for n in (self.drop_after, self.stall_after) if n is not None]
        return max(min([4096, *limits]), 1)

    def _reset(self, conn: socket.socket) -> None:
        # Linger 0 sends RST: the driver sees a dropped line, not a polite close.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self._drop_connection()

    def _drop_connection(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()


def make_channel(kind: str) -> Channel:
    """"pty" on Linux and macOS; "tcp" (pyserial socket://) where there are no ptys."""
    if kind == "pty":
        return PtyChannel()
    if kind == "tcp":
        return TcpChannel()
    raise ValueError(f"unknown channel kind {kind!r}")


def default_serial_channel() -> str:
    return "pty" if hasattr(os, "openpty") else "tcp"
