"""The audit tool's versions (MAN-1, AUD-4): staff copy the version in effect into a draft, edit its sections
and pass marks, and give it the day it takes effect. From that day (or once a manual or audit started on it)
it is read-only: manuals sent and audits booked before it keep the version they started with."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from audits.tool import rules, selectors
from audits.tool.inputs import SectionEdit
from audits.tool.models import AuditSection, AuditToolVersion
from secor import hooks
from secor.core.models import User
from secor.dates import long_date


def _refuse_if_in_effect(version: AuditToolVersion, today: date) -> None:
    if not rules.tool_version_editable(effective_from=version.effective_from, used=version.used, today=today):
        raise ValidationError(
            f"{version} has taken effect: it is read-only, as the manuals and audits started on it are. "
            "Copy it into a new version to change its sections or pass marks."
        )


@transaction.atomic
def audit_tool_version_copy(*, source: AuditToolVersion, actor: User, name: str) -> AuditToolVersion:
    """A draft with `source`'s sections (number, name, available points, supplemental) and pass marks."""
    if AuditToolVersion.objects.filter(name=name).exists():
        raise ValidationError({"name": f"A version is already named “{name}”; choose another name."})
    draft = AuditToolVersion(
        name=name, overall_pass_percent=source.overall_pass_percent, section_pass_percent=source.section_pass_percent
    )
    draft._history_user = actor  # the history names who made it, whether or not a request did
    draft.save()
    sections = [
        AuditSection(
            version=draft,
            number=section.number,
            name=section.name,
            supplemental=section.supplemental,
            available_points=section.available_points,
        )
        for section in selectors.sections_of(source)
    ]
    bulk_create_with_history(sections, AuditSection, default_user=actor)
    hooks.changed(hooks.Topic.AUDITS)
    return draft


@transaction.atomic
def audit_tool_version_update(
    *,
    version: AuditToolVersion,
    actor: User,
    name: str,
    effective_from: date | None,
    overall_pass_percent: int,
    section_pass_percent: int,
    sections: list[SectionEdit],
) -> AuditToolVersion:
    """MAN-1, AUD-4: change a version that has not taken effect; refused once it has, and a day to take effect
    is refused for a version without sections or on a day already begun."""
    today = timezone.localdate()
    version = selectors.audit_tool_version_get(pk=version.pk, today=today, lock=True)
    _refuse_if_in_effect(version, today)
    if any(edit.section.version_id != version.pk for edit in sections):
        raise ValidationError("Edit the sections of this version only.")
    count = version.sections.count()
    if problems := rules.tool_effective_date_problems(effective_from=effective_from, sections=count, today=today):
        raise ValidationError({"effective_from": problems})
    clash = AuditToolVersion.objects.filter(effective_from=effective_from).exclude(pk=version.pk).first()
    if effective_from is not None and clash is not None:
        raise ValidationError(
            {"effective_from": f"{clash} takes effect on {long_date(effective_from)}; choose another day."}
        )
    if AuditToolVersion.objects.filter(name=name).exclude(pk=version.pk).exists():
        raise ValidationError({"name": f"A version is already named “{name}”; choose another name."})
    version.name, version.effective_from = name, effective_from
    version.overall_pass_percent, version.section_pass_percent = overall_pass_percent, section_pass_percent
    version.full_clean()
    version._history_user = actor  # the history names who changed it, whether or not a request did
    version.save()
    for edit in sections:
        edit.section.name, edit.section.available_points = edit.name.strip(), edit.available_points
        edit.section.full_clean(exclude=["version"])
        edit.section._history_user = actor
        edit.section.save(update_fields=["name", "available_points"])
    hooks.changed(hooks.Topic.AUDITS)
    return version
