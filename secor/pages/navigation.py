"""The navigation bar's context: an employer's company; for SCSA's people, how much work waits in each queue."""

from django.utils import timezone

from audits.maintenance.selectors import maintenance_queue
from audits.manual.selectors import manual_queue
from companies import selectors as company_selectors
from companies.access import employer_company
from companies.questions import selectors as question_selectors
from secor.counting import counts
from secor.freshness import kept_until_data_changes
from secor.notices.selectors import resendable
from training import selectors as training_selectors


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    if user.is_employer:
        # On a company page the access check has the company already (an employer sees only their own).
        access = getattr(request, "access", None)
        return {"nav_company": access.company if access is not None else employer_company(user)}
    # Every member of staff sees the same counts; an auditor, those of their own queues.
    scope = "staff" if user.is_program_staff else f"auditor-{user.pk}"
    return {"waiting": kept_until_data_changes(f"waiting:{scope}", lambda: _waiting_counts(user))}


def _waiting_counts(user) -> dict[str, int]:
    """Counts only, over the same scopes the queue pages list, in one query (built only when not kept)."""
    queues = {
        "training": training_selectors.waiting_for_review(user=user),
        "manuals": manual_queue(user=user),
        "maintenance": maintenance_queue(user=user),
    }
    if user.is_program_staff:
        queues["applications"] = company_selectors.pending_applications(user=user)
        queues["notices"] = resendable()
        queues["questions"] = question_selectors.question_queue(user=user, show=question_selectors.WAITING)
        queues["cor_handoffs"] = company_selectors.cor_handoffs_waiting(today=timezone.localdate())
    return counts(**queues)
