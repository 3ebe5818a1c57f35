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
from secor.notices.kinds import Message, NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text, site_url
from secor.reviews.models import ReviewVersion


def maintenance_page(company_id: int) -> str:
    return site_url(reverse("audits:maintenance", args=[company_id]))


def _maintenance_message(notice) -> Message:
    version = ReviewVersion.objects.select_related("review").get(pk=subject_pk(notice.subject_key))
    package = MaintenancePackage.objects.select_related("company", "anniversary").get(review=version.review)
    company = package.company
    context = {"kind": notice.kind, "company": company, "package": package, "version": version}
    context["url"] = maintenance_page(company.pk)
    # MNT-1: a return owes the correction by the day kept with it; a package already late owes it at once.
    context["correct_by"] = correct_by = package.anniversary.owed_by
    context["late"] = bool(correct_by and version.decided_at and correct_by < timezone.localdate(version.decided_at))
    if notice.kind == MAINTENANCE_TO_REVIEW:
        subject = f"Maintenance package to review: {company.display_name} (version {version.number})"
    else:
        outcome = "accepted" if version.outcome == ReviewVersion.Outcome.ACCEPTED else "returned for corrections"
        subject = f"Your maintenance package is {outcome} ({company.display_name})"
    return Message(
        subject=f"[SECOR] {subject}", body=render_text("email/maintenance.txt", context), link=context["url"]
    )


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


def _anniversary_message(notice) -> Message:
    anniversary = Anniversary.objects.select_related("company", "certificate").get(pk=subject_pk(notice.subject_key))
    company = anniversary.company
    context = {
        "anniversary": anniversary,
        "certificate": anniversary.certificate,
        "company": company,
        "last": not anniversary.maintenance_due,
        "opens_on": recertification_opens_on(anniversary.certificate.issued_on),
        "qualified": qualified_internal_auditors(company=company, day=timezone.localdate()),
        "url": maintenance_page(company.pk) if anniversary.maintenance_due else audits_page(company.pk),
    }
    what = "certificate expires" if context["last"] else "maintenance package due"
    return Message(
        subject=f"[SECOR] SECOR anniversary {long_date(anniversary.on)}: {what} ({company.display_name})",
        body=render_text("email/anniversary.txt", context),
        link=context["url"],
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
        render=_maintenance_message,
        rule="MNT-1",
        for_staff=True,
    )
)
MAINTENANCE_REVIEWED = notice_kind(
    NoticeKind("maintenance-reviewed", "Maintenance package reviewed", render=_maintenance_message, rule="MNT-1")
)
ANNIVERSARY = notice_kind(
    NoticeKind(
        "anniversary-90",
        "Anniversary in 90 days",
        render=_anniversary_message,
        rule="MNT-2, NTC-1",
        find_due=_anniversaries_due,
    )
)
