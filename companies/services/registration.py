"""Registration and eligibility (ELIG-1 … ELIG-7): applying, and staff's decision on the application."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies import events, notices, rules, selectors
from companies.inputs import COMPANY_DETAIL_FIELDS
from companies.models import Application, Company, Membership
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.dates import long_date
from secor.notices.services import notice_send
from secor.timeline.services import event_record


@dataclass(frozen=True)
class DeclaredWorkers:
    """ELIG-1 at registration: counts keyed as rules.DECLARED_WORKER_KEYS; missing keys are zero."""

    counts: dict[str, int]

    def __post_init__(self):
        unknown = set(self.counts) - set(rules.DECLARED_WORKER_KEYS)
        if unknown:
            raise ValueError(f"Unknown kinds of worker: {sorted(unknown)}")

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@transaction.atomic
def application_submit(
    *, user: User, details: dict, workers: DeclaredWorkers, signed_name: str, company: Company | None = None
) -> Application:
    """Create (or re-open) the company and its application in one step, or refuse and create nothing."""
    if not signed_name.strip():
        raise ValidationError({"signed_name": "Type your full name to sign the SECOR Agreement."})
    wcb = company.wcb_account_number if company else details["wcb_account_number"]
    today = timezone.localdate()
    eligibility = selectors.registration_eligibility_for(
        company=company,
        wcb_account_number=wcb,
        declared_workers=workers.total,
        acts_as_general_contractor=details["acts_as_general_contractor"],
        expected_workers_as_general_contractor=details.get("expected_workers_as_general_contractor"),
        today=today,
    )
    if not eligibility.eligible:
        raise ValidationError([ValidationError(refusal.message, code=refusal.rule) for refusal in eligibility.refusals])
    if company is None and selectors.company_with_wcb_number(wcb_account_number=wcb):
        raise ValidationError(
            "This WCB account number already has a SECOR portal account. Sign in with that company's login to apply "
            "again, or ask its owner to invite you."
        )

    values = {name: details[name] for name in COMPANY_DETAIL_FIELDS if name in details}
    values["wcb_account_number"] = wcb
    if company is not None:
        # Membership, and so the fee (ELIG-7), stays as SCSA has it for a company applying again.
        values.pop("is_scsa_member", None)
    if company is None:
        company = Company.objects.create(**values, status=Company.Status.APPLIED)
        Membership.objects.create(company=company, user=user, is_owner=True)
    else:
        for name, value in values.items():
            setattr(company, name, value)
        company.status = Company.Status.APPLIED
        company.save()
    hooks.changed(hooks.Topic.COMPANY_STATUS, company_ids=[company.pk])
    now = timezone.now()
    application = Application.objects.create(
        company=company,
        submitted_by=user,
        submitted_at=now,
        registration_fee=ProgramSettings.current().registration_fee(is_scsa_member=company.is_scsa_member),
        agreement_signed_name=signed_name.strip(),
        agreement_signed_at=now,
        workers={key: workers.counts.get(key, 0) for key in rules.DECLARED_WORKER_KEYS},
    )
    event_record(
        company=company,
        actor=user,
        kind=events.APPLICATION,
        subject=application,
        summary="SECOR application submitted",
        detail=f"{workers.total} Saskatchewan workers declared; "
        f"SECOR Agreement signed by {application.agreement_signed_name}.",
        data={"declared_workers": workers.total},
    )
    return application


@transaction.atomic
def application_accept(*, application: Application, actor: User) -> Application:
    application = Application.objects.select_for_update().select_related("company").get(pk=application.pk)
    if application.decision != Application.Decision.PENDING:
        raise ValidationError("This application has already been decided.")
    company = application.company
    if company.status != Company.Status.APPLIED:
        raise ValidationError(f"The company is “{company.get_status_display()}”, not waiting for a decision.")
    application.decision = Application.Decision.ACCEPTED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    company.status = Company.Status.REGISTERED
    company.registration_date = timezone.localdate()
    company.derolled_on = None
    company.save()
    hooks.changed(hooks.Topic.COMPANY_STATUS, company_ids=[company.pk])
    event_record(
        company=company,
        actor=actor,
        kind=events.APPLICATION,
        subject=application,
        summary=f"Registered in SECOR on {long_date(company.registration_date)}",
        data={"decision": application.decision},
    )
    notice_send(
        kind=notices.APPLICATION_DECISION,
        recipients=notices.company_recipients(company),
        subject=application,
        company=company,
    )
    hooks.company_registered(company=company, actor=actor)
    return application


@transaction.atomic
def application_decline(*, application: Application, actor: User, reason: str) -> Application:
    if not reason.strip():
        raise ValidationError({"reason": "Tell the employer why the application is declined and what to do next."})
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.decision != Application.Decision.PENDING:
        raise ValidationError("This application has already been decided.")
    application.decision = Application.Decision.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decline_reason = reason.strip()
    application.save()
    company = application.company
    company.status = Company.Status.DECLINED
    company.save()
    hooks.changed(hooks.Topic.COMPANY_STATUS, company_ids=[company.pk])
    event_record(
        company=company,
        actor=actor,
        kind=events.APPLICATION,
        subject=application,
        summary="Application declined",
        detail=application.decline_reason,
        data={"decision": application.decision},
    )
    notice_send(
        kind=notices.APPLICATION_DECISION,
        recipients=notices.company_recipients(company),
        subject=application,
        company=company,
    )
    return application
