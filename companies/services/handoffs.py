"""ELIG-3, ELIG-4: a company that no longer qualifies tells SCSA when it expects to register for COR. Staff then
record the transfer with the status change (companies/services/status.py), which ends its certificate (CERT-2)."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from companies import events, rules, selectors
from companies.models import Company, CorHandoff
from secor import hooks
from secor.core.models import User
from secor.dates import long_date, outside_dates_problem
from secor.timeline.services import event_record


@transaction.atomic
def cor_handoff_tell(*, company: Company, actor: User, expected_on: date, note: str = "") -> CorHandoff:
    """Record (or replace) when the company expects to register for COR, on its timeline."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    today = timezone.localdate()
    headcount = selectors.company_headcount(company=company, today=today)
    if not company.qualification_problems(headcount=headcount, today=today):
        raise ValidationError(
            f"The company qualifies for SECOR ({rules.MAX_SECOR_WORKERS} or fewer Saskatchewan workers): there is no "
            "transfer to COR to arrange. If your workforce is about to grow, update the roster first."
        )
    latest = today + relativedelta(years=rules.COR_EXPECTED_AHEAD_YEARS)
    if problem := outside_dates_problem(expected_on, earliest=today, latest=latest):
        raise ValidationError({"expected_on": problem})
    handoff, _ = CorHandoff.objects.update_or_create(
        company=company, defaults={"expected_on": expected_on, "note": note.strip(), "told_on": today, "told_by": actor}
    )
    event_record(
        company=company,
        actor=actor,
        kind=events.COR_HANDOFF,
        subject=handoff,
        summary=f"Told SCSA it expects to register for COR on {long_date(expected_on)}",
        detail=handoff.note,
        data={"expected_on": expected_on.isoformat()},
    )
    hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])
    return handoff
