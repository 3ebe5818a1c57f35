"""What the soak's people do, and each phase's check (run.py says what each proves). Imported once Django is
set up on the soak's own database."""

import io
import itertools
import threading
import time
from datetime import timedelta

from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from companies.models import Company
from secor.notices.kinds import subject_key
from secor.notices.models import Notice
from secor.notices.services import notices_deliver_due
from secor.notices.services.delivery import FIRST_RETRY_AFTER
from secor.notices.tasks import deliver_due_notices
from secor.pages.management.commands.load_demo import PASSWORD, STAFF, authenticator_secret
from tests.factories import code_now
from tools.soak.load import Browser, by_label, offer, statuses, summary
from tools.soak.services import wait_until
from training.models import Course, TrainingRecord
from training.notices import RECORD_RETURNED
from training.rules import CourseCode

# How long each fault's load runs, and when within it PostgreSQL restarts.
FAULT_SECONDS, RESTART_AT = 20, 5
# Requests that start this long after PostgreSQL is back must all succeed (the first may still meet a
# connection the restart cut, and be answered 503).
RECOVERED_AFTER = 2


def _authenticator_code() -> str:
    return code_now(authenticator_secret(STAFF[0][1]))


def _pdf() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=612, height=792)
    writer.write(out)
    return out.getvalue()


def _nothing_lost(outcomes: list, records_before: int) -> bool:
    """Every certificate upload answered as saved is in the database (and none answered otherwise)."""
    saved = sum(outcome.label == "upload" and outcome.status == 302 for outcome in outcomes)
    added = TrainingRecord.objects.count() - records_before
    print(f"   uploads answered as saved: {saved}; certificates added to the database: {added}")
    return saved == added


class Person:
    """A signed-in person: each step visits as them with a copy of their cookies."""

    def __init__(self, email: str, code=None):
        self.email, self.browser = email, Browser()
        if not self.browser.sign_in(email, PASSWORD, code):
            raise RuntimeError(f"{email} could not sign in")

    def visit(self, started: float) -> Browser:
        browser = Browser(started, self.browser.address)
        browser.cookies = dict(self.browser.cookies)
        return browser


def _step(requests: int):
    """A step of the mix: a function of the load's start returning its outcomes; `requests` it makes."""

    def mark(function):
        function.requests = requests
        return function

    return mark


