"""Staff's writes of notice texts: a new version each save; going back saves an older version again."""

from django.core.exceptions import ValidationError
from django.db.models import Max

from secor.notices.editable import editable_of, text_problem
from secor.notices.models import NoticeText


def notice_text_save(*, kind: str, subject: str, body: str, actor, copied_from: int | None = None) -> NoticeText:
    """Save the kind's text as its newest version, refused (with the line at fault) when it cannot be sent.
    One insert: two staff saving at once collide on the version's unique constraint, and one is told to retry."""
    editable = editable_of(kind)
    problems = {
        field: problem
        for field, source in (("subject", subject), ("body", body))
        if (problem := text_problem(source, editable.placeholders))
    }
    if problems:
        raise ValidationError(problems)
    last = NoticeText.objects.filter(kind=kind).aggregate(last=Max("version"))["last"] or 0
    return NoticeText.objects.create(
        kind=kind, version=last + 1, subject=subject, body=body, saved_by=actor, copied_from=copied_from
    )


def notice_text_restore(*, kind: str, version: int, actor) -> NoticeText:
    """Go back to an older version: saved again as the newest, so the history shows the return."""
    older = NoticeText.objects.get(kind=kind, version=version)
    return notice_text_save(kind=kind, subject=older.subject, body=older.body, actor=actor, copied_from=version)
