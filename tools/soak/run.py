"""`make soak`: SECOR under a steady load, then through three faults, on a stack of its own (services.py):
PostgreSQL, Redis, a mail server, gunicorn and a Celery worker, with the demo's people.

1. The soak: 60 s at 50 requests/s of what people do — signing in, the employer's pages, the staff list and
   search, the training chart's PDF, a certificate upload. Prints requests, errors, p50/p95/p99; 0 errors.
2. PostgreSQL restarted under load: requests during the outage get the plain 503 page, never a 500 or no
   answer; the app recovers without a restart; every upload answered as saved is in the database.
3. Redis stopped: pages (signing in included) keep working; a notice claimed meanwhile is sent once Redis is
   back, by the delivery pass through the worker — once.
4. The mail server refusing: the notice is retried, and sent once when it accepts again.

Exits non-zero when any of it fails. SOAK_SECONDS and SOAK_RATE change the soak's length and rate.
"""

import os
import sys
import time
from datetime import timedelta

from tools.soak import services

FOLDER = services.temporary_folder()
ENV = services.environment(FOLDER)
# This process reads the soak's database and mail server too (to check what was kept and sent).
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secor.settings")

import django  # noqa: E402

SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", 60))
SOAK_RATE = float(os.environ.get("SOAK_RATE", 50))
FAULT_RATE = 20


def main() -> int:
    postgresql, redis, mail = services.PostgreSQL(FOLDER), services.Redis(), services.MailServer()
    secor = services.Secor(ENV, FOLDER)
    started, passed = [], False
    try:
        for service in (postgresql, redis, mail):
            service.start()
            started.append(service)
        print("Stack: a PostgreSQL cluster, Redis and a mail server of the soak's own; the demo's data…", flush=True)
        secor.manage("migrate", "--noinput", "--verbosity=0")
        secor.manage("load_demo", "--force")  # its stack runs with DEBUG off, as production
        django.setup()
        secor.start()
        started.append(secor)
        from tools.soak.scenario import Scenario

        scenario = Scenario()
        checks = [
            scenario.soak(seconds=SOAK_SECONDS, rate=SOAK_RATE),
            scenario.postgresql_restarted(postgresql, rate=FAULT_RATE),
            scenario.redis_stopped(redis, mail, rate=FAULT_RATE),
            scenario.mail_refused(mail),
        ]
        passed = all(checks)
        return 0 if passed else 1
    finally:
        for service in reversed(started):
            service.stop()
        if passed:
            services.remove(FOLDER)
        else:
            print(f"\nThe soak's folder is kept, with SECOR's log: {FOLDER}")


if __name__ == "__main__":
    begun = time.monotonic()
    code = main()
    print(f"make soak: {'passed' if code == 0 else 'FAILED'} in {timedelta(seconds=round(time.monotonic() - begun))}")
    sys.exit(code)
