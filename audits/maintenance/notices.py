"""The notices of the three-year cycle: a maintenance package to review and its outcome (MNT-1), and the notice
90 days before each anniversary (MNT-2, NTC-1)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from audits.certificates.models import Certificate
from audits.certificates.notices import audits_page
from audits.maintenance import rules
from audits.maintenance.models import Anniversary, MaintenancePackage
from audits.maintenance.selectors import anniversaries_to_notify, qualified_internal_auditors
from audits.recertification.rules import recertification_opens_on
from companies.notices import company_recipients, recipients_of_companies
from secor.core.notices import person, program_staff
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import site_url
from secor.reviews.models import ReviewVersion


def maintenance_page(company_id: int) -> str:
    return site_url(reverse("audits:maintenance", args=[company_id]))


def maintenance_to_review_send(*, package: MaintenancePackage, version: ReviewVersion) -> None:
    """To the reviewer the package is given to, or to SCSA staff until it is given to one."""
    reviewer = package.review.reviewer
    recipients = [person(reviewer)] if reviewer else program_staff()
    notice_send(kind=MAINTENANCE_TO_REVIEW, recipients=recipients, subject=version, company=package.company)


def maintenance_reviewed_send(*, package: MaintenancePackage, version: ReviewVersion) -> None:
    notice_send(
        kind=MAINTENANCE_REVIEWED,
        recipients=company_recipients(package.company),
        subject=version,
        company=package.company,
    )


def _anniversary_drafts(anniversaries) -> list[NoticeDraft]:
    recipients = recipients_of_companies({anniversary.company_id for anniversary in anniversaries})
    return [
        NoticeDraft(
            ANNIVERSARY,
            recipient,
            subject_key(anniversary),
            anniversary.on,
            rules.anniversary_notice_on(anniversary.on),
            anniversary.company_id,
        )
        for anniversary in anniversaries
        for recipient in recipients[anniversary.company_id]
    ]


def _anniversaries_due(today: date) -> list[NoticeDraft]:
    """MNT-2: each anniversary 90 days ahead or nearer (a missed day catches up), of a certificate in its cycle,
    unless its package is already accepted; the ledger keeps it to one notice per anniversary."""
    return _anniversary_drafts(list(anniversaries_to_notify(today=today)))


def anniversary_notices_due_now(certificate: Certificate, *, today: date) -> None:
    """MNT-2: a certificate issued less than 90 days before an anniversary is told of it at once, not by the
    next sweep; claimed as the sweep claims, so the sweep sends nothing twice."""
    recipients = company_recipients(certificate.company)
    for anniversary in anniversaries_to_notify(today=today).filter(certificate=certificate):
        notice_send(
            kind=ANNIVERSARY,
            recipients=recipients,
            subject=anniversary,
            about_date=anniversary.on,
            company=certificate.company,
        )


MAINTENANCE_TO_REVIEW = notice_kind(
    NoticeKind(
        "maintenance-to-review",
        "Maintenance package to review",
        render=secors_own,
        rule="MNT-1",
        for_staff=True,
    )
)
MAINTENANCE_REVIEWED = notice_kind(
    NoticeKind("maintenance-reviewed", "Maintenance package reviewed", render=secors_own, rule="MNT-1")
)
ANNIVERSARY = notice_kind(
    NoticeKind(
        "anniversary-90",
        "Anniversary in 90 days",
        render=secors_own,
        rule="MNT-2, NTC-1",
        find_due=_anniversaries_due,
    )
)


def _package(notice) -> tuple[ReviewVersion, MaintenancePackage]:
    version = ReviewVersion.objects.select_related("review").get(pk=subject_pk(notice.subject_key))
    package = MaintenancePackage.objects.select_related("company", "anniversary").get(review=version.review)
    return version, package


def _to_review_values(notice) -> dict[str, str]:
    version, package = _package(notice)
    return {
        "company": package.company.display_name,
        "version": str(version.number),
        "corrected": "yes" if version.number > 1 else "",
        "anniversary": long_date(package.anniversary.on),
        "internal_auditor": str(package.internal_auditor),
        "internal_audit_on": long_date(package.internal_audit_on) if package.internal_audit_on else "",
        "url": maintenance_page(package.company_id),
    }


editable_text(
    EditableText(
        MAINTENANCE_TO_REVIEW,
        {
            "company": "the company's name",
            "version": "the package's version number",
            "corrected": '"yes" when it is a corrected version (2 or more), else nothing',
            "anniversary": "the anniversary it is for",
            "internal_auditor": "who did the internal audit",
            "internal_audit_on": "the day of the internal audit",
            "url": "the company's maintenance page",
        },
        _to_review_values,
        subject="[SECOR] Maintenance package to review: {{ company }} (version {{ version }})",
        body="""Hello,

{{ company }} has sent {% if corrected %}the corrected version {{ version }} of {% endif %}its maintenance package \
for the anniversary of {{ anniversary }} (MNT-1): the completed SECOR audit tool (internal audit by \
{{ internal_auditor }} on {{ internal_audit_on }}), 2 Safe Work Practices and 2 Safe Job Procedures.

