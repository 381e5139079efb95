"""Head office's listener hands out connections that send at once (TCP_NODELAY): without it an
answer's second write waited for the client's delayed ACK, ~40 ms an answer."""

from __future__ import annotations

import socket

from headoffice.serve import no_delay


def test_a_connection_accepted_from_the_listener_sends_without_delay() -> None:
    with socket.socket(socket.AF_INET) as listener:  # made as serve and uvicorn make theirs
        listener.bind(("127.0.0.1", 0))
        no_delay(listener)
        listener.listen(1)
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_without_it_the_accepted_connection_would_wait() -> None:
    with socket.socket(socket.AF_INET) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
