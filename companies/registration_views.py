"""The employer's registration journey: details → workers → eligibility check → SECOR Agreement.

Answers are kept in the session until the agreement is signed; only then is anything written,
in one atomic service call, so a refused or abandoned application leaves nothing half-created.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from companies import selectors, services
from companies.access import employer_company
from companies.forms import AgreementForm, CompanyDetailsForm, WorkersForm
from companies.inputs import COMPANY_DETAIL_FIELDS
from companies.models import Company
from companies.rules import DECLARED_WORKER_KEYS
from secor.core.models import ProgramSettings
from secor.roles import employer_required

SESSION_KEY = "secor_registration"
STEPS = [("details", "Company details"), ("workers", "Workers"), ("check", "Eligibility"), ("agreement", "Agreement")]


def _journey(request) -> dict:
    return request.session.setdefault(SESSION_KEY, {})


def _save(request, step: str, data: dict) -> None:
    journey = _journey(request)
    journey[step] = data
    request.session.modified = True


def _render(request, step: str, context: dict):
    context.update(steps=STEPS, current_step=step, company=employer_company(request.user))
    return render(request, f"companies/register/{step}.html", context)


def _company_or_redirect(request) -> tuple[Company | None, object]:
    """The employer's existing company (re-applying) or None (new); a page instead if they may not apply."""
    company = employer_company(request.user)
    today = timezone.localdate()
    if company is not None and company.status_on(today).is_active:
        messages.info(request, "Your company already has an active SECOR registration or application.")
        return company, redirect("companies:detail", company.pk)
    # ELIG-5, told before anything is filled in: a de-rolled company waits 6 months.
    if company is not None and (wait := selectors.registration_wait(company=company, today=today)):
        return company, _render(request, "wait", {"registration_wait": wait, "status": company.status_on(today)})
    return company, None


def _answers(request) -> tuple[dict | None, dict | None]:
    """The journey's answers, forgetting any saved in a shape this version of the forms no longer has."""
    journey = _journey(request)
    details, workers = journey.get("details"), journey.get("workers")
    if details is not None and set(details) != set(COMPANY_DETAIL_FIELDS):
        journey.clear()
        details = workers = None
    if workers is not None and not set(workers) <= set(DECLARED_WORKER_KEYS):
        journey.pop("workers")
        workers = None
    request.session.modified = True
    return details, workers


def _eligibility(request, company: Company | None):
    details, workers = _answers(request)
    if details is None or workers is None:
        return None, None
    declared = services.DeclaredWorkers(workers)
    eligibility = selectors.registration_eligibility_for(
        company=company,
        wcb_account_number=company.wcb_account_number if company else details["wcb_account_number"],
        declared_workers=declared.total,
        acts_as_general_contractor=details["acts_as_general_contractor"],
        expected_workers_as_general_contractor=details.get("expected_workers_as_general_contractor"),
        today=timezone.localdate(),
    )
    return eligibility, declared


@employer_required
def register_details(request):
    company, refusal = _company_or_redirect(request)
    if refusal:
        return refusal
    form = CompanyDetailsForm(
        request.POST or None,
        instance=company,
        initial=_answers(request)[0],
        wcb_editable=company is None,
        # Membership sets the fee (ELIG-7): a company that exists keeps the one SCSA has on record.
        membership_editable=company is None,
    )
    if request.method == "POST" and form.is_valid():
        _save(request, "details", {name: form.cleaned_data.get(name) for name in COMPANY_DETAIL_FIELDS})
        return redirect("companies:register_workers")
    fees = ProgramSettings.current()
    return _render(request, "details", {"form": form, "fees": fees})


@employer_required
def register_workers(request):
    _company, refusal = _company_or_redirect(request)
    if refusal:
        return refusal
    if _answers(request)[0] is None:
        return redirect("companies:register")
    form = WorkersForm(request.POST or None, initial=_answers(request)[1])
    if request.method == "POST" and form.is_valid():
        _save(request, "workers", form.cleaned_data)
        return redirect("companies:register_check")
    return _render(request, "workers", {"form": form})


@employer_required
def register_check(request):
    company, refusal = _company_or_redirect(request)
    if refusal:
        return refusal
    eligibility, declared = _eligibility(request, company)
    if eligibility is None:
        return redirect("companies:register_workers" if _answers(request)[0] else "companies:register")
    context = {"eligibility": eligibility, "declared": declared}
    if eligibility.must_register_for_cor:
        # ELIG-2/ELIG-4: whom at SCSA to contact for COR, as a company that no longer qualifies is told.
        context["cor_contact"] = ProgramSettings.current().cor_contact
    return _render(request, "check", context)


@employer_required
def register_agreement(request):
    company, refusal = _company_or_redirect(request)
    if refusal:
        return refusal
    eligibility, declared = _eligibility(request, company)
    if eligibility is None or not eligibility.eligible:
        return redirect("companies:register_check" if eligibility else "companies:register")
    details = _answers(request)[0]
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                user=request.user,
                details=details,
                workers=declared,
                signed_name=form.cleaned_data["signed_name"],
                company=company,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            del request.session[SESSION_KEY]
            messages.success(request, "Application received. SCSA will review it and email you the decision.")
            return redirect(reverse("companies:detail", args=[application.company_id]))
    is_member = company.is_scsa_member if company else details["is_scsa_member"]
    fee = ProgramSettings.current().registration_fee(is_scsa_member=is_member)
    return _render(request, "agreement", {"form": form, "details": details, "declared": declared, "fee": fee})
