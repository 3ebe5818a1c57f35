"""The three-year cycle's pages: the company's maintenance page (MNT-1), sending and correcting the year's
package, giving it to a reviewer and the review; staff's queue of packages, and the anniversaries ahead or
overdue (MNT-2)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from audits.maintenance import forms, selectors, services
from audits.maintenance.access import PACKAGES
from audits.program_documents.selectors import MAINTENANCE_STEP, current_program_documents
from audits.reviewing.pages import give_review, review_queue, version_age, with_ages
from companies.access import Action, Need, Reviewers, company_object_view, company_view
from secor import query
from secor.core.models import ProgramSettings
from secor.exports import Column, exported
from secor.hooks import Topic
from secor.kept_figures import statuses_key
from secor.paging import kept_page
from secor.reviews.forms import DecisionForm, ReviewerAssignForm
from secor.reviews.models import Review
from secor.roles import staff_or_auditor_required, staff_required
from secor.viewutils import REFUSED, call_service, submitted

LIST_PAGE_SIZE = 50


def _back(company):
    return redirect("audits:maintenance", company.pk)


@company_view(Need.READ)
def maintenance(request, company):
    """MNT-1: the current certificate's years, each with its package's state, and every package sent with all
    its versions; who may do the internal audit today."""
    today = timezone.localdate()
    packages = selectors.packages_of_company(company=company)
    waiting = [package for package in packages if package.review.state == Review.State.SUBMITTED]
    with_ages(waiting, today)
    context = {
        "company": company,
        "access": request.access,
        "cycle": selectors.cycle_of(company=company, today=today),
        "packages": packages,
        "qualified": selectors.qualified_internal_auditors(company=company, day=today),
        "today": today,
    }
    if request.access.is_staff and waiting:
        context["assign_form"] = ReviewerAssignForm(initial={"reviewer": waiting[0].review.reviewer_id})
    context["may_decide"] = {package.pk for package in waiting if PACKAGES.user_can(request.user, Action.ACT, package)}
    return render(request, "audits/maintenance.html", context)


def _package_form(request, company, package=None):
    """The year's package (`package` None) or the corrected version of a returned one: the same form, where a
    correction needs only the documents it replaces."""
    initial = package and {
        "internal_auditor": package.internal_auditor_id,
        "internal_audit_on": package.internal_audit_on,
    }
    form = forms.MaintenanceForm(
        request.POST or None, request.FILES or None, company=company, correcting=package is not None, initial=initial
    )
    target = {"company": company} if package is None else {"package": package}
    service = services.maintenance_submit if package is None else services.maintenance_resubmit
    if (
        submitted(request, form)
        and call_service(
            form,
            service,
            **target,
            actor=request.user,
            internal_auditor=form.cleaned_data["internal_auditor"],
            internal_audit_on=form.cleaned_data["internal_audit_on"],
            uploads=form.uploads,
        )
        is not REFUSED
    ):
        messages.success(
            request, f"Your {'corrected ' if package else ''}maintenance package was sent to SCSA for review."
        )
        return _back(company)
    today = timezone.localdate()
    context = {
        "form": form,
        "company": company,
        "package": package,
        "cycle": selectors.cycle_of(company=company, today=today),
        "qualified": selectors.qualified_internal_auditors(company=company, day=today),
        "program_documents": current_program_documents(MAINTENANCE_STEP),
    }
    return render(request, "audits/maintenance_form.html", context)


@company_view(Need.EDIT)
def maintenance_submit(request, company):
    return _package_form(request, company)


@company_view(Need.EDIT)
def maintenance_resubmit(request, company, package_pk: int):
    return _package_form(request, company, selectors.package_get_for_company(company=company, pk=package_pk))


@company_view(Need.STAFF)
def maintenance_assign(request, company, package_pk: int):
    package = selectors.package_get_for_company(company=company, pk=package_pk)
    return give_review(
        request,
        company,
        assign=services.maintenance_assign,
        what="maintenance package",
        queue="audits:maintenance_queue",
        page="audits:maintenance",
        package=package,
    )


# An assigned auditor who was not given this review: not theirs to decide (404).
@company_object_view(
    PACKAGES,
    need=Reviewers.STAFF_OR_ASSIGNED_AUDITOR,
    action=Action.ACT,
    get=selectors.package_get_for_company,
    kwarg="package_pk",
)
def maintenance_review(request, company, package):
    form = DecisionForm(request.POST or None, words=forms.DECISION)
    if (
        submitted(request, form)
        and call_service(
            form,
            services.maintenance_decide,
            package=package,
            actor=request.user,
            accept=form.accepted,
            comments=form.comments,
        )
        is not REFUSED
    ):
        outcome = "accepted" if form.accepted else "returned for corrections"
        messages.success(request, f"The maintenance package of {company} was {outcome}.")
        return _back(company)
    version = package.review.latest_version
    context = {"form": form, "company": company, "package": package, "version": version, "age": version_age(version)}
    return render(request, "audits/maintenance_review.html", context)


@staff_or_auditor_required
def maintenance_queue(request):
    """MNT-1: packages waiting for review, the longest waiting first (staff give each to a reviewer)."""
    return review_queue(request, waiting_for=selectors.maintenance_queue, template="audits/maintenance_queue.html")


def _package_state(anniversary) -> str:
    package = getattr(anniversary, "package", None)
    if not anniversary.maintenance_due:
        return ""
    return package.review.get_state_display() if package is not None else "not sent"


ANNIVERSARY_COLUMNS = [
    Column("Anniversary", lambda anniversary: anniversary.on),
    Column("Company", lambda anniversary: anniversary.company.legal_name),
    Column("WCB account number", lambda anniversary: anniversary.company.wcb_account_number),
    Column("Certificate", lambda anniversary: anniversary.certificate.number),
    Column(
        "Due by it",
        lambda anniversary: "maintenance package" if anniversary.maintenance_due else "re-certification",
    ),
    Column("Package", _package_state),
    Column("Next step in time until", lambda anniversary: anniversary.owed_by),
]


# What the anniversaries list shows: the certificates, their packages and reviews, the companies and their statuses.
ANNIVERSARIES_READ = (Topic.AUDITS, Topic.REVIEWS, Topic.COMPANY, Topic.COMPANY_STATUS)


def _anniversary_rows(anniversaries, overdue: bool) -> dict[int, str]:
    row = get_template("audits/_anniversary_row.html")
    return {
        anniversary.pk: mark_safe(row.render({"anniversary": anniversary, "overdue": overdue}))
        for anniversary in anniversaries
    }


@staff_required
def anniversaries(request):
    """MNT-2: the anniversaries in the next 30, 60 or 90 days (`?within=`), or (`?overdue=1`) the packages
    overdue (MNT-1: nothing sent by the anniversary, or a return not corrected in time), each with where its
    package stands."""
    today = timezone.localdate()
    overdue = request.GET.get("overdue") == "1"
    within = query.one_of(request.GET.get("within"), (30, 60, 90), 90)
    found = (
        selectors.maintenance_overdue(today=today)
        if overdue
        else selectors.anniversaries_upcoming(today=today, days=within)
    )
    if export := exported(request, name="secor-anniversaries", columns=ANNIVERSARY_COLUMNS, objects=found.iterator()):
        return export
    page = kept_page(
        found,
        request.GET.get("page"),
        LIST_PAGE_SIZE,
        # The anniversaries of the companies in the program on the day (a de-roll due counts, MIL-3).
        name=f"anniversaries:{'overdue' if overdue else within}:{statuses_key(today)}",
        topics=ANNIVERSARIES_READ,
        render=lambda rows: _anniversary_rows(rows, overdue),
    )
    context = {"page": page, "overdue": overdue, "within": within, "today": today}
    context["correction_days"] = ProgramSettings.current().maintenance_correction_days
    return render(request, "audits/anniversaries.html", context)
