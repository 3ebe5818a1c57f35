"""SCSA's training records: each person's completed courses, as SCSA verified them (imported history is history: the
records are verified, dated as SCSA's records say). Matched by the person and the certificate number, or, for a
record without one, by the person, the course and the day it was completed."""

from django.utils import timezone

from golive.resources.base import BATCH_ROWS, WCB_COLUMN, Column, ProgramResource, refuse
from golive.resources.people import NO_COMPANY, company_column
from golive.resources.widgets import ChoiceWidget, DayWidget, TextWidget, text_of
from secor import hooks
from secor.dates import outside_dates_problem
from secor.reviews.imported import reviews_accepted_before_secor
from secor.reviews.models import Review
from training.models import Course, TrainedEmployee, TrainingRecord
from training.rules import CourseCode
from training.services.records import trained_employee_problem

NOT_ON_ROSTER = "No one of this name is on the company's roster: import the roster first."


def roster_person(resource: ProgramResource, row) -> tuple:
    """The company a row names by its WCB account number and the person of its roster the row names, or None."""
    company = resource.company_by_wcb(row.get(WCB_COLUMN))
    if company is None:
        return None, None
    return company, resource.roster_person(company, row.get("First name"), row.get("Last name"))


def row_roster_person(resource: ProgramResource, instance, row, errors: dict, *, rule: str = "") -> tuple:
    """`roster_person`, its company set on the row's record; refused when SECOR has no such company (ELIG-6) or its
    roster no such person (`rule`)."""
    company, person = roster_person(resource, row)
    if company is None:
        refuse(errors, "import_wcb", NO_COMPANY, "ELIG-6")
    else:
        instance.company = company
        if person is None:
            refuse(errors, "import_first", NOT_ON_ROSTER, rule)
    return company, person


def matched_by(record: TrainingRecord) -> tuple:
    """What a row matches a training record by: the person and its certificate number (a course's number may be the
    session's, shared by the people who took it together), or, without one, the person, the course and the day."""
    if record.certificate_number:
        return (record.employee_id, record.certificate_number.lower())
    return (record.employee_id, record.course_id, record.completed_on)


