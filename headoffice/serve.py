"""`kaika-headoffice serve`: the settings resolved once (options, environment, file), secrets read
from files or the environment, logging set up, then uvicorn on one socket or N workers."""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from domain.errors import DomainError
from headoffice import applog, keys
from headoffice.engine import default_url, is_sqlite, make_engine
from headoffice.migrate import require_head, upgrade
from headoffice.settings import ENV_PREFIX, HeadOfficeSettings, as_environment, load

ADMIN_TOKEN_ENV = ENV_PREFIX + "ADMIN_TOKEN"
# Options of `serve` that are settings; each defaults to None: "not given, ask the settings".
OPTIONS = ("db", "host", "port", "workers", "auth_cache_seconds", "admin_token_file",
           "answer_key_file", "max_body_bytes", "card_block_size", "tls_cert", "tls_key",
           "log_level", "log_format", "graceful_seconds", "db_pooler", "replica_db",
           "replica_max_lag_seconds")


def add_options(serve: argparse.ArgumentParser) -> None:
    """The options; their defaults and environment names are in docs/headoffice-settings.md."""
    serve.add_argument("--config", type=Path, default=None,
                       help="a TOML file of settings (default: $KAIKA_HO_CONFIG)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int, help="0 picks a free port")
    serve.add_argument("--workers", type=int)
    serve.add_argument("--auth-cache-seconds", type=float)
    serve.add_argument("--admin-token-file", type=Path,
                       help=f"a file holding the admin token (default: ${ADMIN_TOKEN_ENV}); "
                            "never on the command line, where `ps` shows it")
    serve.add_argument("--admin-token", default=None, help=argparse.SUPPRESS)
    serve.add_argument("--max-body-bytes", type=int,
                       help="larger requests are refused with 413 before they are read")
    serve.add_argument("--answer-key-file", type=Path, metavar="PATH",
                       help=f"the keys that sign every answer (`keygen`); default: "
                            f"${keys.KEY_FILE_ENV}, or the keys in ${keys.KEYS_ENV}")
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument("--log-level")
    serve.add_argument("--log-format", choices=("json", "text"))
    serve.add_argument("--db-pooler", choices=("none", "transaction"),
                       help="`transaction` behind PgBouncer in transaction mode")
    serve.add_argument("--replica-db", metavar="URL",
                       help="a streaming replica for reports and admin pages")
    serve.add_argument("--replica-max-lag-seconds", type=float)
    serve.add_argument("--graceful-seconds", type=float,
                       help="on SIGTERM, wait this long for requests in flight")
    serve.add_argument("--card-block-size", type=int,
                       help="card serials in each block allotted to a till")


def run(args: argparse.Namespace) -> int:
    if args.admin_token is not None:
        print("kaika-headoffice: the admin token is read from a file (--admin-token-file) or "
              f"${ADMIN_TOKEN_ENV}, never from the command line (`ps` shows it to everyone)",
              file=sys.stderr)
        return 2
    settings = settings_from(args)
    if settings is None:
        return 2
    answer_keys = _answer_keys(settings)
    if answer_keys is None:
        return 2
    applog.configure(settings.log_level, settings.log_format)
    engine = engine_for(settings)
    if is_sqlite(engine):
        upgrade(engine)  # the embedded head office of one shop sets itself up
    else:
        require_head(engine)
    if settings.workers > 1:
        return _run_workers(settings)
    return _run_one(settings, _app(settings, engine, answer_keys))


def settings_from(args: argparse.Namespace) -> HeadOfficeSettings | None:
    """The settings, or None after naming each bad one."""
    given = {name: getattr(args, name, None) for name in OPTIONS}
    try:
        return load(getattr(args, "config", None), **given)
    except FileNotFoundError as err:
        print(f"kaika-headoffice: no settings file at {err}", file=sys.stderr)
    except ValidationError as err:
        for problem in err.errors(include_url=False):
            name = ".".join(str(p) for p in problem["loc"])
            print(f"kaika-headoffice: setting {name} (${ENV_PREFIX}{name.upper()}): "
                  f"{problem['msg']}", file=sys.stderr)
    return None


def engine_for(settings: HeadOfficeSettings) -> Any:
    return make_engine(settings.db or default_url(), pool_size=settings.db_pool_size,
                       pooler=settings.db_pooler,
                       password=_secret_file(settings.db_password_file, "db.password_file"))


def _secret_file(path: Path | None, what: str) -> str | None:
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as err:
        raise DomainError(f"{what}_unreadable", path=str(path), reason=err.strerror) from None
    if not text:
        raise DomainError(f"{what}_empty", path=str(path))
    return text


def admin_token(settings: HeadOfficeSettings) -> str | None:
    """The admin token from its file, else from the environment; None: admin API off."""
    if settings.admin_token_file is None:
        return settings.admin_token.get_secret_value() if settings.admin_token else None
    return _secret_file(settings.admin_token_file, "admin.token_file")


def _answer_keys(settings: HeadOfficeSettings) -> keys.AnswerKeys | None:
    """The answer-signing keys, or None after saying what is wrong and how to put it right."""
    env = {keys.KEYS_ENV: settings.answer_keys.get_secret_value()} if settings.answer_keys else {}
    try:
        path = str(settings.answer_key_file) if settings.answer_key_file else None
        return keys.configured(path, env)
    except DomainError as err:
        print(f"kaika-headoffice: cannot sign answers ({err}). Make a key file once with "
              f"`kaika-headoffice keygen --out /etc/kaika/answer-keys` and give it with "
              f"--answer-key-file or ${keys.KEY_FILE_ENV} (docs/headoffice.md).",
              file=sys.stderr)
        return None


def _app(settings: HeadOfficeSettings, engine: Any, answer_keys: keys.AnswerKeys) -> Any:
    from headoffice.app import Settings, create_app
    from headoffice.member_web import sender

    return create_app(engine, Settings(
        auth_cache_s=settings.auth_cache_seconds, admin_token=admin_token(settings),
        answer_keys=answer_keys, card_block_size=settings.card_block_size,
        max_body_bytes=settings.max_body_bytes, metrics=settings.metrics,
        access_log=settings.access_log, replica=_replica(settings),
        replica_max_lag_s=settings.replica_max_lag_seconds,
        code_sender=sender.configured(settings.sms_gateway_url, settings.sms_gateway_token_file,
                                      settings.sms_outbox)))


def _replica(settings: HeadOfficeSettings) -> Any:
    if settings.replica_db is None:
        return None
    return make_engine(settings.replica_db, pool_size=settings.db_pool_size,
                       pooler=settings.db_pooler,
                       password=_secret_file(settings.db_password_file, "db.password_file"))


def _ssl(settings: HeadOfficeSettings) -> dict[str, Any]:
    return {"ssl_certfile": settings.tls_cert and str(settings.tls_cert),
            "ssl_keyfile": settings.tls_key and str(settings.tls_key)}


def _run_one(settings: HeadOfficeSettings, app: Any) -> int:
    import uvicorn

    sock = socket.socket(socket.AF_INET6 if ":" in settings.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    no_delay(sock)
    sock.bind((settings.host, settings.port))
    sock.listen(2048)  # "listening on" is true once printed: a connection waits for the loop
    scheme = "https" if settings.tls_cert else "http"
    print(f"kaika-headoffice: listening on {scheme}://{settings.host}:{sock.getsockname()[1]}",
          flush=True)
    config = uvicorn.Config(app, log_level=settings.log_level, access_log=False, log_config=None,
                            timeout_graceful_shutdown=int(settings.graceful_seconds),
                            **_ssl(settings))
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def no_delay(sock: socket.socket) -> None:
    """Answers leave at once: the sockets accepted from this one inherit TCP_NODELAY (Linux).
    asyncio sets it only on sockets made with proto IPPROTO_TCP, which neither this listener
    nor uvicorn's own for --workers is; without it an answer's second write waited for the
    client's delayed ACK, ~40 ms an answer (docs/performance.md)."""
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _run_workers(settings: HeadOfficeSettings) -> int:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    # The workers read the resolved settings back from their environment (never argv).
    os.environ.update(as_environment(settings))
    print(f"kaika-headoffice: listening on http://{settings.host}:{settings.port}", flush=True)
    config = uvicorn.Config("headoffice.serve:app_from_env", factory=True, host=settings.host,
                            port=settings.port, workers=settings.workers,
                            log_level=settings.log_level,
                            access_log=False, log_config=None,
                            timeout_worker_healthcheck=settings.worker_start_seconds,
                            timeout_graceful_shutdown=int(settings.graceful_seconds),
                            **_ssl(settings))
    sock = config.bind_socket()
    no_delay(sock)
    with contextlib.suppress(KeyboardInterrupt):  # what uvicorn.run does for workers
        Multiprocess(config, sockets=[sock]).run()
    return 0


def app_from_env() -> Any:
    """The app for each worker process of `serve --workers N`."""
    settings = load()
    applog.configure(settings.log_level, settings.log_format)
    answer_keys = _answer_keys(settings)
    if answer_keys is None:
        raise SystemExit(2)
    return _app(settings, engine_for(settings), answer_keys)
