"""Annual maintenance (MNT-1): the year's package sent by the company before its anniversary, given to a
reviewer, and accepted or returned for corrections through the review block (every version kept)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audits import events
from audits.maintenance import notices, rules
from audits.maintenance.access import PACKAGES
from audits.maintenance.models import Anniversary, MaintenancePackage
from audits.maintenance.selectors import (
    MaintenanceYear,
    cycle_of,
    internal_auditor_problem,
    package_slots,
    slot_key,
)
from audits.reviewing.services import review_give
from companies.access import Action
from companies.models import Company, Employee
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.dates import long_date, outside_dates_problem
from secor.documents.services import document_upload
from secor.reviews.models import Review, ReviewVersion, VersionFile
from secor.reviews.services import (
    review_accept,
    review_open,
    review_resubmit,
    review_return,
    version_files_carry_over,
)
from secor.rule_ids import refusal
from training.selectors import person_training


def _year_to_send(company: Company, today: date) -> MaintenanceYear:
    """The year whose package may be sent today, or why none may be, with what to do instead."""
    cycle = cycle_of(company=company, today=today)
    if cycle is None:
        raise ValidationError("The maintenance package keeps a SECOR certificate valid: the company has none yet.")
    if cycle.status == "ended":
        left = company.status_on(today).left_program_words
        raise ValidationError(
            f"Certificate {cycle.certificate.number} ended on {long_date(cycle.certificate.ended_on(today))}: the "
            f"company left the SECOR program ({left}); no maintenance package is due."
        )
    if cycle.status == "expired":
        raise ValidationError(
            f"Certificate {cycle.certificate.number} expired on {long_date(cycle.certificate.expires_on)}: request "
            "the re-certification audit instead."
        )
    if cycle.to_send is not None:
        return cycle.to_send
    if returned := [year for year in cycle.years if year.state == rules.Maintenance.RETURNED]:
        raise ValidationError(
            f"The package for the anniversary of {long_date(returned[0].anniversary.on)} was returned: send its "
            "corrected version."
        )
    if cycle.next_opens_on is not None:
        raise ValidationError(f"The next maintenance package may be sent from {long_date(cycle.next_opens_on)}.")
    raise ValidationError(
        "No maintenance package is due: in the certificate's last year the re-certification audit renews it; "
        f"request it from {long_date(cycle.recertification_opens_on)}."
    )


def _check_internal_audit(*, company: Company, opens_on: date, employee: Employee, day: date, today: date):
    """MNT-1: this year's internal audit, by a person of the company with valid internal auditor status on
    its day (TRN-6)."""
    if problem := outside_dates_problem(day, earliest=opens_on, latest=today):
        raise ValidationError(
            {"internal_audit_on": f"This year's internal audit is done from {long_date(opens_on)} to today. {problem}"}
        )
    if employee.company_id != company.pk:
        raise ValidationError({"internal_auditor": "Choose a person on the company's roster."})
    if problem := internal_auditor_problem(person_training(employee=employee), day=day):
        raise ValidationError({"internal_auditor": refusal(problem)})


def _version_data(employee: Employee, day: date) -> dict:
    """What the version says besides its files (kept with it: a correction may name another auditor)."""
    return {"internal_auditor": str(employee), "internal_audit_on": day.isoformat()}


def _store(package: MaintenancePackage, version: ReviewVersion, uploads: dict, actor: User) -> None:
    for part, position in package_slots():
        upload = uploads.get(slot_key(part, position))
        if upload:
            document = document_upload(
                company=package.company,
                kind="maintenance",
                name=f"maintenance-{package.anniversary.on:%Y}-{part.replace('_', '-')}-{position}-v{version.number}",
                upload=upload,
                actor=actor,
            )
            VersionFile.objects.create(version=version, part=part, position=position, document=document)


def _keep_owed_by(anniversary: Anniversary, owed_by: date | None) -> None:
    """MNT-1: what the year's package is now owed by, kept on its anniversary with the step that changed it."""
    anniversary.owed_by = owed_by
    Anniversary.objects.filter(pk=anniversary.pk).update(owed_by=owed_by)


def _on_timeline(package: MaintenancePackage, actor: User, summary: str, *, detail: str = "") -> None:
    events.audit_event(company=package.company, actor=actor, subject=package, summary=summary, detail=detail)


