"""Change events (issue 27): a key holder subscribes a URL; each event is claimed once in the notice ledger, posted
signed (HMAC), retried while the receiver fails, and delivered exactly once; staff see every delivery. The receiver
is a real HTTP server on this machine (tests/api/test_subscriber_urls.py: which URLs are refused)."""

import hashlib
import hmac
import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.certificates.services import certificate_suspend
from companies.services import company_change_status
from secor.api import events
from secor.api.models import ApiKey
from secor.api.services import api_key_create, partner_events_claim, subscription_create
from secor.notices.models import Notice
from secor.notices.services import notice_deliver, notices_deliver_due
from tests.clock import on
from tests.factories import certificate_without_pdf

DAY = date(2027, 1, 4)


class Receiver(BaseHTTPRequestHandler):
    """Answers 500 to its first `failures` posts, then 200; keeps what it accepted."""

    failures = 2

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        server = self.server
        server.attempts += 1
        if server.attempts <= self.failures:
            self.send_response(500)
        else:
            server.accepted.append((self.headers, body))
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def _loopback_allowed(settings):
    """The receiver is on this machine: events may be posted to it (only to public addresses otherwise)."""
    settings.API_EVENTS_ALLOW_LOOPBACK = True


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.attempts, server.accepted = 0, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def verified(secret: str, headers, body: bytes) -> bool:
    """The receiving side's check, as docs/api.md gives it."""
    fields = dict(part.split("=", 1) for part in headers["SECOR-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def test_an_event_is_delivered_exactly_once_while_the_receiver_fails_twice(receiver, company, staff_user, login):
    url = f"http://127.0.0.1:{receiver.server_port}/secor"
    with on(DAY, tick=False):
        key = api_key_create(holder="Prairie Prime Contractors", actor=staff_user)[0]
        subscription = subscription_create(key=key, url=url, events=[events.SUSPENDED])
        certificate = certificate_without_pdf(company, staff_user, date(2026, 8, 11), number="SECOR-ABCD-EFGH-JKMN")
        certificate_suspend(certificate=certificate, actor=staff_user, reason="Maintenance overdue")
        now = timezone.now()
        # The claim runs twice (a second worker, the next run): one delivery.
        assert len(partner_events_claim(now=now)) == 1
        partner_events_claim(now=now)
    (notice,) = Notice.objects.filter(kind="partner-event")
    assert notice_deliver(notice_id=notice.pk, now=now) == Notice.State.RETRYING
    assert notices_deliver_due(now=now + timedelta(minutes=6)) == {Notice.State.RETRYING: 1}
    assert notices_deliver_due(now=now + timedelta(minutes=6 + 11)) == {Notice.State.SENT: 1}
    # Nothing more, however often the passes run.
    assert notices_deliver_due(now=now + timedelta(days=1)) == {}
    with on(DAY, tick=False):
        partner_events_claim(now=now)
    assert notices_deliver_due(now=now + timedelta(days=1)) == {}
    assert receiver.attempts == 3 and len(receiver.accepted) == 1
    headers, body = receiver.accepted[0]
    assert verified(subscription.secret, headers, body)
    assert not verified("another secret", headers, body)
    posted = json.loads(body)
    assert posted["event"] == "certificate.suspended" == headers["SECOR-Event"]
    assert posted["data"]["certificate_number"] == "SECOR-ABCD-EFGH-JKMN"
    assert posted["occurred_on"] == "2027-01-04"
    # Staff see the delivery, its attempts and what was posted, in the notices log and on the key's page.
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (Notice.State.SENT, 3)
    log = login(staff_user).get(reverse("notices:log")).content.decode()
    assert "Change event to a partner" in log and "certificate.suspended" in log
    assert url in login(staff_user).get(reverse("api_keys:key", args=[key.pk])).content.decode()


def test_each_change_is_an_event_once_and_only_for_what_was_asked(company, staff_user):
    with on(DAY, tick=False):
        key = api_key_create(holder="WCB", actor=staff_user)[0]
        subscription_create(key=key, url="https://93.184.215.14/secor", events=list(events.EVENTS))
        certificate = certificate_without_pdf(company, staff_user, date(2026, 8, 11), number="SECOR-ABCD-EFGH-JKMN")
        certificate_suspend(certificate=certificate, actor=staff_user, reason="Maintenance overdue")
    with on(DAY + timedelta(days=1), tick=False):
        company_change_status(company=company, actor=staff_user, action="withdraw", reason="As agreed with SCSA")
        partner_events_claim()
    claimed = sorted(Notice.objects.filter(kind="partner-event").values_list("subject_key", flat=True))
    assert [key.split(":")[0] for key in claimed] == [
        "certificate.ended",
        "certificate.issued",
        "certificate.suspended",
        "company.status_changed",
    ]
    with on(date(2029, 8, 12), tick=False):
        partner_events_claim()
    assert Notice.objects.filter(kind="partner-event", subject_key__startswith="certificate.expired").count() == 1


def test_a_key_holder_subscribes_with_the_key_and_sees_only_its_own_subscriptions(client, staff_user):
    mine, theirs = (api_key_create(holder=name, actor=staff_user)[1] for name in ("Mine", "Theirs"))
    made = client.post(
        reverse("api:subscriptions-list"),
        {"url": "https://93.184.215.14/hooks", "events": ["certificate.issued"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {mine}",
    )
    assert made.status_code == 201 and len(made.json()["secret"]) == 64
    url = reverse("api:subscriptions-detail", args=[made.json()["id"]])
    assert "secret" not in client.get(url, HTTP_AUTHORIZATION=f"Bearer {mine}").json()
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {theirs}").status_code == 404
    assert client.delete(url, HTTP_AUTHORIZATION=f"Bearer {theirs}").status_code == 404
    assert client.get(url).status_code == 401
    assert client.delete(url, HTTP_AUTHORIZATION=f"Bearer {mine}").status_code == 204
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {mine}").status_code == 404
    assert ApiKey.objects.get(holder="Mine").subscriptions.get().ended_at is not None
