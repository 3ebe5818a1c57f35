"""Status changes staff record with a reason (ELIG-3, ELIG-5, withdrawal, reinstatement)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies import events, notices, rules
from companies.inputs import STATUS_CHANGES
from companies.models import Application, Company, RegistrationWait
from secor import hooks
from secor.core.models import User
from secor.notices.services import notice_send
from secor.timeline.services import event_record


def _effective_date(effective_on: date | None, *, today: date) -> date:
    if effective_on is None:
        return today
    if problem := rules.deroll_date_problem(effective_on, today=today):
        raise ValidationError({"effective_on": problem})
    return effective_on


@transaction.atomic
def company_change_status(
    *, company: Company, actor: User, action: str, reason: str, effective_on: date | None = None
) -> Company:
    """Record a status change staff decided, with its reason. A de-roll recorded by hand may be dated earlier
    than today, never later (DOMAIN section 8, ELIG-5); its wait starts that day."""
    if not reason.strip():
        raise ValidationError({"reason": "Record the reason for this change; the company sees it on its timeline."})
    # The status is read under the row lock: two staff changing it at once see each other's change.
    company = Company.objects.select_for_update().get(pk=company.pk)
    today = timezone.localdate()
    change = STATUS_CHANGES.get(action)
    # The status as pages show it (MIL-3: a de-roll due and not recorded yet counts), but a de-roll records over
    # the stored one: the nightly job records the one due (staff, a page open before it was due, may by hand).
    before = company.recorded_status if action == "deroll" else company.status_on(today)
    if change is None or before.status not in change.from_statuses:
        raise ValidationError({"action": f"A company that is “{before.label}” cannot be given that status change."})
    derolled_on = _effective_date(effective_on, today=today) if change.to_status == Company.Status.DEROLLED else None
    previous, previous_status = before.label, before.status
    company.status = change.to_status
    if change.to_status == Company.Status.DEROLLED:
        company.derolled_on = derolled_on
        RegistrationWait.objects.create(
            wcb_account_number=company.wcb_account_number, company=company, derolled_on=derolled_on
        )
    if change.to_status in rules.LEFT_PROGRAM_WORDS:
        # CERT-2: leaving ends a certificate that day (a de-roll's day may be earlier than today).
        company.left_program_on, company.left_program_as = derolled_on or today, change.to_status
    elif change.to_status == Company.Status.REGISTERED:
        if before.status == Company.Status.DEROLLED:
            # MIL-3's override: the letter's lapse that de-rolled it (recorded or due) de-rolls it no more.
            company.lifted_deroll_on = before.derolled_on
        company.derolled_on = None
        # CERT-2: reinstatement overrides the leaving; a certificate within its 3 years counts again.
        company.left_program_on, company.left_program_as = None, ""
        company.registration_date = company.registration_date or today
        # Reinstating overrides the de-roll: its wait no longer applies to the company's number.
        company.registration_waits.filter(lifted_on__isnull=True).update(lifted_on=today)
    company.save()
    # An application waiting for SCSA ends with the status it was waiting in (withdrawn, sent to COR).
    for pending in company.applications.filter(decision=Application.Decision.PENDING):
        pending.decision, pending.decided_by, pending.decided_at = Application.Decision.CLOSED, actor, timezone.now()
        pending.save()
    event = event_record(
        company=company,
        actor=actor,
        kind=events.STATUS,
        subject=company,
        summary=rules.status_change_summary(
            previous=previous, now=company.get_status_display(), derolled_on=derolled_on
        ),
        detail=reason.strip(),
        data={"from": previous_status, "to": company.status},
    )
    hooks.changed(hooks.Topic.COMPANY_STATUS, company_ids=[company.pk])
    if change.to_status == Company.Status.REGISTERED:
        hooks.company_registered(company=company, actor=actor)
    notice_send(
        kind=notices.STATUS_CHANGE, recipients=notices.company_recipients(company), subject=event, company=company
    )
    return company