@transaction.atomic
def maintenance_submit(
    *, company: Company, actor: User, internal_auditor: Employee, internal_audit_on: date, uploads: dict
) -> MaintenancePackage:
    """MNT-1: the year's package: the completed audit tool, 2 Safe Work Practices and 2 Safe Job Procedures
    (`uploads` by slot_key, each checked by a DocumentField), for the earliest anniversary still owed."""
    company = Company.objects.select_for_update().get(pk=company.pk)  # two packages sent at once: one
    today = timezone.localdate()
    if (status := company.status_on(today)).status != Company.Status.REGISTERED:
        raise ValidationError(f"{company} is “{status.label}”: it has no certificate to maintain.")
    year = _year_to_send(company, today)
    _check_internal_audit(
        company=company, opens_on=year.opens_on, employee=internal_auditor, day=internal_audit_on, today=today
    )
    if missing := [slot_key(*slot) for slot in package_slots() if not uploads.get(slot_key(*slot))]:
        raise ValidationError({key: "Add this document." for key in missing})
    review = review_open(
        company=company,
        kind=MaintenancePackage.REVIEW_KIND,
        actor=actor,
        data=_version_data(internal_auditor, internal_audit_on),
    )
    try:
        with transaction.atomic():
            package = MaintenancePackage.objects.create(
                anniversary=year.anniversary,
                company=company,
                review=review,
                internal_auditor=internal_auditor,
                internal_audit_on=internal_audit_on,
            )
    except IntegrityError as clash:
        raise ValidationError("This year's package was sent a moment ago.") from clash
    _store(package, review.latest_version, uploads, actor)
    _keep_owed_by(
        year.anniversary, rules.maintenance_owed_by_after_sending(owed_by=year.anniversary.owed_by, sent_on=today)
    )
    _on_timeline(package, actor, f"Maintenance package sent for the anniversary of {long_date(year.anniversary.on)}")
    notices.maintenance_to_review_send(package=package, version=review.latest_version)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[company.pk])
    return package


def _locked(package: MaintenancePackage) -> MaintenancePackage:
    return (
        MaintenancePackage.objects.select_for_update(of=("self",))
        .select_related("company", "anniversary__certificate", "review__latest_version")
        .get(pk=package.pk)
    )


@transaction.atomic
def maintenance_resubmit(
    *, package: MaintenancePackage, actor: User, internal_auditor: Employee, internal_audit_on: date, uploads: dict
) -> MaintenancePackage:
    """MNT-1: the corrected version of a returned package. A document not sent again is kept from the
    previous version, so every version is whole."""
    package = _locked(package)
    if package.review.state != Review.State.RETURNED:
        raise ValidationError("Only a package returned for corrections can be sent again.")
    today = timezone.localdate()
    anniversary = package.anniversary
    _check_internal_audit(
        company=package.company,
        opens_on=rules.year_starts_on(issued_on=anniversary.certificate.issued_on, number=anniversary.number),
        employee=internal_auditor,
        day=internal_audit_on,
        today=today,
    )
    previous = package.review.latest_version
    review = review_resubmit(
        review=package.review, actor=actor, data=_version_data(internal_auditor, internal_audit_on)
    )
    version = review.latest_version
    _store(package, version, uploads, actor)
    version_files_carry_over(
        files=previous.files.all(),
        version=version,
        replaced={key for key, upload in uploads.items() if upload},
        covers=lambda file: {slot_key(file.part, file.position)},
    )
    package.internal_auditor, package.internal_audit_on = internal_auditor, internal_audit_on
    package.save()
    _keep_owed_by(anniversary, rules.maintenance_owed_by_after_sending(owed_by=anniversary.owed_by, sent_on=today))
    _on_timeline(package, actor, f"Corrected maintenance package sent (version {version.number})")
    notices.maintenance_to_review_send(package=package, version=version)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[package.company_id])
    return package


@transaction.atomic
def maintenance_assign(*, package: MaintenancePackage, reviewer: User, actor: User) -> MaintenancePackage:
    """Staff give the review to a program auditor, who then sees the company, or take it themselves."""
    package = _locked(package)
    review_give(
        item=package,
        reviewer=reviewer,
        actor=actor,
        what="package",
        title="Maintenance package review",
        on_timeline=lambda summary: _on_timeline(package, actor, summary),
        tell=lambda: notices.maintenance_to_review_send(package=package, version=package.review.latest_version),
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[package.company_id])
    return package


@transaction.atomic
def maintenance_decide(
    *, package: MaintenancePackage, actor: User, accept: bool, comments: str = ""
) -> MaintenancePackage:
    """MNT-1: accepted, or returned with what to correct (the company corrects and sends it again)."""
    package = _locked(package)
    if not PACKAGES.user_can(actor, Action.ACT, package):
        raise ValidationError("This review is given to another reviewer; staff may give it to you.")
    decide = review_accept if accept else review_return
    review = decide(review=package.review, actor=actor, comments=comments)
    if accept:
        Anniversary.objects.filter(pk=package.anniversary_id).update(maintained_on=review.accepted_on)
    else:
        owed_by = rules.maintenance_owed_by_after_return(
            owed_by=package.anniversary.owed_by,
            returned_on=timezone.localdate(),
            correction_days=ProgramSettings.current().maintenance_correction_days,
        )
        _keep_owed_by(package.anniversary, owed_by)
    outcome = "accepted" if accept else "returned for corrections"
    _on_timeline(
        package,
        actor,
        f"Maintenance package for the anniversary of {long_date(package.anniversary.on)} "
        f"(version {review.latest_version.number}) {outcome}",
        detail=comments.strip(),
    )
    notices.maintenance_reviewed_send(package=package, version=review.latest_version)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[package.company_id])
    return package
