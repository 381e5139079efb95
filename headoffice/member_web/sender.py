"""How a one-time log-in code reaches a member's phone: a port with two adapters — the console
sender (the demo and tests: the code is written to a file or head office's log) and an HTTP
SMS-gateway adapter (docs/web.md, "Sending the codes")."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

import httpx

from db.filemodes import private_mode
from domain.errors import DomainError
from domain.forms import mask_mobile

log = logging.getLogger("kaika.headoffice.member_codes")


class CodeSender(Protocol):
    def send(self, mobile: str, code: str, minutes: int, lang: str, at: datetime) -> None:
        """Deliver `code` to `mobile`; DomainError member_code.send_failed when it cannot."""


@dataclass(frozen=True)
class ConsoleSender:
    """Writes each code as one JSON line to `outbox` (0600), or to head office's log (with the
    mobile masked) when there is none. For the demo and tests only: a real chain sends SMS."""

    outbox: Path | None = None

    def send(self, mobile: str, code: str, minutes: int, lang: str, at: datetime) -> None:
        if self.outbox is None:
            log.warning("member log-in code for %s: %s (valid %d minutes; console sender)",
                        mask_mobile(mobile), code, minutes)
            return
        line = json.dumps({"mobile": mobile, "code": code, "minutes": minutes, "lang": lang,
                           "at": at.isoformat()}, ensure_ascii=False)
        fd = os.open(self.outbox, os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                     private_mode(self.outbox))
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(line + "\n")


@dataclass(frozen=True)
class HttpSmsSender:
    """POSTs `{"mobile", "template": "login_code", "params": {"code", "minutes"}, "lang"}` as
    JSON to the gateway's URL with `Authorization: Bearer <token>`; any 2xx is delivered.

    The shape most Chinese SMS gateways take (a template approved in advance, its parameters
    per message); a gateway with another shape gets a small relay in front of it.
    """

    url: str
    token: str
    timeout_s: float = 5.0

    def send(self, mobile: str, code: str, minutes: int, lang: str, at: datetime) -> None:
        body = {"mobile": mobile, "template": "login_code", "lang": lang,
                "params": {"code": code, "minutes": minutes}}
        try:
            answer = httpx.post(self.url, json=body, timeout=self.timeout_s,
                                headers={"Authorization": f"Bearer {self.token}"})
        except httpx.HTTPError as err:
            log.error("SMS gateway unreachable: %s", type(err).__name__)
            raise DomainError("member_code.send_failed") from None
        if not answer.is_success:
            log.error("SMS gateway refused the message: HTTP %d", answer.status_code)
            raise DomainError("member_code.send_failed", status=answer.status_code)


def configured(gateway_url: str | None, token_file: Path | None,
               outbox: Path | None) -> CodeSender:
    """The gateway when its URL is set (its token from a file, never argv), else the console."""
    if not gateway_url:
        return ConsoleSender(outbox)
    if token_file is None:
        raise DomainError("member_code.gateway_token_missing")
    try:
        token = token_file.read_text(encoding="utf-8").strip()
    except OSError:
        raise DomainError("member_code.gateway_token_unreadable", path=str(token_file)) from None
    if not token:
        raise DomainError("member_code.gateway_token_missing")
    return HttpSmsSender(gateway_url, token)
