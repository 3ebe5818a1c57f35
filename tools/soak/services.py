"""The soak's own stack, private to it so that its faults hurt nothing else on the machine: a PostgreSQL
cluster and a Redis on their own ports under a temporary folder, a mail server that can refuse, and SECOR
served by gunicorn with a Celery worker — each started, stopped and restarted as the faults need."""

import http.client
import logging
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

# aiosmtpd narrates every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT, REDIS_PORT, SMTP_PORT, WEB_PORT = 5444, 6391, 2526, 8766
# As `make bench` serves (tools/bench/pages.py): 2 processes of 4 threads on this 2-core machine.
WORKERS, THREADS = 2, 4


def wait_until(ready, what: str, seconds: float = 30) -> None:
    """Poll `ready()` until it is true: a service starting is polled, never waited for blindly."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not become ready in {seconds:.0f} s")


def environment(folder: Path) -> dict[str, str]:
    """What every SECOR process of the soak runs with: production settings on the private services."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "soak-only-not-a-secret",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/secor",
        "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
        "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
        "MEDIA_ROOT": str(folder / "media"),
        "SITE_URL": f"http://127.0.0.1:{WEB_PORT}",
        # As behind the proxy of production: each simulated person comes from an address of their own
        # (tools/soak/load.py), so sign-in's throttle counts people, not the loopback.
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
    }


class PostgreSQL:
    """A cluster of its own (initdb), restartable without touching the machine's."""

    def __init__(self, folder: Path):
        self.data = folder / "postgresql"
        self.socket_dir = folder
        # PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            owner = pwd.getpwnam("postgres")
            os.chown(folder, owner.pw_uid, owner.pw_gid)

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        if not self.data.exists():
            subprocess.run(
                [*self.as_owner, str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        options = f"-p {PG_PORT} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-o", options, "-l", str(self.data.parent / "postgresql.log"), "start")
        subprocess.run(
            [*self.as_owner, str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "secor"],
            stderr=subprocess.DEVNULL,  # already there after a restart
        )

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")


class Redis:
    def __init__(self):
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_until(lambda: _answers(REDIS_PORT), "Redis")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class MailServer:
    """An SMTP server that keeps what it receives; stopped, its port refuses connections."""

    def __init__(self):
        self.received = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's handler interface)
        self.received.append(envelope)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=SMTP_PORT)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def to(self, recipient: str, *, since: int = 0) -> list:
        """The messages to `recipient` among those received after the first `since`."""
        return [envelope for envelope in self.received[since:] if recipient in envelope.rcpt_tos]


class Secor:
    """gunicorn serving SECOR, and a Celery worker."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.env, self.folder, self.processes = env, folder, []

    def start(self) -> None:
        log = open(self.folder / "secor.log", "ab")  # noqa: SIM115 (kept open while the processes run)
        gunicorn = [
            str(BIN / "gunicorn"),
            "secor.wsgi:application",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            f"--bind=127.0.0.1:{WEB_PORT}",
            "--log-level=warning",
        ]
        worker = [str(BIN / "celery"), "-A", "secor", "worker", "--pool=solo", "--loglevel=warning"]
        for command in (gunicorn, worker):
            self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log))
        wait_until(lambda: _health() == 200, "gunicorn")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)

    def manage(self, *args: str) -> None:
        subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env, check=True)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _health() -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=2)
        connection.request("GET", "/health/")
        return connection.getresponse().status
    except OSError:
        return None


def temporary_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="secor-soak-"))


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
