"""The navigation bar's context: an employer's company; for SCSA's people, how much work waits in each queue."""

from django.utils import timezone

from audits.audit.selectors import requests_to_book
from audits.maintenance.selectors import maintenance_queue
from audits.manual.selectors import manual_queue
from companies import selectors as company_selectors
from companies.access import employer_company
from companies.questions import selectors as question_selectors
from secor import hooks
from secor.counting import counts
from secor.freshness import kept_until_changed
from secor.kept_figures import HEADCOUNTS, REVIEW_QUEUES, statuses_key
from secor.notices.selectors import resendable
from training import selectors as training_selectors

Topic = hooks.Topic


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    if user.is_employer:
        # On a company page the access check has the company already (an employer sees only their own).
        access = getattr(request, "access", None)
        return {"nav_company": access.company if access is not None else employer_company(user)}
    # Every member of staff sees the same counts; an auditor, those of their own queues (the companies assigned
    # to them, the reviews given to them).
    if user.is_program_staff:
        wanted = {
            "waiting:staff:reviews": (REVIEW_QUEUES, lambda: _review_queues(user)),
            f"waiting:staff:companies:{statuses_key(timezone.localdate())}": (
                (*HEADCOUNTS, Topic.COMPANY),
                lambda: _company_queues(user),
            ),
            "waiting:staff:notices": ((Topic.NOTICES,), lambda: counts(notices=resendable())),
            # AUD-1, AUD-2: the requests of registered companies (a status read: kept for the de-rolls due too).
            f"waiting:staff:audits:{statuses_key(timezone.localdate())}": (
                (Topic.AUDITS, Topic.COMPANY_STATUS),
                lambda: counts(audit_requests=requests_to_book(today=timezone.localdate())),
            ),
        }
    else:
        wanted = {f"waiting:auditor-{user.pk}": ((*REVIEW_QUEUES, Topic.COMPANY), lambda: _review_queues(user))}
    return {"waiting": {name: n for group in kept_until_changed(wanted).values() for name, n in group.items()}}


def _review_queues(user) -> dict[str, int]:
    """Counts only, over the same scopes the queue pages list, in one query (built only when not kept)."""
    return counts(
        training=training_selectors.waiting_for_review(user=user),
        manuals=manual_queue(user=user),
        maintenance=maintenance_queue(user=user),
    )


def _company_queues(user) -> dict[str, int]:
    """The applications, the companies' questions and the hand-offs to COR waiting for staff."""
    return counts(
        applications=company_selectors.pending_applications(user=user),
        questions=question_selectors.question_queue(user=user, show=question_selectors.WAITING),
        cor_handoffs=company_selectors.cor_handoffs_waiting(today=timezone.localdate()),
    )
