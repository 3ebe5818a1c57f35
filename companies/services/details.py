"""Company details: the fields a company keeps, and their changes (recorded on the timeline)."""

from django.db import transaction

from companies import events
from companies.inputs import COMPANY_DETAIL_FIELDS
from companies.models import Company
from secor import hooks
from secor.core.models import User
from secor.timeline.services import event_record


def describe_changes(instance, data: dict, fields) -> list[str]:
    changes = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            label = instance._meta.get_field(name).verbose_name
            changes.append(f"{label}: {_shown(getattr(instance, name))} → {_shown(data[name])}")
    return changes


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@transaction.atomic
def company_update_details(*, company: Company, actor: User, data: dict) -> Company:
    # Compare with the stored row: a bound ModelForm has already written the new values into its instance.
    company = Company.objects.select_for_update().get(pk=company.pk)
    changes = describe_changes(company, data, COMPANY_DETAIL_FIELDS)
    if not changes:
        return company
    for name in COMPANY_DETAIL_FIELDS:
        if name in data:
            setattr(company, name, data[name])
    company.save()
    event_record(
        company=company,
        actor=actor,
        kind=events.DETAILS,
        subject=company,
        summary="Company details changed",
        detail="\n".join(changes),
    )
    hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
    return company
