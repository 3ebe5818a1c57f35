"""A company's employer users and its assigned program auditors."""

from django.core.exceptions import ValidationError
from django.db import transaction

from companies import events
from companies.models import AuditorAssignment, Company, Membership
from secor import hooks
from secor.core.models import User
from secor.core.services import user_invite
from secor.timeline.services import event_record


@transaction.atomic
def member_invite(*, company: Company, actor: User, email: str, first_name: str, last_name: str) -> Membership:
    """The owner (or staff) gives another person an employer login for the company."""
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        raise ValidationError(
            {
                "email": "This email address already has a SECOR login; each login belongs to one company. "
                "Use another address, or ask SCSA to move the login."
            }
        )
    user = user_invite(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.EMPLOYER,
        invited_by=actor,
        company=company,
    )
    membership = Membership.objects.create(company=company, user=user, is_owner=False)
    event_record(
        company=company,
        actor=actor,
        kind=events.PEOPLE,
        subject=membership,
        summary=f"{user.get_full_name() or email} invited as an employer user",
    )
    hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
    return membership


@transaction.atomic
def auditor_assign(*, company: Company, auditor: User, actor: User) -> AuditorAssignment:
    if not auditor.is_program_auditor:
        raise ValidationError({"auditor": "Only an active program auditor can be assigned to a company."})
    assignment, created = AuditorAssignment.objects.get_or_create(
        company=company, auditor=auditor, defaults={"assigned_by": actor}
    )
    if created:
        event_record(
            company=company,
            actor=actor,
            kind=events.PEOPLE,
            subject=auditor,
            summary=f"Program auditor {auditor} assigned",
        )
        hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
    return assignment


@transaction.atomic
def auditor_unassign(*, company: Company, auditor: User, actor: User) -> None:
    deleted, _ = AuditorAssignment.objects.filter(company=company, auditor=auditor).delete()
    if deleted:
        event_record(
            company=company,
            actor=actor,
            kind=events.PEOPLE,
            subject=auditor,
            summary=f"Program auditor {auditor} no longer assigned",
        )
        hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
