"""The soak's load: people as browsers (a cookie jar each) doing what they do, offered at a fixed rate —
open-loop, so a slow answer does not slow the load down and hide itself — on the loopback only."""

import http.client
import ipaddress
import itertools
import random
import statistics
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlencode

from tools.soak.services import WEB_PORT

# Enough threads that a burst of slow answers never holds back the schedule.
MAX_IN_FLIGHT = 64


@dataclass
class Outcome:
    label: str
    status: int | None  # None: no answer at all (refused, reset, timed out)
    expected: int
    at: float  # seconds from the start of the load
    ms: float

    @property
    def ok(self) -> bool:
        return self.status == self.expected


class Browser:
    def __init__(self, started: float = 0.0, address: str | None = None):
        self.cookies: dict[str, str] = {}
        self.started = started
        self.outcomes: list[Outcome] = []
        # The person's own address, as the proxy in front says it (tools/soak/services.py).
        self.address = address or str(ipaddress.IPv4Address(random.randrange(0x0A000001, 0x0AFFFFFF)))

    def request(self, label: str, method: str, path: str, *, expected: int = 200, body=None, headers=None):
        """One request; its outcome is kept. Returns (status, Location) — (None, "") when nothing answered."""
        begun = time.monotonic()
        status, location = None, ""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=30)
            cookies = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            headers = {"Cookie": cookies, "X-Forwarded-For": self.address, **(headers or {})}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status, location = response.status, response.getheader("Location", "")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
            connection.close()
        except OSError:
            pass
        self.outcomes.append(Outcome(label, status, expected, begun - self.started, (time.monotonic() - begun) * 1000))
        return status, location

    def get(self, label: str, path: str):
        return self.request(label, "GET", path)

    def post(self, label: str, path: str, fields: dict, files: dict | None = None, *, expected: int = 302):
        """A form post as the browser sends it, with the CSRF token from its cookie."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request(label, "POST", path, expected=expected, body=body, headers={"Content-Type": content_type})

    def sign_in(self, email: str, password: str, code=None) -> bool:
        """Through allauth's pages: the password, then the authenticator app's code when asked for one."""
        self.get("sign-in", "/accounts/login/")
        status, location = self.post("sign-in", "/accounts/login/", {"login": email, "password": password})
        if location == "/accounts/2fa/authenticate/":
            status, location = self.post("sign-in", location, {"code": code()})
        return status == 302


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def offer(steps: list, *, rate: float, seconds: float, seed: int = 12, during=None) -> list[Outcome]:
    """Start one step every 1/rate seconds for `seconds`, in a shuffled cycle of `steps` (each a function of
    the load's start time returning its outcomes); `during(elapsed)` is called between starts (the faults
    use it). Returns every request's outcome."""
    order = list(steps)
    random.Random(seed).shuffle(order)
    started = time.monotonic()
    futures = []
    with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
        for index, step in zip(range(int(rate * seconds)), itertools.cycle(order)):
            start_at = started + index / rate
            while (now := time.monotonic()) < start_at:
                if during:
                    during(now - started)
                time.sleep(min(0.005, start_at - now))  # the schedule's tick, not a wait for a result
            futures.append(pool.submit(step, started))
    return [outcome for future in futures for outcome in future.result()]


def summary(outcomes: list[Outcome], seconds: float) -> str:
    times = sorted(outcome.ms for outcome in outcomes)
    centiles = statistics.quantiles(times, n=100, method="inclusive")
    errors = sum(not outcome.ok for outcome in outcomes)
    return (
        f"{len(outcomes):,} requests in {seconds:.0f} s ({len(outcomes) / seconds:.1f}/s), {errors} errors; "
        f"p50 {centiles[49]:.0f} ms, p95 {centiles[94]:.0f} ms, p99 {centiles[98]:.0f} ms"
    )


def by_label(outcomes: list[Outcome]) -> list[str]:
    """One line per kind of request: how many, p50 and p95."""
    lines = []
    for label in sorted({outcome.label for outcome in outcomes}):
        times = sorted(outcome.ms for outcome in outcomes if outcome.label == label)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
        lines.append(f"{label:<20} {len(times):>6} {statistics.median(times):>7.0f} {p95:>7.0f}")
    return lines


def statuses(outcomes: list[Outcome]) -> dict:
    return dict(sorted(Counter(outcome.status for outcome in outcomes).items(), key=lambda item: str(item[0])))
