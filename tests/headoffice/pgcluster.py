"""A PostgreSQL 15 primary and a streaming replica of it (pg_basebackup -R), each a real cluster
of its own on a loopback port, for the read-replica tests: the machine's own cluster is left as
it is (its pg_hba.conf allows no replication connections)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
RUN_AS = "postgres"  # initdb and postgres refuse to run as root


def available() -> bool:
    return (BIN / "initdb").exists() and (os.geteuid() != 0 or _has_user(RUN_AS))


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    prefix = ["runuser", "-u", RUN_AS, "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=300,
                          check=True)


class PrimaryAndReplica:
    """Two clusters: `primary_url(db)` and `replica_url(db)` name the same database on each."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kaika-pgpair-"))
        if os.geteuid() == 0:
            owner = pwd.getpwnam(RUN_AS)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self.primary_port, self.replica_port = _free_port(), _free_port()
        self.primary_dir, self.replica_dir = self.folder / "primary", self.folder / "replica"

    def primary_url(self, database: str = "postgres") -> str:
        return f"postgresql://{RUN_AS}@127.0.0.1:{self.primary_port}/{database}"

    def replica_url(self, database: str = "postgres") -> str:
        return f"postgresql://{RUN_AS}@127.0.0.1:{self.replica_port}/{database}"

    def start(self) -> PrimaryAndReplica:
        _run(str(BIN / "initdb"), "-D", str(self.primary_dir), "-U", RUN_AS, "--auth=trust",
             "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")
        with (self.primary_dir / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        self._start(self.primary_dir, self.primary_port)
        _run(str(BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary_port),
             "-U", RUN_AS, "-D", str(self.replica_dir), "-R", "-X", "stream", "--no-sync")
        self._start(self.replica_dir, self.replica_port)
        return self

    def _start(self, data: Path, port: int) -> None:
        options = (f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c wal_level=replica -c max_wal_senders=4 -c hot_standby=on "
                   "-c wal_receiver_status_interval=1")
        _run(str(BIN / "pg_ctl"), "-D", str(data), "-l", str(data.parent / f"{data.name}.log"),
             "-o", options, "-w", "start")
        for _ in range(300):  # -w waits for the server; a standby may take a moment more
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)

    def stop(self) -> None:
        for data in (self.replica_dir, self.primary_dir):
            if data.exists():
                subprocess.run(["runuser", "-u", RUN_AS, "--", str(BIN / "pg_ctl"), "-D",
                                str(data), "-m", "immediate", "stop"] if os.geteuid() == 0 else
                               [str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                               capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
