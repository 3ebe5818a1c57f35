from django import forms

from secor.core.models import ProgramSettings
from secor.reviews.forms import DecisionForm, Words
from secor.uploads import DocumentField
from secor.widgets import DateInput
from training import selectors
from training.chart import designee_problem
from training.models import ProficiencySubmission
from training.rules import TRAINED_EMPLOYEE_POSITIONS, CourseCode

ESC_EXPIRY_HELP = "For an Energy Safety Canada certificate: the expiry date printed on it, if it has one."


class _CompanyEmployeeForm(forms.Form):
    """A form whose `employee` choice is limited to the company's roster."""

    employee = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = company.employees.order_by("last_name", "first_name")


class RecordForm(_CompanyEmployeeForm):
    course = forms.ModelChoiceField(queryset=None)
    completed_on = forms.DateField(label="Date completed", widget=DateInput())
    certificate_number = forms.CharField(label="Certificate number", max_length=60, required=False)
    expires_on = forms.DateField(label="Expires on", required=False, widget=DateInput(), help_text=ESC_EXPIRY_HELP)
    certificate_file = DocumentField(label="Certificate")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.recordable_courses()


class RecordCorrectionForm(forms.Form):
    completed_on = forms.DateField(label="Date completed", widget=DateInput())
    certificate_number = forms.CharField(label="Certificate number", max_length=60, required=False)
    expires_on = forms.DateField(label="Expires on", required=False, widget=DateInput(), help_text=ESC_EXPIRY_HELP)
    certificate_file = DocumentField(label="New certificate file", required=False)


QUALIFYING_PEOPLE = (
    "Listed: the people on the roster today who can be a trained employee (full-time, permanent, working in "
    "Saskatchewan) and have an email address."
)
NOBODY_QUALIFIES = (
    "Nobody on the roster can be a trained employee yet: add a full-time permanent Saskatchewan employee, with "
    "an email address, to the roster first."
)


class DesignationForm(_CompanyEmployeeForm):
    position = forms.TypedChoiceField(
        coerce=int, choices=[(n, f"Trained employee #{n}") for n in TRAINED_EMPLOYEE_POSITIONS]
    )
    courses = forms.ModelMultipleChoiceField(
        queryset=None,
        label="For the required courses",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one required course."},
    )

    def __init__(self, *args, chart=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = selectors.chart_courses()
        # Usually one person is the trained employee for every course, so all are ticked to start with.
        designated = [row.course for row in chart.rows if row.course.code in CourseCode.DESIGNATED] if chart else []
        self.fields["courses"].initial = designated or list(self.fields["courses"].queryset)
        if chart is not None:
            # The chart has the roster and the courses loaded: the choices come from it, not two more
            # queries (the querysets still check what is posted).
            self.fields["courses"].choices = [(course.pk, course.name) for course in designated]
            # Only the people who can be the trained employee are offered (TRN-1, and the email TRN-2 recognises a
            # person by); the service still refuses anyone else posted, with the reason.
            owners_qualify = ProgramSettings.current().owners_may_be_trained_employees
            people = sorted(
                (
                    person.employee
                    for person in chart.people.values()
                    if person.employee.email
                    and designee_problem(person.employee, today=chart.today, owners_qualify=owners_qualify) is None
                ),
                key=lambda employee: (employee.last_name, employee.first_name),
            )
            self.fields["employee"].choices = [("", "---------"), *((person.pk, str(person)) for person in people)]
            self.fields["employee"].help_text = QUALIFYING_PEOPLE if people else NOBODY_QUALIFIES


class SubmissionForm(_CompanyEmployeeForm):
    kind = forms.ChoiceField(
        label="Submission",
        choices=[("", "Choose what you are sending…"), *ProficiencySubmission.Kind.choices],
        error_messages={
            "required": "Choose what you are sending: a self-audit, a maintenance audit or an LSE proficiency."
        },
    )
    file = DocumentField(label="File")


class ResubmissionForm(forms.Form):
    file = DocumentField(label="Corrected file")


# A course record is verified by its button (`verify`), or returned with the `reason` typed beside the other.
RECORD_DECISION = Words(
    field="verify",
    accept=("1", "Verify"),
    give_back=None,
    comments="reason",
    comments_rows=2,
    comments_required="Tell the company what is wrong and what to send instead.",
)


class SubmissionReviewForm(DecisionForm):
    """A submission accepted (`decision=accept`, with the certificate number issued) or returned. `certificate`:
    the certificate accepting it records (a self-audit's Internal Auditor Certificate, an LSE proficiency's), whose
    number the reviewer must give to accept it; empty for a maintenance audit, which records none."""

    def __init__(self, *args, certificate: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.certificate = certificate
        self.fields["certificate_number"] = forms.CharField(
            max_length=60,
            required=False,
            help_text="For a self-audit or LSE proficiency: the certificate number issued.",
        )
        self.order_fields(["decision", "certificate_number", "comments"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accepted") and self.certificate and not cleaned.get("certificate_number", "").strip():
            self.add_error(
                "certificate_number", f"Enter the number of the {self.certificate} that accepting it records."
            )
        return cleaned


class ExtensionForm(forms.Form):
    extended_to = forms.DateField(label="New deadline", widget=DateInput())
    reason = forms.CharField(
        max_length=500,
        error_messages={"required": "Say why the deadline is extended (for example: SCSA's review was late)."},
    )
