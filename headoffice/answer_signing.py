"""Every answer head office gives is signed (ASGI middleware, the outermost layer of the app).

Pull pages, push acknowledgements, look-ups, grants and every refusal alike carry head office's
time and signatures bound to the request they answer (`sync/answers.py`); the enrolment answer
also carries the proof keyed by the one-time code. A request that fails before an answer was
begun gets a signed `500 server.error` rather than the server's unsigned one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any

from headoffice.keys import AnswerKeys
from sync import answers, signing

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ENROL_CODE = "kaika.enrol_code"  # the enrolment route leaves the code here for the proof
_SET_HERE = {h.lower().encode() for h in (
    signing.HEADER_SERVER_TIME, answers.HEADER_ANSWER_SIGNATURE, answers.HEADER_ENROL_PROOF)}
_FAILED = b'{"code":"server.error","params":{}}'


class AnswerSigner:
    def __init__(self, app: ASGIApp, keys: AnswerKeys, clock: Callable[[], datetime]) -> None:
        self.app = app
        self.keys = keys
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: list[Message] = []
        chunks: list[bytes] = []
        done: list[bool] = []

        async def hold(message: Message) -> None:
            # The whole answer is held back: its signature covers the body, and it goes first.
            if message["type"] == "http.response.start":
                start.append(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    done.append(True)
                    await self._answer(scope, send, start[0], b"".join(chunks))
            else:
                await send(message)

        try:
            await self.app(scope, receive, hold)
        except Exception:
            if not done:  # nothing went out yet (what was held back is dropped)
                await self._answer(scope, send, {
                    "type": "http.response.start", "status": 500,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(_FAILED)).encode())]}, _FAILED)
            raise  # logged by the server, which sends nothing more once an answer began

    async def _answer(self, scope: Scope, send: Send, start: Message, body: bytes) -> None:
        now = str(int(self.clock().timestamp() * 1000))
        text = answers.answer_text(answered(scope), int(start["status"]), now, body)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _SET_HERE]
        headers.append((signing.HEADER_SERVER_TIME.lower().encode(), now.encode()))
        headers.append((answers.HEADER_ANSWER_SIGNATURE.lower().encode(),
                        answers.sign(self.keys.pairs, text).encode()))
        code = scope.get(ENROL_CODE)
        if code:
            headers.append((answers.HEADER_ENROL_PROOF.lower().encode(),
                            answers.enrol_proof(code, text).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def answered(scope: Scope) -> answers.Answered:
    """The request as the till signed it: method, path with query string, terminal, nonce."""
    target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
    if scope.get("query_string"):
        target += "?" + scope["query_string"].decode("latin-1")
    return answers.Answered(method=scope["method"], target=target,
                            terminal=_first(scope, signing.HEADER_TERMINAL),
                            nonce=_first(scope, signing.HEADER_NONCE))


def _first(scope: Scope, name: str) -> str:
    """A request header's first value, as authentication reads it ("" when absent)."""
    wanted = name.lower().encode()
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == wanted), "")
