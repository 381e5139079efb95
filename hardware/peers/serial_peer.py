"""Base for peers that sit on a serial line (a pty, or socket:// where there are no ptys)."""

from __future__ import annotations

from typing import Self

from hardware.peers.channels import Channel, TcpChannel, default_serial_channel, make_channel


class SerialPeer:
    """A device simulator: subclasses answer bytes in `handle` and may `send` on their own."""

    def __init__(self, channel: str | None = None) -> None:
        self.channel: Channel = make_channel(channel or default_serial_channel())
        self.received = bytearray()  # everything the driver sent, for tests to look at

    def start(self) -> Self:
        self.channel.start(self.handle)
        return self

    def stop(self) -> None:
        self.channel.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def address(self) -> str:
        """What a driver opens: /dev/pts/N, or socket://127.0.0.1:port for the tcp channel."""
        if isinstance(self.channel, TcpChannel):
            return f"socket://{self.channel.address}"
        return self.channel.address

    def send(self, data: bytes) -> None:
        self.channel.send(data)

    def handle(self, data: bytes) -> bytes:
        """Bytes from the driver; the return value is sent back. Default: keep, answer nothing."""
        self.received += data
        return b""
