"""Staff pages: the applications queue, the hand-offs to COR waiting, and the people who run the program."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from companies import rules, selectors, services
from companies.forms import DeclineForm, StaffInviteForm
from companies.models import Application, CorHandoff
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.core.services import user_invite
from secor.dates import long_date
from secor.exports import Column, exported, yes_no
from secor.kept_figures import HEADCOUNTS
from secor.paging import kept_page
from secor.roles import staff_required
from secor.viewutils import confirmation_page

APPLICATIONS_PAGE_SIZE = 25
APPLICATION_COLUMNS = [
    Column("Submitted", lambda application: timezone.localtime(application.submitted_at).date()),
    Column("Company", lambda application: application.company.legal_name),
    Column("WCB account number", lambda application: application.company.wcb_account_number),
    Column("Saskatchewan workers declared", lambda application: application.declared_workers),
    Column("SCSA member", lambda application: yes_no(application.company.is_scsa_member)),
    Column("Registration fee", lambda application: application.registration_fee),
    Column("Submitted by", lambda application: application.submitted_by.email if application.submitted_by else ""),
]
HANDOFF_COLUMNS = [
    Column("Told SCSA on", lambda handoff: handoff.told_on),
    Column("Company", lambda handoff: handoff.company.legal_name),
    Column("WCB account number", lambda handoff: handoff.company.wcb_account_number),
    Column("Expects to register for COR", lambda handoff: handoff.expected_on),
    Column("Saskatchewan workers", lambda handoff: handoff.company.counted_workers),
    Column("Note", lambda handoff: handoff.note),
]


# What a row of the applications queue shows: the application and its company's name, number and membership.
APPLICATIONS_READ = (hooks.Topic.COMPANY_STATUS, hooks.Topic.COMPANY)


@dataclass(frozen=True)
class ApplicationRow:
    """An application of the queue: when it was sent (how long it has waited is read at each request), and its
    other cells rendered."""

    pk: int
    submitted_at: object
    html: str


def _application_rows(applications) -> dict[int, ApplicationRow]:
    cells = get_template("companies/_application_row.html")
    return {
        application.pk: ApplicationRow(
            application.pk, application.submitted_at, mark_safe(cells.render({"application": application}))
        )
        for application in applications
    }


@staff_required
def application_queue(request):
    """The applications waiting for a decision, oldest first, a page at a time (a busy month leaves thousands): its
    count and rows kept until a write to the companies or their statuses (only staff read it, all of it)."""
    waiting = selectors.pending_applications(user=request.user)
    if export := exported(request, name="secor-applications", columns=APPLICATION_COLUMNS, objects=waiting.iterator()):
        return export
    page = kept_page(
        waiting,
        request.GET.get("page"),
        APPLICATIONS_PAGE_SIZE,
        name="application-queue",
        topics=APPLICATIONS_READ,
        render=_application_rows,
    )
    return render(request, "companies/application_queue.html", {"page": page})


@staff_required
def application_detail(request, pk: int):
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    decline_form = DeclineForm(request.POST if "decline" in request.POST else None)
    if request.method == "POST" and "accept" not in request.POST and "decline" not in request.POST:
        # A post that names no decision (not one of the page's buttons): said so, the reason typed kept.
        decline_form = DeclineForm(request.POST)
        decline_form.add_error(None, "Choose what to do: accept the application, or decline it with a reason.")
    elif request.method == "POST":
        company = application.company
        try:
            pending = application.decision == Application.Decision.PENDING
            if "accept" in request.POST:
                # A decided application is refused by the service, without asking first.
                if pending and (
                    asking := confirmation_page(
                        request,
                        question=f"Accept the application of {company} and register it in SECOR?",
                        consequences=[
                            f"{company} is registered in SECOR from today, {long_date(timezone.localdate())}.",
                            "It is issued its Milestone #1 letter, expiring "
                            f"{ProgramSettings.current().milestone_1_months} months after registration (MIL-1).",
                            "The company's users are emailed the decision.",
                            "An accepted application cannot be declined afterwards.",
                        ],
                        confirm_label="Yes, accept and register",
                        cancel_url=request.path,
                    )
                ):
                    return asking
                services.application_accept(application=application, actor=request.user)
                messages.success(request, f"{company} is registered in SECOR.")
                return redirect("companies:detail", application.company_id)
            if decline_form.is_valid():
                if pending and (
                    asking := confirmation_page(
                        request,
                        question=f"Decline the application of {company}?",
                        consequences=[
                            "The company's users are emailed the decision with your reason: "
                            f"“{decline_form.cleaned_data['reason']}”",
                            "The company may correct its answers and apply again; this application stays declined.",
                        ],
                        confirm_label="Yes, decline",
                        cancel_url=request.path,
                    )
                ):
                    return asking
                services.application_decline(
                    application=application, actor=request.user, reason=decline_form.cleaned_data["reason"]
                )
                messages.success(request, f"The application of {application.company} is declined.")
                return redirect("companies:applications")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("companies:application", application.pk)
    return render(
        request,
        "companies/application_detail.html",
        {"application": application, "company": application.company, "decline_form": decline_form},
    )


HANDOFFS_PAGE_SIZE = 50


# What a row of the hand-offs shows: the hand-off and its company's details (COMPANY), and its headcount.
HANDOFFS_READ = (hooks.Topic.COMPANY, *HEADCOUNTS)


@dataclass(frozen=True)
class HandoffRow:
    pk: int
    company_id: int
    html: str  # rendered here, or kept as rendered


def _handoff_rows(handoffs) -> dict[int, HandoffRow]:
    row = get_template("companies/_cor_handoff_row.html")
    return {
        handoff.pk: HandoffRow(
            handoff.pk,
            handoff.company_id,
            mark_safe(row.render({"handoff": handoff, "limit": rules.MAX_SECOR_WORKERS})),
        )
        for handoff in handoffs
    }


@staff_required
def cor_handoffs(request):
    """ELIG-3/ELIG-4: the companies waiting for staff to record their transfer to COR, the oldest first."""
    today = timezone.localdate()
    services.headcounts_refresh(today=today)  # "over the limit" reads the kept headcounts
    # Its ids in one query, counted here (a few hundred at province scale): counting, paging and loading the page
    # would each join the companies over the limit; the page's hand-offs are then loaded by id alone.
    waiting = list(selectors.cor_handoffs_waiting(today=today).values_list("pk", flat=True))
    everyone = CorHandoff.objects.select_related("company").filter(pk__in=waiting).order_by("told_on", "pk")
    if export := exported(request, name="secor-cor-handoffs", columns=HANDOFF_COLUMNS, objects=everyone.iterator()):
        return export
    page = kept_page(
        everyone,
        request.GET.get("page"),
        HANDOFFS_PAGE_SIZE,
        name="cor-handoff-row",
        topics=HANDOFFS_READ,
        render=_handoff_rows,
        keys=waiting,
    )
    return render(request, "companies/cor_handoff_queue.html", {"page": page, "limit": rules.MAX_SECOR_WORKERS})


@staff_required
def people(request):
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_invite(invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{user.get_role_display()} {user} invited; they will set their password by email."
            )
            return redirect("companies:people")
    people = (
        User.objects.filter(role__in=[User.Role.STAFF, User.Role.AUDITOR])
        .prefetch_related("assigned_companies")
        .order_by("role", "last_name", "first_name")
    )
    return render(request, "companies/people.html", {"people": people, "form": form})
