from django import forms
from django.utils import timezone

from companies import rules, selectors
from companies.inputs import COMPANY_DETAIL_FIELDS, EMPLOYEE_FIELDS, STATUS_CHANGES
from companies.models import Company, CorHandoff, Employee
from secor.core.models import User
from secor.validators import single_line
from secor.widgets import DateInput


class CompanyDetailsForm(forms.ModelForm):
    """Company details, for the registration journey and for later edits.

    The instance is the company being edited or re-applying. `wcb_editable` and `membership_editable`
    open the WCB number and SCSA membership, which only staff change once a company exists.
    """

    class Meta:
        model = Company
        fields = COMPANY_DETAIL_FIELDS
        widgets = {
            "expected_workers_as_general_contractor": forms.NumberInput(
                attrs={"min": 1, "max": rules.MAX_EXPECTED_WORKERS}
            )
        }

    # Longer than the stored number: people type it with spaces or dashes, which are removed on cleaning.
    wcb_account_number = forms.CharField(
        label="WCB account number",
        max_length=20,
        help_text=f"Your WCB Saskatchewan employer account number: {rules.wcb_account_number_format()}.",
    )

    def __init__(self, *args, wcb_editable: bool = True, membership_editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wcb_account_number"].disabled = not wcb_editable and self.instance.pk is not None
        # Membership sets the registration fee (ELIG-7); after applying, only staff change it.
        self.fields["is_scsa_member"].disabled = not membership_editable
        self.fields[
            "is_scsa_member"
        ].help_text = "SCSA members register for free; non-members pay the registration fee."

    def clean_wcb_account_number(self):
        raw = self.cleaned_data["wcb_account_number"]
        problem = rules.wcb_account_number_problem(raw)
        if problem:
            raise forms.ValidationError(problem)
        number = rules.normalize_wcb_account_number(raw)
        existing = selectors.company_with_wcb_number(
            wcb_account_number=number, excluding=self.instance if self.instance.pk else None
        )
        today = timezone.localdate()
        active = bool(existing and existing.status_on(today).is_active)
        # ELIG-5: the wait stays with the number, even when no company holds it any more.
        refusals = rules.wcb_account_refusals(
            actively_registered=active,
            derolled_on=None
            if number == self.instance.wcb_account_number
            else selectors.derolled_on_for_wcb_number(wcb_account_number=number, today=today),
            today=today,
        )
        if existing is None and not refusals:
            return number
        if refusals:
            raise forms.ValidationError(
                [forms.ValidationError(refusal.message, code=refusal.rule) for refusal in refusals]
                + (["If you work for that company, ask its owner to invite you."] if active else [])
            )
        raise forms.ValidationError(
            "This WCB account number already has a SECOR portal account. Sign in with that company's login "
            "to apply again, or ask its owner to invite you."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("acts_as_general_contractor"):
            if cleaned.get("expected_workers_as_general_contractor") is None:
                self.add_error(
                    "expected_workers_as_general_contractor",
                    "As a General Contractor or Management Company, say how many workers you expect to engage, "
                    "sub-contractors included.",
                )
        else:
            cleaned["expected_workers_as_general_contractor"] = None
        return cleaned


class WorkersForm(forms.Form):
    """ELIG-1: the Saskatchewan workers by kind, in the field and in the office."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, kind_label in rules.WORKER_KINDS:
            for place, place_label in rules.WORK_PLACES:
                # An empty box means none, as on a paper form.
                self.fields[f"{kind}_{place}"] = forms.IntegerField(
                    min_value=0, max_value=9999, initial=0, required=False, label=f"{kind_label} {place_label}"
                )

    def rows(self):
        """(kind, its inputs by place) for the grid of the template."""
        return [
            (label, [self[f"{kind}_{place}"] for place, _ in rules.WORK_PLACES]) for kind, label in rules.WORKER_KINDS
        ]

    def clean(self):
        cleaned = {name: value or 0 for name, value in super().clean().items()}
        if not self.errors and sum(cleaned.values()) == 0:
            raise forms.ValidationError("Count at least one worker: owners count too.")
        return cleaned


class AgreementForm(forms.Form):
    agree = forms.BooleanField(
        label="I have read the SECOR Agreement and agree to it on behalf of the company.",
        error_messages={"required": "Tick the box to agree to the SECOR Agreement."},
    )
    signed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        validators=[single_line],
        error_messages={"required": "Type your full name to sign the SECOR Agreement."},
    )


class EmployeeForm(forms.ModelForm):
    class Meta:
        model = Employee
        fields = EMPLOYEE_FIELDS
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {
            "email": "Optional. Used to recognise the same person across companies (for trained employees).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["start_date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        problem = rules.end_date_problem(start_date=cleaned.get("start_date"), end_date=cleaned.get("end_date"))
        if problem:
            self.add_error("end_date", problem)
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The employer sees this reason. Say what they can do next.",
        error_messages={"required": "Tell the employer why the application is declined and what to do next."},
    )


class StatusChangeForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("", "Choose a change…"), *((key, change.label) for key, change in STATUS_CHANGES.items())],
        error_messages={"required": "Choose the status change to record."},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Record the reason for this change; the company sees it on its timeline."},
    )
    effective_on = forms.DateField(
        label="De-rolled on",
        required=False,
        widget=DateInput(),
        help_text="For a de-roll recorded late: the day it took effect (today if empty; never later).",
    )

    def clean(self):
        # A de-roll's date is checked before the page that asks to confirm it, by the service's own rule.
        cleaned = super().clean()
        day = cleaned.get("effective_on")
        if (
            day is not None
            and cleaned.get("action") == "deroll"
            and (problem := rules.deroll_date_problem(day, today=timezone.localdate()))
        ):
            self.add_error("effective_on", problem)
        return cleaned


class InviteForm(forms.Form):
    first_name = forms.CharField(max_length=150, validators=[single_line])
    last_name = forms.CharField(max_length=150, validators=[single_line])
    email = forms.EmailField()


class StaffInviteForm(InviteForm):
    role = forms.ChoiceField(
        # No default: inviting someone as an administrator by leaving the first choice is too easy.
        choices=[
            ("", "Choose a role…"),
            (User.Role.AUDITOR, "Program auditor"),
            (User.Role.STAFF, "SCSA program administrator"),
        ],
        error_messages={"required": "Choose whether the person is a program auditor or an administrator."},
    )


class AuditorAssignForm(forms.Form):
    auditor = forms.ModelChoiceField(queryset=User.objects.filter(role=User.Role.AUDITOR, is_active=True))


class AuditorRemoveForm(forms.Form):
    """The company page's "Remove" button beside each assigned program auditor posts `remove=<their id>`."""

    remove = forms.ModelChoiceField(queryset=User.objects.filter(role=User.Role.AUDITOR))


class CorHandoffForm(forms.ModelForm):
    """ELIG-3/ELIG-4: when a company that no longer qualifies expects to register for COR."""

    class Meta:
        model = CorHandoff
        fields = ["expected_on", "note"]
        widgets = {"expected_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"expected_on": {"required": "Give the date you expect to register for COR."}}
