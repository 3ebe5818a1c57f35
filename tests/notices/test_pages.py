"""The company's Notices page (NTC-3) and the staff notices log, with its resend."""

from datetime import date

import pytest
from django.urls import reverse

from secor.notices.models import Notice
from tests.factories import StaffFactory


def notice(company, **fields) -> Notice:
    values = {
        "kind": "application-decision",
        "recipient_email": "alice@roofing.example",
        "subject_key": f"companies.company:{company.pk}",
        "about_date": date(2026, 11, 2),
        "due_on": date(2026, 11, 2),
        "company": company,
        "state": Notice.State.SENT,
        "subject": f"[SECOR] About {company.legal_name}",
        "body": "Hello,\n\nSomething happened.",
        "sent_at": "2026-11-02T12:00:00Z",
    }
    return Notice.objects.create(**(values | fields))


@pytest.fixture
def notices(company, other_company):
    return {
        "ours": notice(company),
        "staff_only": notice(company, kind="status-change", for_staff=True, subject="Internal note for SCSA"),
        "theirs": notice(other_company, subject="[SECOR] About Charlie"),
    }


def test_ntc_3_the_company_sees_its_own_notices_and_not_scsas_notes(login, company, employer, notices):
    page = login(employer).get(reverse("companies:notices", args=[company.pk]))
    assert list(page.context["page"]) == [notices["ours"]]
    assert "Something happened." in page.text and "Application decision" in page.text
    assert "About Charlie" not in page.text


def test_ntc_3_the_companys_notices_list_only_mail_to_its_people(login, company, employer, auditor, staff_user):
    to_owner = notice(company, recipient_email=employer.email, recipient_user=employer, kind="invoice-issued")
    to_roster_person = notice(company, recipient_email="ben@roofing.example", kind="record-returned")
    notice(company, recipient_email=auditor.email, recipient_user=auditor, kind="manual-to-review", subject="Review")
    notice(company, recipient_email=staff_user.email, recipient_user=staff_user, kind="audit-booked", subject="Booked")
    page = login(employer).get(reverse("companies:notices", args=[company.pk]))
    assert set(page.context["page"]) == {to_owner, to_roster_person}
    assert len(login(staff_user).get(reverse("companies:notices", args=[company.pk])).context["page"]) == 4


def test_ntc_3_staff_and_the_assigned_auditor_see_the_companys_notices(login, company, staff_user, auditor, notices):
    assert set(login(staff_user).get(reverse("companies:notices", args=[company.pk])).context["page"]) == {
        notices["ours"],
        notices["staff_only"],
    }
    assert list(login(auditor).get(reverse("companies:notices", args=[company.pk])).context["page"]) == [
        notices["ours"]
    ]


def test_the_staff_log_filters_by_kind_state_and_due_date(login, staff_user, company, notices):
    failed = notice(
        company, recipient_email="bob@roofing.example", state=Notice.State.FAILED, due_on=date(2026, 11, 20)
    )
    client = login(staff_user)
    by_state = client.get(reverse("notices:log"), {"state": "failed"})
    assert [row.pk for row in by_state.context["page"]] == [failed.pk]
    assert "1 failed" in by_state.text
    by_kind = client.get(reverse("notices:log"), {"kind": "status-change"})
    assert [row.pk for row in by_kind.context["page"]] == [notices["staff_only"].pk]
    by_date = client.get(reverse("notices:log"), {"due_from": "2026-11-10", "due_to": "2026-11-30"})
    assert [row.pk for row in by_date.context["page"]] == [failed.pk]
    backwards = client.get(reverse("notices:log"), {"due_from": "2026-11-30", "due_to": "2026-11-10"})
    assert "cannot be before its start" in backwards.text


def test_staff_send_a_failed_notice_again_with_a_reason_and_return_to_the_filtered_log(
    login, staff_user, company, django_capture_on_commit_callbacks
):
    failed = notice(company, state=Notice.State.FAILED, last_error="SMTPServerDisconnected", attempts=6)
    client = login(staff_user)
    refused = client.post(reverse("notices:resend", args=[failed.pk]), {"reason": "", "state": "failed"}, follow=True)
    assert "Say why it is sent again" in refused.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notices:resend", args=[failed.pk]), {"reason": "Bounced", "state": "failed"})
    assert response["Location"] == reverse("notices:log") + "?state=failed"
    failed.refresh_from_db()
    assert (failed.state, failed.resend_reason, failed.resent_by) == (Notice.State.SENT, "Bounced", staff_user)


def test_the_staff_navigation_leads_to_the_notices_log(login, db):
    assert reverse("notices:log") in login(StaffFactory()).get(reverse("companies:list")).text