class Scenario:
    def __init__(self):
        self.today = timezone.localdate()
        with_roster = Company.objects.filter(status=Company.Status.REGISTERED).annotate(people=Count("employees"))
        self.companies = list(with_roster.filter(people__gt=0).order_by("pk")[:3])
        owners = {company.pk: company.memberships.get(is_owner=True).user.email for company in self.companies}
        self.employers = [(company, Person(owners[company.pk])) for company in self.companies]
        self.staff = Person(STAFF[0][1], _authenticator_code)
        self.scot = Course.objects.get(code=CourseCode.SCOT)
        self.employee_of = {company.pk: company.employees.order_by("pk").first().pk for company in self.companies}
        self.certificate, self.numbers = _pdf(), itertools.count(1)

    # --- the mix --------------------------------------------------------------------------------------------

    def _page(self, person: Person, label: str, path: str):
        @_step(1)
        def step(started):
            browser = person.visit(started)
            browser.get(label, path)
            return browser.outcomes

        return step

    def _sign_in(self, email: str):
        @_step(2)
        def step(started):
            browser = Browser(started)
            browser.sign_in(email, PASSWORD)
            return browser.outcomes

        return step

    def _upload(self, company: Company, person: Person):
        @_step(1)
        def step(started):
            browser = person.visit(started)
            fields = {
                "employee": self.employee_of[company.pk],
                "course": self.scot.pk,
                "completed_on": (self.today - timedelta(days=30)).isoformat(),
                "certificate_number": f"SOAK-{next(self.numbers)}",
            }
            pdf = ("certificate.pdf", self.certificate, "application/pdf")
            browser.post("upload", reverse("training:record_add", args=[company.pk]), fields, {"certificate_file": pdf})
            return browser.outcomes

        return step

    def steps(self) -> list:
        """About a second of a busy day, 52 requests: pages viewed three times each for every sign-in, chart
        PDF and upload (a sign-in's password hash alone costs a good part of a second of CPU)."""
        pages = []
        for company, employer in self.employers:
            pages += [
                self._page(employer, "employer home", reverse("companies:detail", args=[company.pk])),
                self._page(employer, "roster", reverse("companies:roster", args=[company.pk])),
                self._page(employer, "training chart", reverse("training:chart", args=[company.pk])),
            ]
        company, employer = self.employers[0]
        pages += [
            self._page(employer, "employer home", reverse("companies:detail", args=[company.pk])),
            self._page(self.staff, "staff list", reverse("companies:list")),
            self._page(self.staff, "staff list", reverse("companies:list") + "?sort=-registration_date"),
            self._page(self.staff, "staff search", reverse("companies:list") + f"?q={company.city}"),
            self._page(self.staff, "staff search", reverse("companies:list") + f"?q={company.legal_name[:5]}"),
            self._page(self.staff, "staff company page", reverse("companies:detail", args=[company.pk])),
            self._page(self.staff, "dashboard", reverse("pages:dashboard")),
        ]
        rare = [
            self._page(employer, "chart PDF", reverse("training:chart_pdf", args=[company.pk])),
            self._sign_in(employer.email),
            self._upload(company, employer),
        ]
        return pages * 3 + rare

    @staticmethod
    def _offer(mix: list, *, rate: float, seconds: float, during=None):
        """Offer the mix at `rate` requests per second (steps of more than one request start less often)."""
        per_step = sum(step.requests for step in mix) / len(mix)
        return offer(mix, rate=rate / per_step, seconds=seconds, during=during)

    # --- 1. the soak ----------------------------------------------------------------------------------------

    def soak(self, *, seconds: float, rate: float) -> bool:
        print(f"\n1. Soak: {seconds:.0f} s at {rate:.0f} requests/s (gunicorn, PostgreSQL, Redis, a Celery worker)")
        before = TrainingRecord.objects.count()
        outcomes = self._offer(self.steps(), rate=rate, seconds=seconds)
        print("   " + summary(outcomes, seconds))
        print(f"   {'request':<20} {'count':>6} {'p50 ms':>7} {'p95 ms':>7}")
        for line in by_label(outcomes):
            print("   " + line)
        failed = [outcome for outcome in outcomes if not outcome.ok]
        for outcome in failed[:10]:
            print(f"   error: {outcome.label} answered {outcome.status} (expected {outcome.expected})")
        return _nothing_lost(outcomes, before) and not failed

    # --- 2. PostgreSQL restarted ----------------------------------------------------------------------------

    def postgresql_restarted(self, postgresql, *, rate: float) -> bool:
        print(f"\n2. PostgreSQL restarted {RESTART_AT} s into {FAULT_SECONDS} s at {rate} requests/s")
        before = TrainingRecord.objects.count()
        outage = {}

        def restart():
            outage["from"] = time.monotonic()
            postgresql.restart()
            outage["to"] = time.monotonic()

        restarter = threading.Thread(target=restart)

        def during(elapsed):
            if elapsed >= RESTART_AT and not restarter.is_alive() and not outage:
                restarter.start()

        load_started = time.monotonic()
        outcomes = self._offer(self.steps(), rate=rate, seconds=FAULT_SECONDS, during=during)
        restarter.join()
        connection.close()  # this process's connection was cut by the restart too
        back = outage["to"] - load_started
        after = [outcome for outcome in outcomes if outcome.at >= back + RECOVERED_AFTER]
        unexpected = [outcome for outcome in outcomes if not outcome.ok and outcome.status != 503]
        print(f"   PostgreSQL down for {outage['to'] - outage['from']:.1f} s; statuses seen: {statuses(outcomes)}")
        print(f"   503 (the plain 'briefly unavailable' page): {sum(o.status == 503 for o in outcomes)}")
        print(f"   after it was back: {sum(o.ok for o in after)} of {len(after)} requests succeeded, no restart")
        return not unexpected and all(outcome.ok for outcome in after) and _nothing_lost(outcomes, before)

    # --- 3. Redis stopped -----------------------------------------------------------------------------------

    def _return_a_record(self, label: str) -> Notice:
        """Staff return a certificate uploaded in the soak: the company is emailed (a notice claimed)."""
        company, employer = self.employers[0]
        record = TrainingRecord.objects.filter(company=company, review__state="submitted").order_by("-pk").first()
        browser = self.staff.visit(time.monotonic())
        path = reverse("training:record_review", args=[company.pk, record.pk])
        browser.post(label, path, {"reason": f"Soak: {label}. Send a clearer scan."})
        if not browser.outcomes[-1].ok:
            raise RuntimeError(f"{label}: staff could not return the record ({browser.outcomes[-1].status})")
        return Notice.objects.get(
            kind=RECORD_RETURNED, subject_key=subject_key(record.review.latest_version), recipient_email=employer.email
        )

    def redis_stopped(self, redis, mail, *, rate: float) -> bool:
        print(f"\n3. Redis stopped: {FAULT_SECONDS} s at {rate} requests/s, a notice claimed, Redis started again")
        redis.stop()
        before, mail_before = TrainingRecord.objects.count(), len(mail.received)
        outcomes = self._offer(self.steps(), rate=rate, seconds=FAULT_SECONDS)
        notice = self._return_a_record("returned while Redis is down")
        notice.refresh_from_db()
        print(f"   {summary(outcomes, FAULT_SECONDS)}; statuses seen: {statuses(outcomes)}")
        print(f"   the notice claimed meanwhile: {notice.state}, {notice.attempts} attempts (its hand-off failed)")
        redis.start()
        deliver_due_notices.delay()  # the delivery pass, as beat sends it every few minutes, to the worker
        wait_until(lambda: Notice.objects.get(pk=notice.pk).state == Notice.State.SENT, "the notice's delivery")
        again = dict(notices_deliver_due())  # a second pass sends nothing more
        received = len(mail.to(notice.recipient_email, since=mail_before))
        print(
            f"   after Redis came back, the delivery pass through the worker: {Notice.objects.get(pk=notice.pk).state}"
            f"; a second pass: {again or 'nothing to send'}; emails received: {received}"
        )
        kept = _nothing_lost(outcomes, before)
        return all(outcome.ok for outcome in outcomes) and received == 1 and kept

    # --- 4. the mail server refusing ------------------------------------------------------------------------

    def mail_refused(self, mail) -> bool:
        print("\n4. The mail server refusing: a notice claimed, retried, the server accepting again")
        mail.stop()
        mail_before = len(mail.received)
        notice = self._return_a_record("returned while the mail server refuses")
        wait_until(lambda: Notice.objects.get(pk=notice.pk).state == Notice.State.RETRYING, "the failed attempt")
        notice.refresh_from_db()
        print(f"   first attempt: {notice.state} ({notice.last_error[:70]}), next at +5 min")
        mail.start()
        # The delivery pass as it runs when the retry is due (the clock moved on 6 minutes), then once more.
        later = timezone.now() + FIRST_RETRY_AFTER + timedelta(minutes=1)
        passes = [dict(notices_deliver_due(now=later)), dict(notices_deliver_due(now=later))]
        notice.refresh_from_db()
        received = len(mail.to(notice.recipient_email, since=mail_before))
        print(f"   delivery passes: {passes}; the notice {notice.state}; emails received: {received}")
        return notice.state == Notice.State.SENT and received == 1
