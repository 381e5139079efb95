"""The head-office HTTP API (FastAPI). Stateless: run as many replicas as needed behind a load
balancer; everything lives in the database, idempotency included."""

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from domain.errors import DomainError, NotFound, ValidationError
from domain.hlc import HybridClock, Stamp, clamp
from domain.text import LINES_PATTERN, bad_char
from headoffice import (
    alliance_roster,
    applog,
    boundary,
    cardblocks,
    cases,
    chainheads,
    console,
    ingest,
    lookup,
    member_web,
    pull,
    reports,
    standing,
    tenancy,
)
from headoffice.answer_signing import ENROL_CODE, AnswerSigner
from headoffice.applog import RequestLog
from headoffice.auth import ApiError, TerminalCache, authenticate
from headoffice.batch import Terminal
from headoffice.boundary import DEFAULT_MAX_BODY_BYTES, CleanPath, CleanQuery, IsoDate
from headoffice.engine import read_options
from headoffice.keys import AnswerKeys
from headoffice.member_web.sender import CodeSender, ConsoleSender
from headoffice.metrics import Metrics
from headoffice.migrate import current, head
from headoffice.packs import PackBook
from headoffice.replica import Reads
from headoffice.sql import retrying
from sync import qrkeys
from sync.schema import (
    HEADER_PROTOCOL,
    MAX_EVENTS_PER_BATCH,
    MAX_PULL_LIMIT,
    PROTOCOL_VERSION,
    AllowanceGrant,
    CardBlocksRequest,
    CardBlocksResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    LookupResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    StandingResponse,
    Text,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody} for s in (400, 401, 403, 404, 409, 413, 422, 426)}


@dataclass
class Settings:
    auth_cache_s: float = 15.0
    admin_token: str | None = None  # enables /v1/admin/* (reports, cases) for this bearer token
    answer_keys: AnswerKeys | None = None  # required: every answer is signed (headoffice/keys.py)
    card_block_size: int = cardblocks.DEFAULT_BLOCK_SIZE  # card serials per allotted block
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES  # larger requests: 413 before they are read
    metrics: bool = True  # Prometheus figures at /metrics
    access_log: bool = True  # one log line per request (headoffice/applog.py)
    replica: Engine | None = None  # a streaming replica for reports and admin pages
    replica_max_lag_s: float = 30.0  # further behind than this: the primary answers
    # How the member page's one-time codes reach phones (headoffice/member_web/sender.py);
    # None: the console sender, writing them to head office's log.
    code_sender: CodeSender | None = None


def _note(text: str) -> str:
    """A note may run over lines; no other control character."""
    if bad_char(text, multiline=True) is not None:
        raise PydanticCustomError("control_character", "a control character is not allowed")
    return text


class Resolution(BaseModel):
    by: Text = Field(min_length=1, max_length=100)
    note: Annotated[str, AfterValidator(_note)] = Field(
        default="", max_length=2000, json_schema_extra={"pattern": LINES_PATTERN})


@dataclass
class _Service:
    """What every route needs: the database, caches, head office's clock and HLC."""

    engine: Engine
    settings: Settings
    clock: Callable[[], datetime]
    cache: TerminalCache
    packs: PackBook
    hlc: HybridClock
    keys: AnswerKeys
    metrics: Metrics | None
    reads: Reads


