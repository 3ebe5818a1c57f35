"""The kinds of timeline event the audits app records, and how its audits, certificates and invoices
record theirs."""

from secor.timeline.kinds import event_kind
from secor.timeline.services import event_record

MANUAL = event_kind("manual", "Health & safety manual")
AUDITS = event_kind("audits", "Audits")


def audit_event(*, company, actor, subject, summary: str, detail: str = "") -> None:
    """A line of the company's timeline about an audit, a certificate or an invoice (in the caller's
    transaction)."""
    event_record(company=company, actor=actor, kind=AUDITS, subject=subject, summary=summary, detail=detail)
