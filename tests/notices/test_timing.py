"""NTC-1's offsets as program settings (issue 28): the page says, before saving, which notices the change moves
at the next sweep and for which companies, and the sweep then does just that."""

from datetime import date

import pytest
from django.urls import reverse

from secor.core.models import ProgramSettings
from secor.notices.models import Notice
from tests.clock import on
from tests.factories import TrainingRecordFactory, course
from tests.notices.test_sweep import sweep_on
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
PAGE = reverse("pages:notice_timing")
CURRENT = {
    "proficiency_notice_days": 30,
    "letter_first_warning_days": 60,
    "letter_last_warning_days": 14,
    "milestone_1_months": 12,
    "milestone_2_months": 18,
    "maintenance_correction_days": 30,
}


@pytest.fixture
def self_audit_deadline(jane):
    """Jane's self-audit is due by September 15, 2026 (TRN-5): told on August 16 with the 30 days of today."""
    TrainingRecordFactory(employee=jane, course=course(CourseCode.SAFETY_AUDITOR), completed_on=date(2026, 1, 15))


def test_ntc_1_the_preview_of_an_earlier_notice_is_what_the_next_sweep_sends(
    login, company, employer, jane, staff_user, self_audit_deadline
):
    client = login(staff_user)
    with on(date(2026, 8, 6), 7, tick=False):  # 40 days before the deadline
        preview = client.post(PAGE, {**CURRENT, "proficiency_notice_days": 45, "action": "preview"})
        moved = preview.context["moved"]
        assert {(row.company, row.recipient, row.sooner) for row in moved} == {
            (company.legal_name, employer.email, True),
            (company.legal_name, jane.email, True),
        }
        assert "2 notices sent sooner (at the next sweep); 0 notices no longer sent" in preview.text
        assert ProgramSettings.current().proficiency_notice_days == 30  # a preview saves nothing
        assert client.post(PAGE, {**CURRENT, "proficiency_notice_days": 45, "action": "save"}).status_code == 302
    report = sweep_on(2026, 8, 6)
    assert report.claimed_by_kind == {"self-audit-due": 2}
    claimed = set(Notice.objects.values_list("recipient_email", flat=True))
    assert claimed == {row.recipient for row in moved}


def test_ntc_1_a_later_notice_is_previewed_and_one_already_sent_is_not_counted(
    login, employer, jane, staff_user, self_audit_deadline
):
    client = login(staff_user)
    with on(date(2026, 8, 20), 7, tick=False):  # 26 days before: due with 30, not with 20
        later = client.post(PAGE, {**CURRENT, "proficiency_notice_days": 20, "action": "preview"}).context["moved"]
        assert [row.sooner for row in later] == [False, False]
    sweep_on(2026, 8, 20)  # sent with the 30 days
    with on(date(2026, 8, 20), 8, tick=False):
        assert client.post(PAGE, {**CURRENT, "proficiency_notice_days": 20, "action": "preview"}).context["moved"] == []


def test_ntc_1_a_last_warning_before_the_first_is_refused_by_its_field(login, staff_user):
    response = login(staff_user).post(PAGE, {**CURRENT, "letter_last_warning_days": 90, "action": "save"})
    assert response.status_code == 200
    assert "give it fewer days" in response.context["form"].errors["letter_last_warning_days"][0]
    assert 'value="90"' in response.text
    assert ProgramSettings.current().letter_last_warning_days == 14
