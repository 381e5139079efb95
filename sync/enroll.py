"""Enrolling a till with head office: one-time code in, identity, credentials and head office's
answer keys out; plain http only to this machine unless the user insists (`insecure`)."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from datetime import UTC, time
from urllib.parse import urlsplit

from db.store import StoreDb
from domain.clock import Clock
from domain.errors import DomainError
from domain.packload import pack_names
from sync import cardblocks, credentials
from sync.announce import announce_unsent
from sync.credentials import Credentials
from sync.http import HeadOffice, Transport
from sync.schema import EnrollRequest, EnrollResponse
from sync.signing import KeyPair


def enroll(store: StoreDb, server: str, code: str, clock: Clock,
           terminal_code: str | None = None,
           transport: Transport | None = None,
           insecure: bool = False) -> EnrollResponse:
    """Register this till under the code's store and write its credentials beside the database.

    The till keeps its own terminal id (its outbox is keyed by it) and takes the store's
    identity, codes, time zone and rule pack from head office. Whatever the database already
    held is announced to head office at the next push. A till enrolled before head office
    signed its answers (credentials without its keys) enrols again the same way.
    """
    check_server(server, insecure)
    with store.reader() as uow:
        settings = uow.settings.get()
        again = uow.sync_state.get() is not None
    if again and not _needs_keys(store):
        raise DomainError("sync.already_enrolled")
    keys = KeyPair.generate()
    creds = Credentials(server=server.rstrip("/"), terminal_id=settings.terminal_id,
                        private_key=keys.private_text())
    link = HeadOffice(creds, clock, transport=transport)
    try:
        answer = EnrollResponse.model_validate(link.enrol(
            "/v1/terminals/enroll", EnrollRequest(
                code=code.strip(), public_key=keys.public_text(),
                terminal_id=settings.terminal_id, terminal_code=terminal_code,
                app_version="kaika").model_dump(), code))
    finally:
        link.close()
    credentials.save(credentials.path_for(store.path),
                     replace(creds, server_keys=tuple(answer.server_keys),
                             qr_keys=tuple(answer.qr_keys),
                             alliance_qr_keys={b: tuple(k) for b, k in
                                               answer.alliance_qr_keys.items()}))
    _become(store, answer, clock, server, again)
    return answer


def check_server(server: str, insecure: bool) -> None:
    """https:// anywhere; http:// only to this machine, or when the user passed --insecure
    (the one-time code and every answer key would cross the network in the clear)."""
    url = urlsplit(server)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise DomainError("sync.server_invalid", server=server)
    if url.scheme == "http" and not insecure and not is_loopback(url.hostname):
        raise DomainError("sync.insecure_server", server=server)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _needs_keys(store: StoreDb) -> bool:
    path = credentials.path_for(store.path)
    return not path.exists() or not credentials.load(path).server_keys


def _become(store: StoreDb, answer: EnrollResponse, clock: Clock, server: str,
            again: bool) -> None:
    info = answer.store
    hour, minute = (int(x) for x in info.day_close.split(":"))
    now = clock.now()
    offset = int((answer.server_time.astimezone(UTC) - now).total_seconds() * 1000)
    with store.uow() as uow:
        settings = uow.settings.get()
        # A pack of head office's own arrives with the first pull (it is written beside the
        # database then); until it does the till keeps the pack it has.
        pack = info.rulepack if info.rulepack in pack_names() else settings.rulepack
        uow.settings.save(replace(
            settings, merchant_id=info.merchant_id, store_id=info.store_id,
            store_code=info.store_code, store_name=info.store_name,
            terminal_code=answer.terminal_code, region_code=info.region_code, tz=info.tz,
            day_close=time(hour, minute), rulepack=pack))
        if again:
            # Enrolled before: the cursor, the acknowledged seq and the outbox stand as they are.
            uow.sync_state.update(server_url=server, server_offset_ms=offset, last_error="")
        else:
            uow.sync_state.start(answer.terminal_id, server, enrolled_at=now,
                                 server_offset_ms=offset)
            announce_unsent(uow, now)
        # From now on only head office's blocks number this till's cards; what it issued
        # before was announced above, with everything else head office had not heard of.
        cardblocks.keep(uow, info.card_brand, answer.card_blocks)
        uow.commit()
