"""The notices of the companies app: the decision on an application, and status changes staff record."""

from collections import defaultdict

from django.urls import reverse

from companies import rules
from companies.models import Application, Company, Membership
from secor.core.models import ProgramSettings
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeKind, Recipient, notice_kind, subject_pk
from secor.notices.text import site_url
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


APPLICATION_DECISION = notice_kind(
    NoticeKind("application-decision", "Application decision", render=secors_own, rule="ELIG")
)
# De-roll (ELIG-5's wait begins), reinstatement, transfer to COR (ELIG-3) and withdrawal.
STATUS_CHANGE = notice_kind(NoticeKind("status-change", "Status change", render=secors_own, rule="ELIG-3, ELIG-5"))


def _decision_values(notice) -> dict[str, str]:
    application = Application.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    company = application.company
    letter = company.milestone_letters.first()
    invoice = getattr(application, "invoice", None)  # none when no registration fee was invoiced
    return {
        "company": company.display_name,
        "decision": application.get_decision_display().lower(),
        "accepted": "yes" if application.decision == "accepted" else "",
        "registration_date": long_date(company.registration_date) if company.registration_date else "",
        "letter": letter.reference if letter else "",
        "letter_expires_on": long_date(letter.expires_on) if letter else "",
        "invoice": invoice.reference if invoice else "",
        "invoice_total": f"${invoice.total}" if invoice else "",
        "invoice_due_on": long_date(invoice.due_on) if invoice else "",
        "reason": application.decline_reason,
        "url": company_page(company),
    }


editable_text(
    EditableText(
        APPLICATION_DECISION,
        {
            "company": "the company's name",
            "decision": '"accepted" or "declined"',
            "accepted": '"yes" when accepted, nothing when declined',
            "registration_date": "the company's registration date (when accepted)",
            "letter": "the number of the Milestone #1 letter issued with the acceptance (else nothing)",
            "letter_expires_on": "the day that letter expires",
            "invoice": "the number of the registration fee's invoice (else nothing)",
            "invoice_total": "its total with GST, with its $",
            "invoice_due_on": "the day its payment is due",
            "reason": "why SCSA declined it (when declined)",
            "url": "the company's page",
        },
        _decision_values,
        subject="[SECOR] Your application for {{ company }}: {{ decision }}",
        body="""Hello,

{% if accepted %}{{ company }} is now registered in the SECOR program (registration date {{ registration_date }}).\
{% if letter %}

SCSA has issued your Milestone #1 letter, number {{ letter }}, on your company page. It expires on \
{{ letter_expires_on }}: by then the required courses must be held, the self-audit and LSE proficiency accepted, \
and your health & safety manual approved. A company that misses the expiry is de-rolled the next day.{% endif %}\
{% if invoice %}

Invoice {{ invoice }} for the registration fee ({{ invoice_total }} with GST, due by {{ invoice_due_on }}) is on \
your company page.{% endif %}{% else %}SCSA has declined the SECOR application of {{ company }}.

Reason: {{ reason }}

You can correct your answers and apply again from the portal.{% endif %}

Your company page: {{ url }}
""",
    )
)


def _status_values(notice) -> dict[str, str]:
    event = Event.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    company = event.company
    status = Company.Status(event.data["to"])
    return {
        "company": company.display_name,
        "status": status.value,
        "status_label": status.label.lower(),
        "previous": Company.Status(event.data["from"]).label.lower(),
        "reason": event.detail,
        "derolled_on": long_date(company.derolled_on) if company.derolled_on else "",
        "reregistration_date": long_date(rules.reregistration_date(company.derolled_on)) if company.derolled_on else "",
        "cor_advice": rules.COR_ADVICE,
        "cor_contact": ProgramSettings.current().cor_contact,
        "url": company_page(company),
    }


editable_text(
    EditableText(
        STATUS_CHANGE,
        {
            "company": "the company's name",
            "status": '"derolled", "registered" (reinstated), "transferred_to_cor" or "withdrawn": its new status',
            "status_label": 'its new status in words ("de-rolled", "registered", ...)',
            "previous": 'its status before, in words ("de-rolled", "withdrawn", ...)',
            "reason": "why SCSA recorded the change",
            "derolled_on": "the day it was de-rolled (when de-rolled)",
            "reregistration_date": "the first day it may register again, six months later (when de-rolled)",
            "cor_advice": "SECOR's advice to register for COR instead",
            "cor_contact": "SCSA's COR contact (a program setting)",
            "url": "the company's page",
        },
        _status_values,
        subject="[SECOR] {{ company }}: {{ status_label }}",
        body="""Hello,

{% if status == "derolled" %}SCSA has removed {{ company }} from the SECOR program (de-rolled) on {{ derolled_on }}.

Reason: {{ reason }}

The company may register for SECOR again from {{ reregistration_date }}, six months after the removal.\
{% elif status == "registered" %}SCSA has reinstated {{ company }} in the SECOR program (it was {{ previous }}).

Reason: {{ reason }}

Your training chart, roster and documents are as you left them; carry on from the company page.\
{% elif status == "transferred_to_cor" %}SCSA has transferred {{ company }} from SECOR to the Certificate of \
Recognition (COR) program.

Reason: {{ reason }}

{{ cor_advice }}

Your COR contact at SCSA: {{ cor_contact }}{% else %}SCSA has recorded that {{ company }} has withdrawn from the \
SECOR program.

Reason: {{ reason }}

You can apply again from the portal at any time.{% endif %}

Your company page: {{ url }}
""",
    )
)
