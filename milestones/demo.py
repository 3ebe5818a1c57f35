"""Milestone letters and manuals for the demo companies of `load_demo`: a letter for each registered
company, a manual waiting past the 4-week warning, one returned with comments by section, the lapsed
letter of the de-rolled company, a Milestone #1 met with no #2 letter asked for (MIL-2), and a company
registered again after a de-roll, its first registration's letter kept as history (MIL-1). Then what follows:
a baseline audit whose day has passed, waiting to be scored (AUD-4), certificates (CERT-1) and a maintenance
package waiting for its review (MNT-1)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audits.audit.inputs import ScoreEntry
from audits.audit.services import audit_complete, audit_record_scores
from audits.invoices.services import invoice_pay
from audits.maintenance.selectors import package_slots, slot_key
from audits.maintenance.services import maintenance_assign, maintenance_submit
from audits.manual.inputs import ManualPart
from audits.manual.services import manual_assign, manual_decide, manual_submit
from audits.models import Audit
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import Company
from milestones import rules
from milestones.models import MilestoneLetter
from milestones.services import letter_issue_on_registration
from secor.core.models import User
from secor.pdf import render_pdf
from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import Review, ReviewVersion
from secor.uploads import MANUAL_TYPES, DocumentField

# Per demo company (by WCB number): the manual's state and how many days ago its version was sent.
MANUALS = {
    "1093377": ("waiting", 30),
    "1177024": ("returned", 20),
    "1204470": ("approved", 420),
    "1262218": ("approved", 45),
    "1231558": ("approved", 500),
    "1350867": ("approved", 500),
    "1388405": ("approved", 200),
}
# Demo companies certified (CERT-1): their baseline audit was completed this many months ago.
CERTIFIED = {"1204470": 10, "1231558": 12, "1350867": 11}
# Demo companies whose baseline audit was booked for this many days ago, not yet scored (AUD-4).
AUDIT_TO_SCORE = {"1388405": 3}
# Demo companies that sent this year's maintenance package this many days ago (MNT-1), waiting for its review.
PACKAGE_SENT = {"1350867": 6}
# Demo companies registered again (MIL-1): de-rolled this many months ago in their first registration.
REGISTERED_AGAIN = {"1311902": 8}


def _upload(content: bytes):
    """A demo PDF as a form's upload field hands it to a service."""
    return DocumentField(types=MANUAL_TYPES, max_megabytes=50).clean(
        SimpleUploadedFile("document.pdf", content, content_type="application/pdf")
    )


def _manual_file(company: Company):
    return _upload(render_pdf("pdf/demo_document.html", {"title": f"Health & safety manual of {company.legal_name}"}))


def add_demo_milestones(*, company: Company, owner: User, staff: User, auditor: User | None, today: date) -> None:
    if company.registration_date is None:
        return
    if company.status == Company.Status.DEROLLED:
        expires_on = company.derolled_on - timedelta(days=1)
        MilestoneLetter.objects.create(
            company=company,
            milestone=MilestoneLetter.Milestone.FIRST,
            issued_on=company.registration_date,
            expires_on=expires_on,
            settled=MilestoneLetter.Settled.DEROLLED,
            settled_on=rules.deroll_date(expires_on),
            settled_at=timezone.now(),
        )
        return
    if company.wcb_account_number in REGISTERED_AGAIN:
        _lapsed_first_registration(company, today=today, months=REGISTERED_AGAIN[company.wcb_account_number])
    letter_issue_on_registration(company=company, actor=staff)
    if company.wcb_account_number in CERTIFIED and auditor is not None:
        # Settled before the manual is sent: a letter expired unmet would de-roll the company (MIL-3).
        _milestones_met(company, today=today, months=CERTIFIED[company.wcb_account_number])
    elif company.wcb_account_number in AUDIT_TO_SCORE:
        _milestone_1_met(company)
    plan = MANUALS.get(company.wcb_account_number)
    if plan is None:
        return
    state, days_ago = plan
    manual = manual_submit(
        company=company,
        actor=owner,
        parts=[ManualPart(_manual_file(company), sections_of(audit_tool_on(today)))],
    )
    sent = timezone.now() - timedelta(days=days_ago)
    ReviewVersion.objects.filter(review=manual.review).update(submitted_at=sent)
    Review.objects.filter(pk=manual.review_id).update(first_submitted_on=timezone.localdate(sent))
    if state == "waiting" and auditor is not None:
        manual_assign(manual=manual, reviewer=auditor, actor=staff)
    if state == "approved":
        verdicts = [SectionVerdict(str(s), "accepted") for s in sections_of(manual.tool)]
        manual_decide(manual=manual, actor=staff, verdicts=verdicts)
    if company.wcb_account_number in CERTIFIED and auditor is not None:
        _certified(company, staff=staff, auditor=auditor, today=today, months=CERTIFIED[company.wcb_account_number])
    if company.wcb_account_number in AUDIT_TO_SCORE and auditor is not None:
        booked_on = today - timedelta(days=AUDIT_TO_SCORE[company.wcb_account_number])
        _baseline_audit(company, staff=staff, auditor=auditor, on=booked_on)
    if company.wcb_account_number in PACKAGE_SENT and auditor is not None:
        _package_sent(company, owner=owner, staff=staff, auditor=auditor)
    if state == "returned":
        sections = sections_of(manual.tool)
        to_correct = {
            3: "Add safe work practices for the framing crews' work at heights.",
            9: "Say how often the site inspections are done and who signs them.",
        }
        manual_decide(
            manual=manual,
            actor=staff,
            verdicts=[
                SectionVerdict(
                    str(s), "corrections" if s.number in to_correct else "accepted", to_correct.get(s.number, "")
                )
                for s in sections
            ],
            comments="A good start: two sections need more detail.",
        )


