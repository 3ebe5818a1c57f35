"""A company's next deadline, as the API answers it: the nearest, from today, of everything staff's pages count as
one (the dashboard's deadline table and the lists it links to). For a page of companies in one query a source:

- the open milestone letter's expiry (MIL-1, MIL-2: unmet by then, the company is de-rolled, MIL-3);
- its people's training deadlines, kept with the training summaries (TRN-5, TRN-6, TRN-7);
- the next anniversary a maintenance package is due by (MNT-1, MNT-2);
- the current certificate's expiry: in its last year, the re-certification audit's deadline (RCT-1), else the
  certificate's end (CERT-1).

Staff's pages show the rule ids to staff and program auditors, the only holders of a person's token: so does this."""

from dataclasses import dataclass
from datetime import date

from audits.certificates.models import Certificate, certificate_ended
from audits.maintenance.selectors import packages_due_next
from audits.recertification.rules import recertification_opens_on
from milestones.models import MilestoneLetter
from training.models import TrainingDeadline

TRAINING = {
    TrainingDeadline.Kind.SELF_AUDIT: ("A self-audit and Internal Auditor Certification are due", "TRN-5"),
    TrainingDeadline.Kind.LSE_PROFICIENCY: ("An LSE proficiency is due", "TRN-7"),
    TrainingDeadline.Kind.MAINTENANCE_AUDIT: ("An internal auditor's maintenance audit is due", "TRN-6"),
    TrainingDeadline.Kind.AUDITOR_EXPIRY: ("An internal auditor's status expires", "TRN-6"),
}


@dataclass(frozen=True)
class Deadline:
    on: date
    kind: str
    what: str
    rule: str


def next_deadlines(company_ids: list[int], *, today: date) -> dict[int, Deadline]:
    """Each company's nearest deadline from `today` (none for a company with none): four queries, whatever the
    number of companies. The training deadlines are read as kept: make the companies' summaries current first."""
    found: dict[int, list[Deadline]] = {pk: [] for pk in company_ids}
    letters = MilestoneLetter.objects.filter(
        company_id__in=company_ids, settled=MilestoneLetter.Settled.OPEN, expires_on__gte=today
    ).values_list("company_id", "milestone", "expires_on")
    for pk, milestone, on in letters:
        found[pk].append(
            Deadline(on, "milestone-letter", f"The Milestone #{milestone} letter expires", f"MIL-{milestone}")
        )
    training = (
        TrainingDeadline.objects.filter(company_id__in=company_ids, due_on__gte=today)
        .order_by("company_id", "due_on", "kind")
        .distinct("company_id")
        .values_list("company_id", "kind", "due_on")
    )
    for pk, kind, on in training:
        what, rule = TRAINING[kind]
        found[pk].append(Deadline(on, f"training-{kind}", what, rule))
    for anniversary in packages_due_next(company_ids=company_ids, today=today):
        found[anniversary.company_id].append(
            Deadline(anniversary.on, "maintenance-package", "A maintenance package is due by the anniversary", "MNT-1")
        )
    certificates = (
        Certificate.objects.filter(company_id__in=company_ids, superseded_by__isnull=True, expires_on__gte=today)
        .exclude(certificate_ended(today=today))
        .order_by("company_id", "-issued_on")
        .distinct("company_id")
        .values_list("company_id", "issued_on", "expires_on")
    )
    for pk, issued_on, on in certificates:
        if today >= recertification_opens_on(issued_on):
            deadline = Deadline(
                on, "recertification", "The re-certification audit must renew the certificate by its expiry", "RCT-1"
            )
        else:
            deadline = Deadline(on, "certificate-expiry", "The certificate expires", "CERT-1")
        found[pk].append(deadline)
    return {pk: min(deadlines, key=lambda each: (each.on, each.kind)) for pk, deadlines in found.items() if deadlines}
