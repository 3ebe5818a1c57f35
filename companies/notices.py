"""The notices of the companies app: the decision on an application, and status changes staff record."""

from collections import defaultdict

from django.urls import reverse

from companies import rules
from companies.models import Application, Company, Membership
from secor.core.models import ProgramSettings
from secor.notices.kinds import Message, NoticeKind, Recipient, notice_kind, subject_pk
from secor.notices.text import render_text, site_url
from secor.timeline.models import Event


def company_recipients(company: Company) -> list[Recipient]:
    """The company's employer users: everyone who signs in for it."""
    return [
        Recipient(membership.user.email, membership.user.get_full_name(), membership.user_id)
        for membership in company.memberships.select_related("user")
        if membership.user.is_active
    ]


def recipients_of_companies(company_ids) -> dict[int, list[Recipient]]:
    """The employer users of several companies, in one query (for the daily sweep's finders)."""
    users = defaultdict(list)
    rows = Membership.objects.filter(company_id__in=company_ids, user__is_active=True).values_list(
        "company_id", "user_id", "user__email", "user__first_name", "user__last_name"
    )
    for company_id, user_id, email, first, last in rows:
        users[company_id].append(Recipient(email, f"{first} {last}".strip(), user_id))
    return users


def company_page(company: Company) -> str:
    return site_url(reverse("companies:detail", args=[company.pk]))


def _application_decision(notice) -> Message:
    application = Application.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    company = application.company
    context = {"application": application, "company": company, "url": company_page(company)}
    return Message(
        subject=f"[SECOR] Your application for {company.display_name}: {application.get_decision_display().lower()}",
        body=render_text("email/application_decision.txt", context),
        link=context["url"],
    )


def _status_change(notice) -> Message:
    event = Event.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    company = event.company
    to_status = Company.Status(event.data["to"])
    context = {
        "company": company,
        "status": to_status,
        "previous": Company.Status(event.data["from"]),
        "reason": event.detail,
        "on": event.at,
        "reregistration_date": rules.reregistration_date(company.derolled_on) if company.derolled_on else None,
        "cor_advice": rules.COR_ADVICE,
        "cor_contact": ProgramSettings.current().cor_contact,
        "url": company_page(company),
    }
    return Message(
        subject=f"[SECOR] {company.display_name}: {to_status.label.lower()}",
        body=render_text("email/status_change.txt", context),
        link=context["url"],
    )


APPLICATION_DECISION = notice_kind(
    NoticeKind("application-decision", "Application decision", render=_application_decision, rule="ELIG")
)
# De-roll (ELIG-5's wait begins), reinstatement, transfer to COR (ELIG-3) and withdrawal.
STATUS_CHANGE = notice_kind(NoticeKind("status-change", "Status change", render=_status_change, rule="ELIG-3, ELIG-5"))
