"""A real PgBouncer (Debian's package) in transaction mode in front of the test PostgreSQL, as a
chain runs head office in production (docs/headoffice.md, "Connection pooling")."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BINARY = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
# PgBouncer will not run as root; the tests run as root in CI, so it drops to this user.
RUN_AS = "postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgBouncer:
    """`pgbouncer` as a child process, pooling by transaction, every database of `upstream`."""

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.port = _free_port()
        # Its own folder, owned by the user PgBouncer drops to (pytest's are root-only): it
        # writes its log and pid file there.
        self.folder = Path(tempfile.mkdtemp(prefix="kaika-pgbouncer-"))
        if os.geteuid() == 0:
            owner = pwd.getpwnam(RUN_AS)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, database: str) -> str:
        user = self.upstream.username or "postgres"
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> PgBouncer:
        ini = self._write_config()
        command = [BINARY, str(ini)]
        if os.geteuid() == 0:
            command[1:1] = ["-u", RUN_AS]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self._wait_listening()
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self) -> str:
        path = self.folder / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _write_config(self) -> Path:
        user = self.upstream.username or "postgres"
        users = self.folder / "users.txt"
        users.write_text(f'"{user}" ""\n')
        ini = self.folder / "pgbouncer.ini"
        ini.write_text("\n".join([
            "[databases]",
            f"* = host={self.upstream.hostname} port={self.upstream.port or 5432}",
            "[pgbouncer]",
            "listen_addr = 127.0.0.1", f"listen_port = {self.port}",
            "unix_socket_dir =",
            "auth_type = trust", f"auth_file = {users}",
            "pool_mode = transaction",
            "max_client_conn = 500", "default_pool_size = 20",
            # psycopg and SQLAlchemy set these at connect; PgBouncer must not refuse them.
            "ignore_startup_parameters = extra_float_digits,options",
            f"logfile = {self.folder / 'pgbouncer.log'}",
            f"pidfile = {self.folder / 'pgbouncer.pid'}", ""]))
        for path in (users, ini):
            path.chmod(0o644)
        return ini

    def _wait_listening(self) -> None:
        for _ in range(200):
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"pgbouncer exited: {self.log()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"pgbouncer did not listen on {self.port}: {self.log()[-2000:]}")
