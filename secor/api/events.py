"""Change events for key holders (issue 27): a certificate issued, suspended, restored, expired or ended, and a
company's status changed. Read from the records' history (django-simple-history keeps every save of a certificate
and a company) and from the dates, never from the requests that made the changes: a request writes nothing for them.

Each event has a key that names it for good ("certificate.suspended:12:3401", the history row's id), so the ledger's
unique claim (secor.notices) posts it once to each subscription however often the finder runs over it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from django.utils import timezone

from audits.models import Certificate
from companies.models import Company
from companies.rules import LEFT_PROGRAM_WORDS

ISSUED, SUSPENDED, RESTORED = "certificate.issued", "certificate.suspended", "certificate.restored"
EXPIRED, ENDED, STATUS_CHANGED = "certificate.expired", "certificate.ended", "company.status_changed"
EVENTS = {
    ISSUED: "A certificate was issued (CERT-1).",
    SUSPENDED: "SCSA suspended a certificate (CERT-2).",
    RESTORED: "SCSA restored a suspended certificate (CERT-2).",
    EXPIRED: "A certificate's three years ended: it expired the day after its expiry date (CERT-1).",
    ENDED: "A certificate ended because its company left the SECOR program (CERT-2).",
    STATUS_CHANGED: "A company's status in the SECOR program changed.",
}
# How far back each run looks: a day's outage of the workers loses nothing; older changes are not news.
LOOKBACK = timedelta(days=2)


@dataclass(frozen=True)
class ChangeEvent:
    name: str
    key: str  # unique for good: the ledger's subject of its deliveries
    at: datetime  # when it happened (for an expiry, the start of the day it expired)
    day: date  # the Regina day it happened
    data: dict

    def payload(self) -> dict:
        """What is posted: the event's key is its id, the same in every delivery of it (a receiver that is sent it
        again, by staff after a delivery in doubt, recognises it)."""
        return {"id": self.key, "event": self.name, "occurred_on": self.day.isoformat(), "data": self.data}


def events_since(since: datetime, *, today: date) -> list[ChangeEvent]:
    """Every change event from `since` through `today`, oldest first."""
    found = [*_certificate_changes(since), *_company_changes(since), *_expiries(since, today=today)]
    return sorted(found, key=lambda event: (event.at, event.key))


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _certificate(certificate: Certificate, company) -> dict:
    """What an event says of a certificate, with its company's name and WCB number (of `company`: the company, or
    the version of it the event is about)."""
    return {
        "certificate_number": certificate.number,
        "company_name": company.legal_name,
        "wcb_account_number": company.wcb_account_number,
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat(),
    }


def _changed_rows(model, since: datetime) -> dict[int, list]:
    """The history of each row saved since `since`: its every version, oldest first (one query for the rows, one
    for their versions), to compare each version saved since with the one before it."""
    history = model.history.model
    changed = history.objects.filter(history_date__gte=since).values("id")
    versions: dict[int, list] = {}
    for version in history.objects.filter(id__in=changed).order_by("id", "history_date", "history_id"):
        versions.setdefault(version.id, []).append(version)
    return versions


def _certificate_changes(since: datetime) -> list[ChangeEvent]:
    versions = _changed_rows(Certificate, since)
    certificates = Certificate.objects.select_related("company").in_bulk(list(versions))
    found = []
    for pk, history in versions.items():
        certificate = certificates.get(pk)
        if certificate is None:
            continue
        data = _certificate(certificate, certificate.company)
        for before, version in pairwise([None, *history]):
            if version.history_date < since:
                continue
            name = None
            if version.history_type == "+":
                name = ISSUED
            elif before is not None and (before.suspended_on is None) != (version.suspended_on is None):
                name = SUSPENDED if version.suspended_on is not None else RESTORED
            if name:
                key = f"{name}:{pk}:{version.history_id}"
                found.append(ChangeEvent(name, key, version.history_date, _day(version.history_date), data))
    return found


def _company_changes(since: datetime) -> list[ChangeEvent]:
    """A status changed; and when the company left the program (CERT-2), the certificate that leaving ended."""
    versions = _changed_rows(Company, since)
    current = {}
    for certificate in Certificate.objects.filter(company_id__in=list(versions), superseded_by__isnull=True).order_by(
        "issued_on", "pk"
    ):
        current[certificate.company_id] = certificate  # the latest issued
    found = []
    for pk, history in versions.items():
        for before, version in pairwise(history):
            if version.history_date < since or before.status == version.status:
                continue
            day = _day(version.history_date)
            status = {
                "company_name": version.legal_name,
                "wcb_account_number": version.wcb_account_number,
                "from": before.status,
                "to": version.status,
            }
            found.append(
                ChangeEvent(
                    STATUS_CHANGED, f"{STATUS_CHANGED}:{pk}:{version.history_id}", version.history_date, day, status
                )
            )
            left = version.left_program_on
            certificate = current.get(pk)
            if (
                left
                and before.left_program_on != left
                and certificate
                and certificate.issued_on <= left <= certificate.expires_on
            ):
                ended = _certificate(certificate, version) | {
                    "ended_on": left.isoformat(),
                    "ended_how": LEFT_PROGRAM_WORDS.get(version.left_program_as, ""),
                }
                found.append(
                    ChangeEvent(
                        ENDED, f"{ENDED}:{certificate.pk}:{version.history_id}", version.history_date, day, ended
                    )
                )
    return found


def _expiries(since: datetime, *, today: date) -> list[ChangeEvent]:
    """The certificates that expired (the day after their expiry date) since `since`, but those already replaced."""
    first_day = _day(since)
    expired = Certificate.objects.select_related("company").filter(
        expires_on__gte=first_day - timedelta(days=1), expires_on__lt=today, superseded_by__isnull=True
    )
    found = []
    for certificate in expired:
        day = certificate.expires_on + timedelta(days=1)
        at = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        found.append(
            ChangeEvent(EXPIRED, f"{EXPIRED}:{certificate.pk}", at, day, _certificate(certificate, certificate.company))
        )
    return found