def _lapsed_first_registration(company: Company, *, today: date, months: int) -> None:
    """The Milestone #1 letter of the company's first registration, which expired unmet `months` ago: the
    letter issued for its new registration makes it history."""
    derolled_on = today - relativedelta(months=months)
    expires_on = derolled_on - timedelta(days=1)
    MilestoneLetter.objects.create(
        company=company,
        milestone=MilestoneLetter.Milestone.FIRST,
        issued_on=expires_on - relativedelta(months=12),
        expires_on=expires_on,
        settled=MilestoneLetter.Settled.DEROLLED,
        settled_on=derolled_on,
        settled_at=timezone.now(),
    )


def _milestone_1_met(company: Company) -> MilestoneLetter:
    """Milestone #1 met two months before its letter expired, and the #2 letter issued that day (MIL-2)."""
    first = company.milestone_letters.get()
    met_on = first.expires_on - timedelta(days=60)
    MilestoneLetter.objects.filter(pk=first.pk).update(
        settled=MilestoneLetter.Settled.MET, settled_on=met_on, settled_at=timezone.now()
    )
    return MilestoneLetter.objects.create(
        company=company,
        milestone=MilestoneLetter.Milestone.SECOND,
        issued_on=met_on,
        expires_on=rules.letter_expiry(registration_date=company.registration_date, months=18),
    )


def _milestones_met(company: Company, *, today: date, months: int) -> None:
    """Milestone #1 met and #2 issued in the first year, #2 met by the baseline audit achieved `months` ago."""
    second = _milestone_1_met(company)
    MilestoneLetter.objects.filter(pk=second.pk).update(
        settled=MilestoneLetter.Settled.MET, settled_on=today - relativedelta(months=months), settled_at=timezone.now()
    )


def _baseline_audit(company: Company, *, staff: User, auditor: User, on: date) -> Audit:
    """The baseline audit booked with `auditor` for the day `on`, at the company's office (AUD-3)."""
    return Audit.objects.create(
        company=company,
        kind=Audit.Kind.BASELINE,
        purpose=Audit.Purpose.BASELINE,
        tool=audit_tool_on(on),
        auditor=auditor,
        scheduled_on=on,
        location=f"{company.street_address}, {company.city}, {company.province} {company.postal_code}",
        scheduled_by=staff,
    )


def _certified(company: Company, *, staff: User, auditor: User, today: date, months: int) -> None:
    """The baseline audit achieved `months` ago with its report, the certificate it issued, and the audit's
    invoice paid."""
    audited_on = today - relativedelta(months=months)
    audit = _baseline_audit(company, staff=staff, auditor=auditor, on=audited_on)
    # 85% of each section's points (the version's, when it sets them).
    points = [(section, section.available_points or 20) for section in sections_of(audit.tool)]
    entries = [ScoreEntry(section, available, available * 17 // 20) for section, available in points]
    audit_record_scores(audit=audit, actor=auditor, entries=entries)
    audit_complete(audit=audit, actor=auditor, completed_on=audited_on)
    invoice_pay(invoice=audit.invoice, actor=staff, paid_on=today, method="eft", reference="EFT-20416")


def _package_sent(company: Company, *, owner: User, staff: User, auditor: User) -> None:
    """MNT-1: this year's package, the internal audit done by the company's internal auditor a week before it was
    sent, given to `auditor` to review."""
    sent = timezone.now() - timedelta(days=PACKAGE_SENT[company.wcb_account_number])
    content = render_pdf("pdf/demo_document.html", {"title": f"Maintenance package of {company.legal_name}"})
    uploads = {slot_key(*slot): _upload(content) for slot in package_slots()}
    package = maintenance_submit(
        company=company,
        actor=owner,
        internal_auditor=company.employees.get(first_name="Amelia"),
        internal_audit_on=timezone.localdate(sent) - timedelta(days=7),
        uploads=uploads,
    )
    ReviewVersion.objects.filter(review=package.review).update(submitted_at=sent)
    Review.objects.filter(pk=package.review_id).update(first_submitted_on=timezone.localdate(sent))
    maintenance_assign(package=package, reviewer=auditor, actor=staff)
