"""The health & safety manual: submitted by section, given to a reviewer, approved or returned by section
(MAN-1, MAN-2). The review block keeps every version and comment; this checks what is the manual's own."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import events
from audits.manual import notices, rules, selectors
from audits.manual.access import MANUALS
from audits.manual.inputs import ManualPart
from audits.manual.models import ManualSubmission
from audits.reviewing.services import review_give
from audits.tool.models import AuditSection
from audits.tool.selectors import audit_tool_on, sections_of
from companies.access import Action
from companies.models import Company
from secor import hooks
from secor.core.models import User
from secor.dates import long_date
from secor.documents.services import document_upload
from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import Review, ReviewVersion, SectionComment, VersionFile
from secor.reviews.services import (
    review_accept,
    review_open,
    review_resubmit,
    review_return,
    version_files_carry_over,
)
from secor.timeline.services import event_record


def _section_list(sections) -> str:
    return ", ".join(str(section) for section in sorted(sections, key=lambda section: section.number))


def _check_parts(parts: list[ManualPart], *, tool, must_cover: list[AuditSection]) -> None:
    if not parts:
        raise ValidationError({"files": "Add the file (or files) of the manual, and tick the sections each covers."})
    if sum(part.upload.size for part in parts) > rules.MANUAL_MAX_MEGABYTES * 1024 * 1024:
        raise ValidationError(
            {"files": f"The files add up to more than {rules.MANUAL_MAX_MEGABYTES} MB; send smaller copies."}
        )
    if any(section.version_id != tool.pk for part in parts for section in part.sections):
        raise ValidationError({"files": "Tick sections of the audit tool this manual is reviewed against."})
    covered = {section.pk for part in parts for section in part.sections}
    if missing := [section for section in must_cover if section.pk not in covered]:
        raise ValidationError({"files": f"No file covers: {_section_list(missing)}. Tick the file that covers each."})


def _store_parts(*, manual: ManualSubmission, version: ReviewVersion, parts: list[ManualPart], actor) -> None:
    for part in parts:
        document = document_upload(
            company=manual.company, kind="manual", name=f"manual-v{version.number}", upload=part.upload, actor=actor
        )
        VersionFile.objects.create(version=version, document=document).sections.set(part.sections)


def _on_timeline(manual: ManualSubmission, actor: User, summary: str, *, detail: str = "") -> None:
    event_record(
        company=manual.company, actor=actor, kind=events.MANUAL, subject=manual, summary=summary, detail=detail
    )


def _refuse_if_not_registered(company: Company) -> None:
    if problem := selectors.manual_not_sendable(company=company, today=timezone.localdate()):
        raise ValidationError(problem)


def _why_not_again(review: Review) -> str:
    if review.state == Review.State.SUBMITTED:
        return "The manual is already under review; you will be told the outcome."
    if review.state == Review.State.RETURNED:
        return "The manual was returned for corrections: send the corrected version."
    return f"The manual was approved on {long_date(review.accepted_on)}."


@transaction.atomic
def manual_submit(*, company: Company, actor: User, parts: list[ManualPart]) -> ManualSubmission:
    """MAN-2: the first version of the manual, covering every section of the tool in effect today (MAN-1)."""
    company = Company.objects.select_for_update().get(pk=company.pk)  # two first submissions at once: one
    _refuse_if_not_registered(company)
    latest = company.manual_submissions.select_related("review").order_by("-pk").first()
    if latest is not None:
        raise ValidationError(_why_not_again(latest.review))
    tool = audit_tool_on(timezone.localdate())
    _check_parts(parts, tool=tool, must_cover=sections_of(tool))
    review = review_open(company=company, kind=ManualSubmission.REVIEW_KIND, actor=actor)
    manual = ManualSubmission.objects.create(company=company, review=review, tool=tool)
    _store_parts(manual=manual, version=review.latest_version, parts=parts, actor=actor)
    _on_timeline(
        manual, actor, f"Health & safety manual submitted for review ({len(parts)} file{'s' if len(parts) > 1 else ''})"
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[company.pk])
    return manual


def _locked(manual: ManualSubmission) -> ManualSubmission:
    return ManualSubmission.objects.select_for_update(of=("self",)).select_related("company", "tool").get(pk=manual.pk)


@transaction.atomic
def manual_resubmit(*, manual: ManualSubmission, actor: User, parts: list[ManualPart]) -> ManualSubmission:
    """MAN-2: the corrected version. It needs files for the sections returned; the files of the previous
    version are kept in it for the sections no new file covers, so every version covers the whole tool."""
    manual = _locked(manual)
    _refuse_if_not_registered(manual.company)
    previous = manual.review.latest_version
    if manual.review.state != Review.State.RETURNED:
        raise ValidationError("Only a manual returned for corrections can be sent again.")
    sections = sections_of(manual.tool)
    returned = set(selectors.sections_to_correct(previous))
    _check_parts(parts, tool=manual.tool, must_cover=[s for s in sections if str(s) in returned])
    review = review_resubmit(review=manual.review, actor=actor)
    version = review.latest_version
    _store_parts(manual=manual, version=version, parts=parts, actor=actor)
    carried = version_files_carry_over(
        files=previous.files.prefetch_related("sections"),
        version=version,
        replaced={section.pk for part in parts for section in part.sections},
        covers=lambda file: {section.pk for section in file.sections.all()},
    )
    for file, unchanged in carried.items():
        file.sections.set(unchanged)  # an earlier file stands only for the sections no new file covers
    _on_timeline(manual, actor, f"Corrected health & safety manual sent (version {version.number})")
    if manual.review.reviewer_id:
        notices.manual_to_review_send(manual=manual, version=version)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[manual.company_id])
    return manual


@transaction.atomic
def manual_assign(*, manual: ManualSubmission, reviewer: User, actor: User) -> ManualSubmission:
    """Staff give the review to a program auditor, who then sees the company, or take it themselves."""
    manual = _locked(manual)
    review_give(
        item=manual,
        reviewer=reviewer,
        actor=actor,
        what="manual",
        title="Manual review",
        on_timeline=lambda summary: _on_timeline(manual, actor, summary),
        tell=lambda: notices.manual_to_review_send(manual=manual, version=manual.review.latest_version),
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[manual.company_id])
    return manual


@transaction.atomic
def manual_decide(
    *, manual: ManualSubmission, actor: User, verdicts: list[SectionVerdict], comments: str = ""
) -> ManualSubmission:
    """MAN-2: a verdict on every section, from which the outcome follows: approved when every section is accepted,
    corrections required when one is not (with what to correct in each returned section)."""
    manual = _locked(manual)
    if not MANUALS.user_can(actor, Action.ACT, manual):
        raise ValidationError("This review is given to another reviewer; staff may give it to you.")
    names = [str(section) for section in sections_of(manual.tool)]
    if missing := [name for name in names if name not in {verdict.section for verdict in verdicts}]:
        raise ValidationError({"sections": f"Give a verdict on every section; missing: {', '.join(missing)}."})
    approve = all(verdict.verdict == SectionComment.Verdict.ACCEPTED for verdict in verdicts)
    decide = review_accept if approve else review_return
    review = decide(review=manual.review, actor=actor, comments=comments, sections=verdicts, field="sections")
    outcome = "approved" if approve else "returned for corrections"
    _on_timeline(
        manual,
        actor,
        f"Health & safety manual (version {review.latest_version.number}) {outcome}",
        detail=comments.strip(),
    )
    notices.manual_reviewed_send(manual=manual, version=review.latest_version)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[manual.company_id])
    return manual