Review it: accept it, or return it with what to correct.

The maintenance page: {{ url }}
""",
    )
)


def _reviewed_values(notice) -> dict[str, str]:
    version, package = _package(notice)
    # MNT-1: a return owes the correction by the day kept with it; a package already late owes it at once.
    correct_by = package.anniversary.owed_by
    late = bool(correct_by and version.decided_at and correct_by < timezone.localdate(version.decided_at))
    return {
        "company": package.company.display_name,
        "version": str(version.number),
        "anniversary": long_date(package.anniversary.on),
        "accepted": "yes" if version.outcome == ReviewVersion.Outcome.ACCEPTED else "",
        "comments": version.comments,
        "correct_by": long_date(correct_by) if correct_by else "",
        "late": "yes" if late else "",
        "url": maintenance_page(package.company_id),
    }


editable_text(
    EditableText(
        MAINTENANCE_REVIEWED,
        {
            "company": "the company's name",
            "version": "the package's version number",
            "anniversary": "the anniversary it is for",
            "accepted": '"yes" when SCSA accepted it, nothing when it returned it for corrections',
            "comments": "SCSA's comments (what to correct, when returned; may be empty when accepted)",
            "correct_by": "the day the correction is owed by (may be empty)",
            "late": '"yes" when the package was already overdue when returned (owed at once), else nothing',
            "url": "the company's maintenance page",
        },
        _reviewed_values,
        subject="[SECOR] Your maintenance package is "
        "{% if accepted %}accepted{% else %}returned for corrections{% endif %} ({{ company }})",
        body="""Hello,

{% if accepted %}SCSA has accepted the maintenance package of {{ company }} for the anniversary of {{ anniversary }} \
(version {{ version }}).{% if comments %}

{{ comments }}{% endif %}{% else %}SCSA has returned the maintenance package of {{ company }} for the anniversary \
of {{ anniversary }} (version {{ version }}) for corrections:

{{ comments }}

Correct it and send it again from the maintenance page{% if late %} now (it is overdue)\
{% elif correct_by %} by {{ correct_by }}{% endif %}; the documents you do not send again are kept from this \
version.{% endif %}

The maintenance page: {{ url }}
""",
    )
)


def _anniversary_values(notice) -> dict[str, str]:
    anniversary = Anniversary.objects.select_related("company", "certificate").get(pk=subject_pk(notice.subject_key))
    company, certificate = anniversary.company, anniversary.certificate
    qualified = qualified_internal_auditors(company=company, day=timezone.localdate())
    return {
        "number": certificate.number,
        "company": company.display_name,
        "anniversary": long_date(anniversary.on),
        "last": "" if anniversary.maintenance_due else "yes",
        "expires_on": long_date(certificate.expires_on),
        "opens_on": long_date(recertification_opens_on(certificate.issued_on)),
        "qualified": ", ".join(str(person) for person in qualified),
        "url": maintenance_page(company.pk) if anniversary.maintenance_due else audits_page(company.pk),
    }


editable_text(
    EditableText(
        ANNIVERSARY,
        {
            "number": "the certificate's number",
            "company": "the company's name",
            "anniversary": "the anniversary's day",
            "last": '"yes" on the certificate\'s last day (re-certification is due, not a package), else nothing',
            "expires_on": "the day the certificate expires",
            "opens_on": "the first day the re-certification audit may be requested",
            "qualified": "the names of the people on the roster who may do the internal audit today, comma-separated "
            "(empty when nobody qualifies)",
            "url": "the company's maintenance page (its audits page for the last anniversary)",
        },
        _anniversary_values,
        subject="[SECOR] SECOR anniversary {{ anniversary }}: "
        "{% if last %}certificate expires{% else %}maintenance package due{% endif %} ({{ company }})",
        body="""Hello,

The SECOR certificate {{ number }} of {{ company }} has its anniversary on {{ anniversary }}.
{% if last %}
That day is its last: the certificate is valid through {{ expires_on }}. To keep SECOR certified, request your \
re-certification audit (from {{ opens_on }}) with the Site Assessment Form and the SECOR Audit Compliance Declaration \
Form, with the required training maintained. SCSA books the audit 2 to 3 months ahead, so request it now.
{% else %}
To keep it valid, send your annual maintenance package to SCSA by {{ anniversary }}:
- the completed Small Employer Certificate of Recognition Audit Tool (an internal audit of the company),
- 2 Safe Work Practices, and
- 2 Safe Job Procedures.

The internal audit must be done by a person of the company with valid internal auditor status on the day of the \
audit (Safety Auditor Training alone does not qualify).{% if qualified %} Today these people on your roster qualify: \
{{ qualified }}.{% else %} Today nobody on your roster qualifies: a trained employee needs a valid Internal Auditor \
Certificate first.{% endif %}
{% endif %}
{{ url }}
""",
    )
)
