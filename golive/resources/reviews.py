"""SCSA's accepted reviews: each company's manual approved on a day (MAN-2), matched by the company, and each person's
accepted self-audit or LSE proficiency (TRN-5, TRN-7) with the certificate SCSA granted, matched by that certificate's
number. Imported history is history: the reviews are accepted, dated as SCSA's records say."""

from datetime import date

from django.db.models import Max

from audits.manual.models import ManualSubmission
from audits.tool.models import AuditToolVersion
from audits.tool.selectors import audit_tool_on
from golive.resources.base import Column, ProgramResource, in_the_past, refuse
from golive.resources.people import company_column, row_company
from golive.resources.training import row_roster_person
from golive.resources.widgets import ChoiceWidget, DayWidget, TextWidget, text_of
from secor import hooks
from secor.dates import long_date
from secor.reviews.models import Review
from secor.reviews.services import review_accept, review_open
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.person import PersonTraining
from training.rules import CourseCode
from training.selectors import person_training

Kind = ProficiencySubmission.Kind


def accepted_review(resource: ProgramResource, *, company, kind: str, submitted_on: date, accepted_on: date, data=None):
    """A review opened and accepted at once, dated as SCSA's records say."""
    review = review_open(company=company, kind=kind, actor=resource.actor, data=data)
    review = review_accept(review=review, actor=resource.actor, comments=f"Imported from {resource.filename}.")
    redate(review, submitted_on=submitted_on, accepted_on=accepted_on)
    return review


def redate(review, *, submitted_on: date, accepted_on: date) -> None:
    """A review's days as SCSA's records say (its history kept as it was: the dates are the records', not SECOR's)."""
    Review.objects.filter(pk=review.pk).update(first_submitted_on=submitted_on, accepted_on=accepted_on)


class ManualReviewResource(ProgramResource):
    """A company's manual approved (MAN-2), against the audit-tool version in effect on that day (MAN-1)."""

    topics = (hooks.Topic.AUDITS,)
    fields_set_by = {"import_wcb": ("company",), "import_approved_on": ("tool",)}
    set_on_save = ("review",)

    import_wcb = company_column()
    import_submitted_on = Column(
        "Submitted on", "import_submitted_on", DayWidget(), meaning="YYYY-MM-DD, when SCSA received it; else empty."
    )
    import_approved_on = Column(
        "Approved on", "import_approved_on", DayWidget(), required=True, meaning="YYYY-MM-DD: the manual's approval."
    )

    class Meta(ProgramResource.Meta):
        model = ManualSubmission
        import_id_fields = ["import_wcb"]
        fields = ["import_wcb", "import_submitted_on", "import_approved_on"]

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get("WCB account number"))
        if company is None:
            return None
        manuals = ManualSubmission.objects.select_related("review").filter(
            company=company, review__state=Review.State.ACCEPTED
        )
        return manuals.order_by("-pk").first()

    def check_row(self, instance, row, errors):
        row_company(self, instance, errors)
        approved_on = getattr(instance, "import_approved_on", None)
        submitted_on = getattr(instance, "import_submitted_on", None)
        in_the_past(errors, "import_approved_on", approved_on, "A review is recorded once it is decided.")
        if approved_on and submitted_on and submitted_on > approved_on:
            refuse(errors, "import_submitted_on", "A manual is approved after it is submitted.", "MAN-2")
        if approved_on:
            try:
                instance.tool = audit_tool_on(approved_on)
            except AuditToolVersion.DoesNotExist:
                refuse(
                    errors,
                    "import_approved_on",
                    "No version of the audit tool was in effect on this day: staff add the version SCSA used "
                    "(its sections) first.",
                    "MAN-1",
                )

    def filter_export(self, queryset, **kwargs):
        """Each company's manual approved last: the one a row matches."""
        last = queryset.filter(review__state=Review.State.ACCEPTED).values("company").annotate(last=Max("pk"))
        manuals = queryset.filter(pk__in=last.values("last")).select_related("company", "review")
        return manuals.order_by("company__wcb_account_number")

    def dehydrate_import_submitted_on(self, manual) -> date:
        return manual.review.first_submitted_on

    def dehydrate_import_approved_on(self, manual) -> date:
        return manual.review.accepted_on

    def dates_of(self, instance) -> tuple:
        if hasattr(instance, "import_approved_on"):
            return instance.import_submitted_on or instance.import_approved_on, instance.import_approved_on
        return instance.review.first_submitted_on, instance.review.accepted_on

    def compared(self, instance) -> tuple:
        return (instance.company_id, *self.dates_of(instance))

    def before_save_instance(self, instance, row, **kwargs):
        submitted_on, approved_on = self.dates_of(instance)
        if instance.pk is None:
            instance.review = accepted_review(
                self,
                company=instance.company,
                kind=ManualSubmission.REVIEW_KIND,
                submitted_on=submitted_on,
                accepted_on=approved_on,
            )
        else:
            redate(instance.review, submitted_on=submitted_on, accepted_on=approved_on)


