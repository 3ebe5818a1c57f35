"""The hostile payload the isolation tests post is a real attack: posted by those allowed, it changes data, so
a 404 that changed nothing means the refusal held."""

import pytest

from audits.models import ManualSubmission
from companies.models import Company
from tests.security.isolation import page_url
from tests.security.world import hostile_payload, snapshot

# --- the hostile payload is a real attack ----------------------------------------------------------------------


@pytest.mark.writes
@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("companies:edit", "employer"),
        ("companies:employee_add", "employer"),
        ("companies:employee_edit", "employer"),
        ("companies:member_invite", "employer"),
        ("companies:status", "staff_user"),
        ("companies:auditors", "staff_user"),
        ("companies:application", "staff_user"),
        ("companies:people", "staff_user"),
        ("companies:question_answer", "staff_user"),
        ("companies:questions", "member"),
        ("notices:resend", "staff_user"),
        ("training:record_add", "employer"),
        ("training:record_correct", "member"),
        ("training:record_review", "staff_user"),
        ("training:designate", "employer"),
        ("training:designation_remove", "member"),
        ("training:submission_add", "employer"),
        ("training:submission_resubmit", "member"),
        ("training:submission_review", "auditor"),
        ("training:submission_review", "staff_user"),
        ("audits:manual_submit", "employer"),
        ("audits:manual_resubmit", "member"),
        ("audits:manual_assign", "staff_user"),
        ("audits:manual_review", "auditor"),
        ("audits:manual_review", "staff_user"),
        ("milestones:letter_extend", "staff_user"),
        ("milestones:calendar", "member"),
        ("audits:audit", "auditor"),
        ("audits:audit", "staff_user"),
        ("audits:certificate_status", "staff_user"),
        ("audits:certificate_listed", "staff_user"),
        ("audits:invoice_pay", "staff_user"),
        ("audits:invoice_void", "staff_user"),
        ("audits:audit_tool:version", "staff_user"),
        ("audits:audit_tool:copy", "staff_user"),
        ("audits:program_documents", "staff_user"),
    ],
)
def test_hostile_payload_changes_data_when_allowed(world, client_as, name, role):
    """Makes the "nothing changed" checks above meaningful: from an allowed user the same POST does change data."""
    if name == "companies:application":
        # Staff accept an application only from a company waiting for the decision.
        Company.objects.filter(pk=world.company.pk).update(status=Company.Status.APPLIED)
    if name == "audits:manual_submit":
        # A company sends its first manual once; the world's company has two.
        ManualSubmission.objects.filter(company=world.company).delete()
    before = snapshot()
    response = client_as(role).post(page_url(name, world), hostile_payload(world))
    assert response.status_code == 302
    assert snapshot() != before