def create_app(engine: Engine, settings: Settings | None = None,
               clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> FastAPI:
    settings = settings or Settings()
    keys = settings.answer_keys
    if keys is None:
        raise DomainError("answer_keys.not_configured")
    app = FastAPI(title="Kaika head office", version="1",
                  description="Sync protocol v1 between Kaika tills and head office "
                              "(docs/headoffice.md, docs/sync-events.md).")
    metrics = Metrics(engine, clock) if settings.metrics else None
    service = _Service(engine, settings, clock, TerminalCache(settings.auth_cache_s),
                       PackBook(), HybridClock("headoffice"), keys, metrics,
                       Reads(engine, settings.replica, settings.replica_max_lag_s))
    _errors(app)
    boundary.install(app, settings.max_body_bytes)
    _health_routes(app, service)

    @app.post("/v1/terminals/enroll", responses=ERRORS)
    def enroll(req: EnrollRequest, request: Request) -> EnrollResponse:
        """Exchange a one-time enrolment code and the till's public key for its identity, head
        office's answer keys and its first block of card serials; the answer is bound to the
        code (`X-Kaika-Enrol-Proof`)."""
        request.scope[ENROL_CODE] = req.code
        return retrying(engine, lambda conn: _enrolled(conn, req, service))

    signed = Annotated[Terminal, Depends(_signed(service))]
    _sync_routes(app, service, signed)
    _member_routes(app, service, signed)
    _admin_routes(app, service)
    # The staff's web pages
    console.install(app, engine, clock, service.cache, service.packs, service.reads)
    # The members' page for the phone
    member_web.install(app, engine, clock, keys, service.packs,
                       settings.code_sender or ConsoleSender())
    # Added after the routes, so it wraps them all: every answer any other layer gives is
    # signed; the request log wraps the signer, so its time and request id cover everything.
    app.add_middleware(AnswerSigner, keys=keys, clock=clock)
    app.add_middleware(RequestLog, metrics=metrics, enabled=settings.access_log)
    return app


class Health(BaseModel):
    status: str  # "ok" or "unavailable"
    database: str  # "ok" or "unreachable"
    expected: str  # the schema revision this code needs
    schema_: str | None = Field(None, alias="schema")  # the database's revision
    schema_current: bool | None = None
    error: str | None = None  # why the database is unreachable (the driver's error class)


def _health_routes(app: FastAPI, service: _Service) -> None:
    @app.get("/v1/health", response_model=Health, responses={503: {"model": Health}})
    def health() -> JSONResponse:
        """For the load balancer and the operator: 200 when the database answers and its schema
        is the one this code expects; 503 saying which is not so otherwise."""
        expected = head()
        try:
            at = current(service.engine)
        except SQLAlchemyError as err:
            return JSONResponse(status_code=503, content={
                "status": "unavailable", "database": "unreachable",
                "error": type(getattr(err, "orig", err)).__name__, "expected": expected})
        ok = at == expected
        return JSONResponse(status_code=200 if ok else 503, content={
            "status": "ok" if ok else "unavailable", "database": "ok", "schema": at,
            "expected": expected, "schema_current": ok})

    if service.metrics is not None:
        figures = service.metrics

        @app.get("/metrics", include_in_schema=False)
        def metrics() -> Response:
            """Prometheus text format (docs/headoffice.md, "Metrics")."""
            body, media = figures.exposition()
            return Response(body, media_type=media)


def _enrolled(conn: Any, req: EnrollRequest, service: _Service) -> EnrollResponse:
    answer = tenancy.enroll(conn, req, service.clock(), service.keys.public)
    terminal = Terminal(id=answer.terminal_id, store_id=answer.store.store_id,
                        merchant_id=answer.store.merchant_id, code=answer.terminal_code,
                        public_key=req.public_key)
    level = service.packs.for_merchant(conn, terminal.merchant_id).cards.level
    _, blocks = cardblocks.blocks_for(conn, terminal, level, service.settings.card_block_size,
                                      service.clock())
    return answer.model_copy(update={
        "card_blocks": blocks, "qr_keys": qr_public(service, terminal.merchant_id),
        "alliance_qr_keys": issuers_qr_public(conn, service, terminal.merchant_id)})


def qr_public(service: _Service, merchant_id: str) -> list[str]:
    """The merchant's dynamic-QR keys, public halves: what its tills verify member QRs with."""
    return [pair.public_text() for pair in qrkeys.merchant_pairs(service.keys.pairs, merchant_id)]


def issuers_qr_public(conn: Any, service: _Service, partner_id: str) -> dict[str, list[str]]:
    """The public QR keys of every alliance issuer the partner honours, by card brand: how a
    partner's till verifies an issuer's member's phone code offline (docs/alliance.md)."""
    found = alliance_roster.honoured_issuers(conn, partner_id, service.clock())
    return {brand: qr_public(service, issuer_id) for brand, issuer_id in sorted(found.items())}


def _signed(service: _Service) -> Callable[..., Any]:
    """The dependency that authenticates a till's signed request (headers documented)."""

    async def signed(
            request: Request,
            x_kaika_terminal: Annotated[str, Header(description="the terminal id")] = "",
            x_kaika_timestamp: Annotated[str, Header(
                description="Unix ms, within 5 minutes of head office's clock")] = "",
            x_kaika_nonce: Annotated[str, Header(
                description="new for every request (UUIDv7); a replay is refused")] = "",
            x_kaika_signature: Annotated[str, Header(
                description="Ed25519 over METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\n"
                            "SHA256(BODY)[\\nTILL_TIME], base64url")] = "",
            x_kaika_till_time: Annotated[str, Header(
                description="Unix ms by the till's own clock, uncorrected (signed when "
                            "sent): head office records the till's clock skew")] = "",
    ) -> Terminal:
        protocol = request.headers.get(HEADER_PROTOCOL, str(PROTOCOL_VERSION))
        if not protocol.isdigit() or int(protocol) > PROTOCOL_VERSION:
            # A till newer than head office keeps queuing locally until head office is upgraded.
            raise ApiError(426, "sync.protocol_unsupported", supported=PROTOCOL_VERSION)
        body = await request.body()
        target = request.scope["raw_path"].decode("latin-1")
        if request.scope["query_string"]:
            target += "?" + request.scope["query_string"].decode("latin-1")
        found: Terminal = await run_in_threadpool(
            authenticate, service.engine, service.cache, request.method, target,
            request.headers, body, service.clock(), service.packs)
        applog.identify(found.id, found.store_id, request.scope.setdefault("state", {}))
        return found

    return signed


def _sync_routes(app: FastAPI, service: _Service, signed: Any) -> None:
    engine, clock, hlc = service.engine, service.clock, service.hlc

    @app.post("/v1/sync/push", response_model=PushResponse, responses=ERRORS)
    def push(req: PushRequest, terminal: signed) -> Response:
        """Apply a batch (at most 500 events, in seq order, continuing the terminal's seqs)."""
        if len(req.events) > MAX_EVENTS_PER_BATCH:
            raise ApiError(413, "sync.batch_too_large", max_events=MAX_EVENTS_PER_BATCH)
        batch = ingest.check_batch(req, terminal)
        acked, results = ingest.push(engine, terminal, batch, clock(), service.packs)
        if service.metrics is not None:
            service.metrics.count_events(req, results)
        if req.chain is not None:  # after the events, so their seqs count as acknowledged
            chainheads.record(engine, terminal, req.chain, clock())
        stamp = _observed(hlc, req.hlc, clock()) if req.hlc else hlc.now()
        answer = PushResponse(acked_through_seq=acked, results=results, server_time=clock(),
                              server_hlc=str(stamp))
        return _json(answer)  # built and checked once, not validated again on the way out

    @app.get("/v1/sync/pull", response_model=PullResponse, responses=ERRORS)
    def pull_page(terminal: signed, cursor: CleanQuery = "",
                  limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 500) -> Response:
        """The next page of the store's and the merchant's changes after `cursor`."""
        def read(conn: Any) -> PullResponse:
            changes, after, more, acked = pull.page(conn, terminal, pull.Cursor.decode(cursor),
                                                    limit)
            return PullResponse(changes=changes, next_cursor=after.encode(), has_more=more,
                                acked_through_seq=acked, server_time=clock(),
                                server_hlc=str(hlc.now()))
        return _json(retrying(engine, read, **read_options(engine)))

    @app.get("/v1/sync/standing", response_model=StandingResponse, responses=ERRORS)
    def standing_now(terminal: signed) -> Response:
        """The highest seq accepted from this terminal and its last receipt number: a till
        restored from a backup skips its counters past them before it sends anything."""
        return _json(retrying(engine, lambda conn: standing.answer(conn, terminal, clock()),
                              **read_options(engine)))


def _observed(hlc: HybridClock, text: str, now: datetime) -> Stamp:
    """Head office's clock moves past a till's stamp, clamped first: one till with a fast
    clock would otherwise carry every till's later edits ahead of the real time, where head
    office clamps them back below the edits they follow."""
    return hlc.observe(clamp(Stamp.parse(text), int(now.timestamp() * 1000))[0])


def _member_routes(app: FastAPI, service: _Service, signed: Any) -> None:
    engine, clock = service.engine, service.clock

    @app.post("/v1/allowances/renew", responses=ERRORS)
    def renew(terminal: signed) -> AllowanceGrant:
        """Grant the terminal its offline spending limits for the next `max_offline_hours`."""
        grant = retrying(engine, lambda conn: lookup.renew_allowance(conn, terminal, clock(),
                                                                     service.packs))
        if service.metrics is not None:
            service.metrics.grants.inc()
        # Head office's keys ride on each grant: how tills learn a new key before it is used
        # alone (docs/headoffice.md, "Head office's keys").
        with engine.connect() as conn:
            issuers = issuers_qr_public(conn, service, terminal.merchant_id)
        return grant.model_copy(update={"server_keys": service.keys.public,
                                        "qr_keys": qr_public(service, terminal.merchant_id),
                                        "alliance_qr_keys": issuers})

    @app.post("/v1/cards/blocks", responses=ERRORS)
    def card_blocks(req: CardBlocksRequest, terminal: signed) -> CardBlocksResponse:
        """The terminal's card serial blocks with numbers left, a new block allotted first when
        fewer than half a block are left (docs/headoffice.md)."""
        def allot(conn: Any) -> CardBlocksResponse:
            brand, blocks = cardblocks.blocks_for(conn, terminal, req.level,
                                                  service.settings.card_block_size, clock())
            return CardBlocksResponse(brand=brand, blocks=blocks, server_time=clock())
        return retrying(engine, allot)

    @app.get("/v1/members/lookup", responses=ERRORS)
    def member_lookup(terminal: signed, mobile: CleanQuery | None = None,
                      card: CleanQuery | None = None) -> LookupResponse:
        """A member not yet on this till, by mobile or card number; the store follows them."""
        def find(conn: Any) -> LookupResponse:
            member_id, changes, acked = lookup.lookup(conn, terminal, clock(), mobile=mobile,
                                                      card=card)
            return LookupResponse(found=member_id is not None, member_id=member_id,
                                  changes=changes, acked_through_seq=acked,
                                  server_time=clock(), server_hlc=str(service.hlc.now()))
        return retrying(engine, find, **_lookup_options(engine))


def _admin_routes(app: FastAPI, service: _Service) -> None:
    engine, packs, clock, token = (service.engine, service.packs, service.clock,
                                   service.settings.admin_token)

    def admin(request: Request) -> None:
        if token is None:
            raise ApiError(403, "auth.admin_disabled")
        given = request.headers.get("authorization", "").encode()
        # Constant time: the comparison must not tell a prober how much of the token was right.
        if not hmac.compare_digest(given, f"Bearer {token}".encode()):
            raise ApiError(401, "auth.admin_token")

    Admin = Depends(admin)

    reads = service.reads

    # Reports and lists read from the replica when there is one close enough behind; the
    # answer's X-Kaika-Read-From and X-Kaika-Data-Lag-Seconds headers say which and how stale.
    @app.get("/v1/admin/reports/liability", dependencies=[Admin], responses=ERRORS)
    def liability(merchant: CleanQuery, response: Response) -> dict[str, Any]:
        with reads.connect() as (conn, where):
            response.headers.update(where.headers())
            return reports.liability(conn, merchant, packs)

    @app.get("/v1/admin/reports/points-daily", dependencies=[Admin], responses=ERRORS)
    def points_daily(day: IsoDate, response: Response,
                     store: CleanQuery | None = None) -> dict[str, Any]:
        with reads.connect() as (conn, where):
            response.headers.update(where.headers())
            return reports.points_daily(conn, day, store, packs)

    @app.get("/v1/admin/cases", dependencies=[Admin], responses=ERRORS)
    def case_list(response: Response,
                  status: CleanQuery | None = "open") -> list[dict[str, Any]]:
        with reads.connect() as (conn, where):
            response.headers.update(where.headers())
            return cases.list_cases(conn, status)

    @app.post("/v1/admin/cases/{case_id}/resolve", dependencies=[Admin], responses=ERRORS)
    def resolve(case_id: CleanPath, body: Resolution) -> dict[str, str]:
        cases.resolve(engine, case_id, body.by, body.note, clock())
        return {"status": "resolved"}


def _lookup_options(engine: Engine) -> dict[str, Any]:
    # The look-up writes (the store now follows the member) but must read the member and the
    # terminal's acknowledged seq in one snapshot: REPEATABLE READ, retried on conflict.
    return {} if engine.dialect.name == "sqlite" else {"isolation_level": "REPEATABLE READ"}


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, err: ApiError) -> JSONResponse:
        return _error(err.status, err.code, err.params)

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, err: DomainError) -> JSONResponse:
        status = 404 if isinstance(err, NotFound) else 400 if isinstance(
            err, ValidationError) else 409
        return _error(status, err.code, err.params)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, err: RequestValidationError) -> JSONResponse:
        first = err.errors()[0] if err.errors() else {}
        field = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, "request.invalid", {"field": field, "problem": first.get("type")})


def _error(status: int, code: str, params: dict[str, Any]) -> JSONResponse:
    safe = {k: v if isinstance(v, (str, int, float, bool, type(None), list, dict)) else str(v)
            for k, v in params.items()}
    return JSONResponse(status_code=status, content={"code": code, "params": safe})