class TrainingRecordResource(ProgramResource):
    topics = (hooks.Topic.TRAINING,)
    fields_set_by = {"import_wcb": ("company", "employee"), "import_first": ("employee",), "import_course": ("course",)}
    set_on_save = ("review",)
    reads_roster = True

    import_wcb = company_column()
    import_first = Column("First name", "import_first", TextWidget(), required=True, meaning="As on the roster.")
    import_last = Column("Last name", "import_last", TextWidget(), required=True, meaning="As on the roster.")
    import_course = Column(
        "Course",
        "import_course",
        TextWidget(),
        required=True,
        meaning="The course's name or code as in SECOR's course catalogue, e.g. Safety Management.",
    )
    completed_on = Column("Completed on", "completed_on", DayWidget(), required=True, meaning="YYYY-MM-DD.")
    certificate_number = Column(
        "Certificate number",
        "certificate_number",
        TextWidget(),
        meaning="As on the certificate; what a corrected file matches by.",
    )
    expires_on = Column(
        "Expires on",
        "expires_on",
        DayWidget(),
        meaning="YYYY-MM-DD: only for an Energy Safety Canada certificate accepted for SCOT (TRN-8); else empty.",
    )

    class Meta(ProgramResource.Meta):
        model = TrainingRecord
        use_bulk, batch_size = True, BATCH_ROWS
        import_id_fields = ["import_first", "import_last"]
        fields = [
            "import_wcb",
            "import_first",
            "import_last",
            "import_course",
            "completed_on",
            "certificate_number",
            "expires_on",
        ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._courses = {
            key.lower(): course
            for course in Course.objects.select_related("counts_as")
            for key in (course.code, course.name)
        }

    def read_ahead(self, dataset):
        """The training records of the part's companies too: what its rows match (`matched_by`)."""
        super().read_ahead(dataset)
        self._records: dict[tuple, TrainingRecord] = {}
        companies = [company.pk for company in self._companies.values() if company is not None]
        # Of two records with the same certificate number, the latest completed (as the records are listed).
        for record in TrainingRecord.objects.filter(company_id__in=companies):
            self._records.setdefault(matched_by(record), record)

    def get_instance(self, instance_loader, row):
        company, person = roster_person(self, row)
        course = self._courses.get(text_of(row.get("Course")).lower())
        number = text_of(row.get("Certificate number"))
        if company is None or person is None or course is None:
            return None
        if number:
            return self._records.get((person.pk, number.lower()))
        completed_on = DayWidget().clean(row.get("Completed on")) if row.get("Completed on") else None
        return self._records.get((person.pk, course.pk, completed_on))

    def check_row(self, instance, row, errors):
        company, person = row_roster_person(self, instance, row, errors, rule="TRN-1")
        if company is not None:
            instance.employee = person
        course = self._courses.get(text_of(getattr(instance, "import_course", "")).lower())
        if course is None:
            refuse(errors, "import_course", "No course of this name or code is in SECOR's course catalogue.", "TRN-3")
        else:
            instance.course = course
        if instance.completed_on and (
            problem := outside_dates_problem(instance.completed_on, latest=timezone.localdate())
        ):
            refuse(errors, "completed_on", f"A course is recorded once it is completed. {problem}")
        scot_equivalent = (
            course is not None and course.counts_as is not None and course.counts_as.code == CourseCode.SCOT
        )
        if instance.expires_on and not scot_equivalent:
            refuse(errors, "expires_on", "Only an Energy Safety Canada certificate has an expiry date here.", "TRN-8")
        instance.certificate_number = instance.certificate_number or ""

    def compared(self, instance) -> tuple:
        return (*super().compared(instance), instance.employee_id, instance.course_id)

    def before_create(self, instances):
        """Verified in SCSA's records: each new record's review opened and accepted at once, dated as the course was
        completed."""
        reviews = reviews_accepted_before_secor(
            kind=TrainingRecord.REVIEW_KIND,
            actor=self.actor,
            comments=f"Imported from {self.filename}.",
            submissions=[
                (
                    record.company_id,
                    {"completed_on": record.completed_on.isoformat(), "certificate_number": record.certificate_number},
                    record.completed_on,
                )
                for record in instances
            ],
        )
        for record, review in zip(instances, reviews, strict=True):
            record.review_id = review

    def after_save_instance(self, instance, row, **kwargs):
        self._records[matched_by(instance)] = instance  # the file's next lines matching it
        if instance.employee.email:
            self.imported_emails.add(instance.employee.email)
        super().after_save_instance(instance, row, **kwargs)

    def filter_export(self, queryset, **kwargs):
        """The records SCSA verified (a certificate a proficiency granted is the proficiencies file's)."""
        verified = queryset.filter(review__state=Review.State.ACCEPTED, source_submission__isnull=True)
        return verified.select_related("company", "employee", "course").order_by(
            "company__wcb_account_number", "employee__last_name", "employee__first_name", "completed_on", "pk"
        )


class DesignationResource(ProgramResource):
    """The trained employees #1 and #2 of each required course (TRN-1, TRN-2, TRN-3), matched by the company, the
    course and the place, and checked as the chart's form checks them."""

    topics = (hooks.Topic.TRAINING,)
    fields_set_by = {"import_wcb": ("company", "employee"), "import_first": ("employee",), "import_course": ("course",)}
    reads_roster = True

    import_wcb = company_column()
    import_course = Column(
        "Course",
        "import_course",
        TextWidget(),
        required=True,
        meaning="A required course of the chart, by name or code: "
        + "; ".join(str(code) for code in CourseCode.DESIGNATED)
        + ".",
    )
    position = Column(
        "Place", "position", ChoiceWidget([(1, "1"), (2, "2")]), required=True, meaning="1 or 2 (the chart's #1, #2)."
    )
    import_first = Column("First name", "import_first", TextWidget(), required=True, meaning="As on the roster.")
    import_last = Column("Last name", "import_last", TextWidget(), required=True, meaning="As on the roster.")

    class Meta(ProgramResource.Meta):
        model = TrainedEmployee
        import_id_fields = ["position"]
        fields = ["import_wcb", "import_course", "position", "import_first", "import_last"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        designated = Course.objects.filter(code__in=CourseCode.DESIGNATED)
        self._courses = {key.lower(): course for course in designated for key in (course.code, course.name)}

    def read_ahead(self, dataset):
        """The places of the part's companies too, by company, course and place."""
        super().read_ahead(dataset)
        companies = [company.pk for company in self._companies.values() if company is not None]
        self._places = {
            (place.company_id, place.course_id, place.position): place
            for place in TrainedEmployee.objects.filter(company_id__in=companies)
        }

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get(WCB_COLUMN))
        course = self._courses.get(text_of(row.get("Course")).lower())
        place = text_of(row.get("Place"))
        if company is None or course is None or place not in ("1", "2"):
            return None
        return self._places.get((company.pk, course.pk, int(place)))

    def check_row(self, instance, row, errors):
        company, person = row_roster_person(self, instance, row, errors, rule="TRN-1")
        course = self._courses.get(text_of(getattr(instance, "import_course", "")).lower())
        if course is None:
            refuse(errors, "import_course", "Choose among the required courses of the training chart.", "TRN-3")
        else:
            instance.course = course
        if person is not None:
            instance.employee = person
            if problem := trained_employee_problem(company, person):
                refuse(errors, "import_first", str(problem), getattr(problem, "rule", ""))
        instance.position = int(instance.position or 0)
        instance.designated_by = self.actor

    def compared(self, instance) -> tuple:
        return (*super().compared(instance), instance.employee_id)

    def before_save_instance(self, instance, row, **kwargs):
        instance.designated_at = timezone.now()  # a new person in the place: TRN-2 gives a person to the earliest

    def after_save_instance(self, instance, row, **kwargs):
        self._places[(instance.company_id, instance.course_id, instance.position)] = instance  # the next lines'
        if instance.employee.email:
            self.imported_emails.add(instance.employee.email)
        super().after_save_instance(instance, row, **kwargs)

    def filter_export(self, queryset, **kwargs):
        designations = queryset.select_related("company", "employee", "course")
        return designations.order_by("company__wcb_account_number", "course__code", "position")
