"""Switching a kind of deadline notice on (or off again) once a go-live date is set."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secor import hooks
from secor.notices.golive import deadline_kinds
from secor.notices.models import DeadlineNoticeSwitch


@transaction.atomic
def deadline_notices_switch(*, kind: str, on: bool, actor) -> DeadlineNoticeSwitch:
    """From the next sweep on, claim (or stop claiming) the notices of `kind`. What it claims that fell due before the
    go-live date is recorded and never sent."""
    if kind not in {declared.key for declared in deadline_kinds()}:
        raise ValidationError({"kind": "Choose one of the kinds of deadline notice listed."})
    switch, _ = DeadlineNoticeSwitch.objects.update_or_create(
        kind=kind, defaults={"on": on, "changed_by": actor, "changed_at": timezone.now()}
    )
    # A program decision the sweep's finders follow: the next sweep searches again even if it ran today.
    hooks.changed(hooks.Topic.PROGRAM_SETTINGS)
    return switch