# What an accepted proficiency grants (TRN-5, TRN-7), and the rule its 8 months are.
GRANTED = {
    Kind.SELF_AUDIT: (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, "TRN-5"),
    Kind.LSE_PROFICIENCY: (CourseCode.LSE_PROFICIENCY, "TRN-7"),
}


class ProficiencyResource(ProgramResource):
    """A person's accepted self-audit or LSE proficiency and the certificate it granted, checked against the
    training it follows (imported first) as SCSA's review checks it."""

    topics = (hooks.Topic.TRAINING,)
    fields_set_by = {"import_wcb": ("company", "employee"), "import_first": ("employee",)}
    set_on_save = ("review",)

    import_wcb = company_column()
    import_first = Column("First name", "import_first", TextWidget(), required=True, meaning="As on the roster.")
    import_last = Column("Last name", "import_last", TextWidget(), required=True, meaning="As on the roster.")
    kind = Column(
        "Kind",
        "kind",
        ChoiceWidget([(Kind.SELF_AUDIT, "Self-audit"), (Kind.LSE_PROFICIENCY, "LSE proficiency")]),
        required=True,
        meaning="Self-audit (for the Internal Auditor Certification) or LSE proficiency.",
    )
    import_submitted_on = Column(
        "Submitted on", "import_submitted_on", DayWidget(), required=True, meaning="YYYY-MM-DD, when SCSA received it."
    )
    import_accepted_on = Column(
        "Accepted on", "import_accepted_on", DayWidget(), required=True, meaning="YYYY-MM-DD: SCSA's acceptance."
    )
    import_certificate = Column(
        "Certificate number",
        "import_certificate",
        TextWidget(),
        required=True,
        meaning="The Internal Auditor Certification's or LSE proficiency's number; what a corrected file matches by.",
    )

    class Meta(ProgramResource.Meta):
        model = ProficiencySubmission
        import_id_fields = ["import_certificate"]
        fields = [
            "import_wcb",
            "import_first",
            "import_last",
            "kind",
            "import_submitted_on",
            "import_accepted_on",
            "import_certificate",
        ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._granted = {course.code: course for course in Course.objects.filter(code__in=CourseCode.FROM_SUBMISSION)}

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get("WCB account number"))
        number = text_of(row.get("Certificate number"))
        if company is None or not number:
            return None
        granted = TrainingRecord.objects.filter(
            company=company, certificate_number__iexact=number, source_submission__isnull=False
        ).select_related("source_submission__review")
        record = granted.first()
        return record.source_submission if record else None

    def check_row(self, instance, row, errors):
        company, person = row_roster_person(self, instance, row, errors)
        if company is None or person is None:
            return
        instance.employee = person
        submitted_on = getattr(instance, "import_submitted_on", None)
        accepted_on = getattr(instance, "import_accepted_on", None)
        in_the_past(errors, "import_accepted_on", accepted_on, "A review is recorded once it is decided.")
        if submitted_on and accepted_on and submitted_on > accepted_on:
            refuse(errors, "import_accepted_on", "A submission is accepted after it is submitted.")
        if instance.kind in GRANTED and submitted_on and accepted_on:
            self.check_training(person_training(employee=person), instance, errors)

    def check_training(self, person: PersonTraining, instance, errors) -> None:
        """TRN-5, TRN-7: it follows a verified training (imported first) and was accepted within its 8 months."""
        rule = GRANTED[instance.kind][1]
        training = person.training_for(instance.kind)
        if training is None or training.completed_on > instance.import_submitted_on:
            refuse(
                errors,
                "kind",
                f"{instance.employee} has no verified training this follows, completed before it was submitted: "
                "import the training records first.",
                rule,
            )
            return
        deadline = person.deadline(training)
        if instance.import_accepted_on > deadline:
            refuse(
                errors,
                "import_accepted_on",
                f"The 8-month deadline of the {training.course.name} of {long_date(training.completed_on)} was "
                f"{long_date(deadline)}: accepted later, it does not count.",
                rule,
            )

    def filter_export(self, queryset, **kwargs):
        accepted = queryset.filter(review__state=Review.State.ACCEPTED, kind__in=GRANTED, record__isnull=False)
        return accepted.select_related("company", "employee", "review", "record").order_by(
            "company__wcb_account_number", "employee__last_name", "employee__first_name", "kind", "pk"
        )

    def dehydrate_import_submitted_on(self, submission) -> date:
        return submission.review.first_submitted_on

    def dehydrate_import_accepted_on(self, submission) -> date:
        return submission.review.accepted_on

    def dehydrate_import_certificate(self, submission) -> str:
        return submission.record.certificate_number

    def dates_of(self, instance) -> tuple:
        if hasattr(instance, "import_accepted_on"):
            return instance.import_submitted_on, instance.import_accepted_on, instance.import_certificate
        granted = TrainingRecord.objects.filter(source_submission=instance).first()
        return instance.review.first_submitted_on, instance.review.accepted_on, granted.certificate_number

    def compared(self, instance) -> tuple:
        return (instance.employee_id, instance.kind, *self.dates_of(instance))

    def before_save_instance(self, instance, row, **kwargs):
        submitted_on, accepted_on, _ = self.dates_of(instance)
        if instance.pk is None:
            instance.review = accepted_review(
                self, company=instance.company, kind=instance.kind, submitted_on=submitted_on, accepted_on=accepted_on
            )
        else:
            redate(instance.review, submitted_on=submitted_on, accepted_on=accepted_on)

    def after_save_instance(self, instance, row, **kwargs):
        """The certificate SCSA granted on accepting it, verified, dated as its acceptance."""
        self.record_granted(instance)  # a check saves it too, and rolls it back with the rest
        if instance.employee.email:
            self.imported_emails.add(instance.employee.email)
        super().after_save_instance(instance, row, **kwargs)

    def record_granted(self, submission: ProficiencySubmission) -> None:
        _, accepted_on, number = self.dates_of(submission)
        course = self._granted[GRANTED[submission.kind][0]]
        granted = TrainingRecord.objects.filter(source_submission=submission).first()
        if granted is None:
            data = {"completed_on": accepted_on.isoformat(), "certificate_number": number}
            review = accepted_review(
                self,
                company=submission.company,
                kind=TrainingRecord.REVIEW_KIND,
                submitted_on=accepted_on,
                accepted_on=accepted_on,
                data={**data, "submission": submission.pk},
            )
            TrainingRecord.objects.create(
                company=submission.company,
                employee=submission.employee,
                course=course,
                completed_on=accepted_on,
                certificate_number=number,
                source_submission=submission,
                review=review,
            )
        else:
            TrainingRecord.objects.filter(pk=granted.pk).update(
                employee=submission.employee, course=course, completed_on=accepted_on, certificate_number=number
            )
