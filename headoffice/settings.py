"""Head office's configuration: one settings object read from KAIKA_HO_* environment variables,
an optional TOML file (`--config`) and the serve command's options, in that order of weight:
an option given on the command line wins, then the environment, then the file, then the default.
Secrets (the admin token, the answer-signing keys) come from files or the environment only."""

from __future__ import annotations

import os
from collections.abc import Collection
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from domain.cards import MAX_SERIAL
from headoffice.boundary import DEFAULT_MAX_BODY_BYTES
from headoffice.cardblocks import DEFAULT_BLOCK_SIZE

ENV_PREFIX = "KAIKA_HO_"
CONFIG_ENV = "KAIKA_HO_CONFIG"


class Pooler(StrEnum):
    """What sits between head office and PostgreSQL."""

    NONE = "none"  # head office connects to PostgreSQL itself
    # PgBouncer (or another pooler) in transaction mode: a session may move between server
    # connections, so psycopg must not prepare statements (PgBouncer < 1.21 cannot track them).
    TRANSACTION = "transaction"


class LogFormat(StrEnum):
    JSON = "json"  # one JSON object per line, for a log shipper
    TEXT = "text"  # for a person reading a terminal


class HeadOfficeSettings(BaseSettings):
    """Every option of `kaika-headoffice serve`; docs/headoffice-settings.md lists them."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")
    _config_file: ClassVar[Path | None] = None

    db: str | None = Field(None, description="database URL (postgresql://… in production); "
                           "unset: a SQLite file in the user's data folder")
    db_password_file: Path | None = Field(None, description="a file holding the database "
                                          "password (kept out of the URL and the environment)")
    db_pool_size: int = Field(10, ge=1, description="database connections per worker process "
                              "(as many again may open in a burst)")
    replica_db: str | None = Field(None, description="a streaming replica's URL: reports and "
                                   "admin pages read there; writes and sync stay on `db`")
    replica_max_lag_seconds: float = Field(30.0, ge=0, description="a replica further behind "
                                           "than this is passed over for the primary")
    db_pooler: Pooler = Field(Pooler.NONE, description="`transaction` behind PgBouncer in "
                              "transaction mode: no prepared statements")
    host: str = Field("127.0.0.1", description="address to listen on")
    port: int = Field(8600, ge=0, le=65535, description="port to listen on; 0 picks a free one")
    workers: int = Field(1, ge=1, description="worker processes")
    worker_start_seconds: int = Field(
        60, ge=1, description="a worker that has not started (or stops answering the "
        "supervisor's ping) within this is replaced; uvicorn's 5 s kills every worker of a "
        "busy host before it has imported its code")
    auth_cache_seconds: float = Field(
        15.0, ge=0, description="how long a till's key and status are trusted before the "
        "database is asked again")
    admin_token: SecretStr | None = Field(None, description="bearer token of /v1/admin/*; "
                                          "environment only (unset: admin API off)")
    admin_token_file: Path | None = Field(None, description="a file holding the admin token")
    answer_key_file: Path | None = Field(None, description="the answer-signing key file "
                                         "(`kaika-headoffice keygen`)")
    answer_keys: SecretStr | None = Field(None, description="the answer-signing keys "
                                          "themselves, comma-separated (from a secret store)")
    max_body_bytes: int = Field(DEFAULT_MAX_BODY_BYTES, ge=1,
                                description="larger requests get 413 before they are read")
    card_block_size: int = Field(DEFAULT_BLOCK_SIZE, ge=1, le=MAX_SERIAL,
                                 description="card serials in each block allotted to a till")
    tls_cert: Path | None = Field(None, description="TLS certificate (PEM); unset: plain HTTP "
                                  "behind a TLS-terminating proxy")
    tls_key: Path | None = Field(None, description="TLS private key (PEM)")
    log_level: str = Field("info", description="debug, info, warning or error")
    log_format: LogFormat = Field(LogFormat.JSON, description="`json` lines or `text`")
    access_log: bool = Field(True, description="one line per request (method, path, status, "
                             "time, request id, terminal, store)")
    graceful_seconds: float = Field(10.0, ge=0, description="on SIGTERM, wait this long for "
                                    "requests in flight")
    metrics: bool = Field(True, description="serve Prometheus metrics at /metrics")
    sms_gateway_url: str | None = Field(None, description="the SMS gateway the member page's "
                                        "log-in codes are POSTed to (docs/web.md); unset: the "
                                        "console sender")
    sms_gateway_token_file: Path | None = Field(None, description="a file holding the SMS "
                                                "gateway's bearer token")
    sms_outbox: Path | None = Field(None, description="console sender only: append each code "
                                    "to this file (demo, tests); unset: head office's log")

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls._config_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls._config_file))
        return tuple(sources)


def load(config_file: Path | None = None, **given: Any) -> HeadOfficeSettings:
    """The settings: `given` (command-line options, None = not given) over the environment over
    the file (`config_file`, else $KAIKA_HO_CONFIG) over the defaults."""
    chosen = config_file or (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    if chosen is not None and not chosen.is_file():
        raise FileNotFoundError(chosen)
    HeadOfficeSettings._config_file = chosen
    try:
        return HeadOfficeSettings(**{k: v for k, v in given.items() if v is not None})
    finally:
        HeadOfficeSettings._config_file = None


def as_environment(settings: HeadOfficeSettings) -> dict[str, str]:
    """The settings as the KAIKA_HO_* variables that give them back: how `serve --workers N`
    hands its resolved settings to the worker processes (their environment, never argv)."""
    out: dict[str, str] = {}
    for name, value in settings.model_dump(exclude_none=True).items():
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if isinstance(value, bool):
            value = "true" if value else "false"
        out[ENV_PREFIX + name.upper()] = str(value)
    return out


def reference(options: Collection[str]) -> str:
    """The Markdown table of every setting, marking those `serve` also takes as `options`
    (docs/headoffice-settings.md holds it; a test keeps the two equal)."""
    rows = ["| variable (or TOML key) | option of `serve` | default | what |",
            "| --- | --- | --- | --- |"]
    for name, field in HeadOfficeSettings.model_fields.items():
        default = field.default
        shown = "—" if default is None else f"`{getattr(default, 'value', default)}`"
        option = f"`--{name.replace('_', '-')}`" if name in options else "—"
        rows.append(f"| `{ENV_PREFIX}{name.upper()}` (`{name}`) | {option} | {shown} "
                    f"| {field.description} |")
    return "\n".join(rows) + "\n"
