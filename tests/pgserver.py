"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, a unix
socket there (no TCP port to clash with), stopped and deleted at the end.

initdb and postgres refuse to run as root (CI runs as root): then the server runs as
``nobody`` in a folder that user owns.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

POORT = 5432
"""Only names the socket file, inside the server's own folder."""


def bin_map() -> Path | None:
    """The server binaries: ``pg_config --bindir``, else the newest /usr/lib/postgresql/*/bin."""
    kandidaten: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        uit = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if uit.returncode == 0:
            kandidaten.append(Path(uit.stdout.strip()))

    def versie(pad: str) -> int:
        gevonden = re.search(r"/(\d+)/bin$", pad)
        return int(gevonden.group(1)) if gevonden else 0

    kandidaten += [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=versie)[::-1]
    ]
    if initdb := shutil.which("initdb"):
        kandidaten.append(Path(initdb).resolve().parent)
    for kandidaat in kandidaten:
        if (kandidaat / "initdb").exists() and (kandidaat / "pg_ctl").exists():
            return kandidaat
    return None


class PostgresServer:
    """One server for the whole test session; ``url`` names a database on it."""

    def __init__(self, bin_: Path) -> None:
        self.bin = bin_
        self.map = Path(tempfile.mkdtemp(prefix="obpg-"))
        self.data = self.map / "data"
        self.als: list[str] = []
        if os.geteuid() == 0:
            niemand = pwd.getpwnam("nobody")
            os.chown(self.map, niemand.pw_uid, niemand.pw_gid)
            self.als = ["runuser", "-u", "nobody", "--"]
        self._draai(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        opties = (
            f"-k {self.map} -p {POORT} -c listen_addresses='' -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._draai(
            "pg_ctl", "-D", str(self.data), "-l", str(self.map / "log"), "-w", "-o", opties,
            "start",
        )  # fmt: skip

    def _draai(self, programma: str, *args: str) -> None:
        uit = subprocess.run(
            [*self.als, str(self.bin / programma), *args],
            capture_output=True,
            text=True,
            cwd=self.map,
        )
        if uit.returncode != 0:
            log = self.map / "log"
            raise RuntimeError(
                f"{programma} failed ({uit.returncode}):\n{uit.stdout}\n{uit.stderr}\n"
                + (log.read_text() if log.exists() else "")
            )

    def url(self, database: str = "postgres") -> str:
        """A URL for ``database`` over the server's unix socket."""
        return f"postgresql://postgres@/{database}?host={self.map}&port={POORT}"

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self._draai("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.map, ignore_errors=True)
