"""The deployment files in headoffice/deploy/: the compose file parsed and its commands run here
with its own environment (no docker on these machines), the image's recipe, the systemd unit
checked by systemd-analyze, and the settings reference kept equal to the code."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from headoffice import keys
from headoffice.serve import OPTIONS
from headoffice.settings import ENV_PREFIX, HeadOfficeSettings, reference
from tests.sync.harness import PgDatabases
from tests.sync.pgbouncer import PgBouncer

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "headoffice" / "deploy"
BIN = Path(sys.executable).parent
KNOWN = {ENV_PREFIX + name.upper() for name in HeadOfficeSettings.model_fields}


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text("utf-8"))
    return loaded


def test_compose_runs_postgres_pgbouncer_then_migrate_then_head_office() -> None:
    services = _compose()["services"]
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["pgbouncer"]["environment"]["PGBOUNCER_POOL_MODE"] == "transaction"
    assert services["migrate"]["command"] == ["kaika-headoffice", "migrate"]
    assert services["headoffice"]["command"] == ["kaika-headoffice", "serve"]
    assert services["headoffice"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"}}
    env = services["headoffice"]["environment"]
    assert "pgbouncer:6432" in env["KAIKA_HO_DB"] and env["KAIKA_HO_DB_POOLER"] == "transaction"


def test_the_deploy_files_name_only_real_settings_and_no_secret_value() -> None:
    env = _compose()["services"]["headoffice"]["environment"]
    file_env = dict(line.split("=", 1) for line in
                    (DEPLOY / "headoffice.env").read_text("utf-8").splitlines()
                    if line and not line.startswith("#"))
    for given in (env, file_env):
        ours = {k for k in given if k.startswith(ENV_PREFIX)}
        assert ours <= KNOWN, ours - KNOWN
        # Secrets by file only: no token, key or password value in a deploy file.
        assert not {"KAIKA_HO_ADMIN_TOKEN", "KAIKA_HO_ANSWER_KEYS"} & set(given)
        assert "password" not in given.get("KAIKA_HO_DB", "").split("@")[0].lower()
        assert ":" not in given["KAIKA_HO_DB"].split("//", 1)[1].split("@")[0]


def test_the_image_runs_as_a_user_with_a_health_check() -> None:
    text = (DEPLOY / "Dockerfile").read_text("utf-8")
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert "HEALTHCHECK" in text and "/v1/health" in text
    assert re.search(r'^CMD \["kaika-headoffice", "serve"\]', text, re.M)
    assert "-c requirements.lock" in text
    for source in re.findall(r"^COPY (\S+)", text, re.M):
        assert (ROOT / source).exists(), source


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_the_systemd_unit_verifies(tmp_path: Path) -> None:
    unit = (DEPLOY / "kaika-headoffice.service").read_text("utf-8")
    # The unit names where the docs install Kaika; point it at this checkout's to verify.
    local = tmp_path / "kaika-headoffice.service"
    local.write_text(unit.replace("/opt/kaika/bin/", f"{BIN}/").replace(
        "/etc/kaika/headoffice.env", str(DEPLOY / "headoffice.env")))
    checked = subprocess.run(["systemd-analyze", "verify", str(local)], capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "Unknown" not in checked.stderr and "ignoring" not in checked.stderr, checked.stderr


def test_the_settings_reference_lists_every_setting_with_its_default() -> None:
    doc = (ROOT / "docs" / "headoffice-settings.md").read_text("utf-8")
    assert reference(OPTIONS) in doc


@pytest.mark.postgres
def test_the_compose_commands_run_here_with_the_compose_environment(
        tmp_path: Path, pg: PgDatabases, pgbouncer: PgBouncer) -> None:
    """migrate, then serve with two workers, through PgBouncer, as the compose file has it."""
    env = _local_env(tmp_path, pgbouncer.url(pg.fresh_empty().rsplit("/", 1)[1]))
    migrated = subprocess.run([str(BIN / "kaika-headoffice"), "migrate"], env=env,
                              capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    checked = subprocess.run([str(BIN / "kaika-headoffice"), "migrate", "--check"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "at head" in checked.stdout
    serving = subprocess.Popen([str(BIN / "kaika-headoffice"), "serve"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert serving.stdout is not None and "listening on" in serving.stdout.readline()
        url = f"http://127.0.0.1:{env['KAIKA_HO_PORT']}"
        health = _until_up(url)
        assert health.json()["schema_current"] is True
        metrics = httpx.get(url + "/metrics", timeout=10)
        assert metrics.status_code == 200 and "kaika_ho_request_seconds" in metrics.text
    finally:
        serving.terminate()
        serving.wait(30)


def _local_env(tmp_path: Path, db_url: str) -> dict[str, str]:
    """The compose file's environment for head office, its container paths made local."""
    env = {k: str(v) for k, v in _compose()["services"]["headoffice"]["environment"].items()}
    secrets = tmp_path / "secrets"
    secrets.mkdir(mode=0o700)
    keys.new_key_file(secrets / "answer-keys")
    (secrets / "admin-token").write_text("t0ken\n")
    (secrets / "db-password").write_text("unused-with-trust\n")
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env.update({"KAIKA_HO_DB": db_url, "KAIKA_HO_HOST": "127.0.0.1",
                "KAIKA_HO_PORT": str(_free_port()), "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)})
    for name, value in list(env.items()):
        if value.startswith("/run/secrets/"):
            env[name] = str(secrets / value.removeprefix("/run/secrets/"))
    return {**{k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}, **env}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _until_up(url: str) -> httpx.Response:
    """The workers start after the parent prints; ask until one answers (not a timing test:
    it only waits for the processes to exist)."""
    for _ in range(600):
        try:
            return httpx.get(url + "/v1/health", timeout=5)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("head office never answered")
