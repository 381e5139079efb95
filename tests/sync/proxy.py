"""A TCP proxy between a till and head office that can lose a reply after the server committed.

Modelled on toxiproxy's toxics (research/sync.md §4): it relays bytes both ways; when armed,
it lets the next push request through, waits for head office's complete response — so the
batch is committed — and then closes the till's connection without relaying a byte of it.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class DropReplyProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._armed = 0
        self.dropped = 0
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def drop_next_push_replies(self, count: int = 1) -> None:
        with self._lock:
            self._armed = count

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream_port))
            seen: list[bytes] = []
            threading.Thread(target=self._upstream, args=(client, server, seen),
                             daemon=True).start()
            threading.Thread(target=self._downstream, args=(server, client, seen),
                             daemon=True).start()

    @staticmethod
    def _upstream(client: socket.socket, server: socket.socket, seen: list[bytes]) -> None:
        try:
            while data := client.recv(65536):
                seen.append(data)
                server.sendall(data)
        except OSError:
            pass
        finally:
            _shut(server)

    def _downstream(self, server: socket.socket, client: socket.socket,
                    seen: list[bytes]) -> None:
        buffer = b""
        try:
            while data := server.recv(65536):
                buffer += data
                response = _complete_response(buffer)
                if response is None:
                    continue
                buffer = buffer[len(response):]
                if self._take_drop(seen):
                    self.dropped += 1
                    _shut(client)
                    _shut(server)
                    return
                client.sendall(response)
        except OSError:
            pass
        finally:
            _shut(client)

    def _take_drop(self, seen: list[bytes]) -> bool:
        request = b"".join(seen)
        seen.clear()
        with self._lock:
            if self._armed and b"POST /v1/sync/push" in request:
                self._armed -= 1
                return True
        return False


def _complete_response(buffer: bytes) -> bytes | None:
    """One whole HTTP response at the start of `buffer` (Content-Length framing), or None."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    length = 0
    for line in buffer[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    total = end + 4 + length
    return buffer[:total] if len(buffer) >= total else None


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
