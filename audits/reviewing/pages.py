"""What the pages of the reviews SCSA gives to a reviewer share (the manual, the maintenance packages): each
item's age against the review target (MAN-2), giving a review to a reviewer, and the reviewers' queue."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from companies.access import require_post
from secor import query
from secor.exports import Column, exported
from secor.paging import paged
from secor.reviews.forms import ReviewerAssignForm
from secor.reviews.rules import REVIEW_TARGET_DAYS, REVIEW_WARNING_DAYS, review_age
from secor.viewutils import REFUSED, call_service, report_errors

QUEUE_PAGE_SIZE = 25


def with_ages(reviewed, today) -> None:
    """Each manual or package waiting, with its age against the 4-week warning and the 6-week target (MAN-2)."""
    for item in reviewed:
        item.age = review_age(submitted_on=timezone.localdate(item.review.latest_submitted_at), today=today)


def version_age(version):
    """The age of the version a review page decides on, against the review target (MAN-2)."""
    return review_age(submitted_on=timezone.localdate(version.submitted_at), today=timezone.localdate())


def reviewer_choices() -> list[tuple[str, str]]:
    """The reviewers a queue offers by each item, read once for the page, not once per item listed."""
    return [
        (choice.value if choice else "", label) for choice, label in ReviewerAssignForm().fields["reviewer"].choices
    ]


def give_review(request, company, *, assign, what: str, queue: str, page: str, **item):
    """Staff give a review (a manual, a maintenance package: `item` names it to the `assign` service) to a
    reviewer, from its queue or its page, and go back where they were."""
    require_post(request)
    form = ReviewerAssignForm(request.POST)
    if (
        form.is_valid()
        and call_service(form, assign, **item, reviewer=form.cleaned_data["reviewer"], actor=request.user)
        is not REFUSED
    ):
        reviewer = form.cleaned_data["reviewer"]
        messages.success(request, f"The {what} of {company} is given to {reviewer.get_full_name()}.")
    else:
        report_errors(request, form)
    return redirect(queue) if request.POST.get("next") == "queue" else redirect(page, company.pk)


QUEUE_COLUMNS = [
    Column("Sent", lambda item: item.review.latest_submitted_at),
    Column("Company", lambda item: item.company.legal_name),
    Column("WCB account number", lambda item: item.company.wcb_account_number),
    Column("Version", lambda item: item.review.latest_version.number if item.review.latest_version else ""),
    Column("Given to", lambda item: str(item.review.reviewer or "")),
]


def review_queue(request, *, waiting_for, template: str):
    """The items waiting for review (`waiting_for`: the queue's selector), the longest waiting first, each with
    its age; staff give each to a reviewer. `?waiting=28` or `42`: only those past the 4-week warning or the
    6-week target (the dashboard's links)."""
    waited_more_than = query.one_of(request.GET.get("waiting"), (REVIEW_WARNING_DAYS, REVIEW_TARGET_DAYS), None)
    found = waiting_for(user=request.user, waited_more_than=waited_more_than)
    name = f"secor-{found.model._meta.verbose_name_plural.replace(' ', '-')}-waiting"
    if export := exported(request, name=name, columns=QUEUE_COLUMNS, objects=found.iterator()):
        return export
    page = paged(found, request.GET.get("page"), QUEUE_PAGE_SIZE)
    with_ages(page, timezone.localdate())
    context = {"page": page, "waited_more_than": waited_more_than}
    if request.user.is_program_staff:
        context["reviewer_choices"] = reviewer_choices()
    return render(request, template, context)
