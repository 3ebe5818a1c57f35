"""AUD-4: the score sheet starts from the points the audit-tool version gives each section, and a sheet with a
section not scored yet says how many are, and is never "achieved"."""

from datetime import date

import pytest
from django.urls import reverse

from audits.audit.rules import AuditResult, SectionScore
from audits.models import Audit
from audits.tool.selectors import audit_tool_on, sections_of
from tests.clock import on
from tests.factories import ManualSubmissionFactory

pytestmark = pytest.mark.django_db


def test_aud_4_a_result_with_a_section_not_scored_is_never_achieved():
    scored = (SectionScore("1", 10, 10, pass_percent=50),)
    assert AuditResult(scored, pass_percent=80).achieved
    assert not AuditResult(scored, pass_percent=80, unscored=1).achieved


@pytest.fixture
def audit(company, auditor):
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 1, 5))
    tool = audit_tool_on(date(2026, 6, 1))
    tool.sections.update(available_points=20)
    return Audit.objects.create(
        company=company,
        kind="baseline",
        purpose="baseline",
        tool=tool,
        auditor=auditor,
        scheduled_on=date(2026, 8, 10),
        location="1 Victoria Avenue",
        scheduled_by=auditor,
    )


def test_aud_4_the_sheet_fills_the_versions_points_and_says_how_many_sections_are_scored(login, auditor, audit):
    sections = sections_of(audit.tool)
    url = reverse("audits:audit", args=[audit.company_id, audit.pk])
    client = login(auditor)
    page = client.get(url)
    assert page.context["form"][f"available_{sections[0].pk}"].value() == 20
    assert 'value="20" class="form-control' in page.content.decode()
    # Three sections scored in full: 100% so far, yet not achieved while the other 13 wait.
    client.post(url, {f"actual_{section.pk}": "20" for section in sections[:3]})
    text = client.get(url).content.decode()
    assert f"3 of {len(sections)} sections scored" in text and 'data-achieved="no"' in text
    assert "the standard is achieved" not in text
    # Completing it is refused before the page that asks to confirm, saying what is missing.
    complete = reverse("audits:audit_complete", args=[audit.company_id, audit.pk])
    with on(date(2026, 8, 11)):
        refused = client.post(complete, {"completed_on": "2026-08-11"}, follow=True).content.decode()
    assert "Complete the baseline audit" not in refused
    assert f"3 of {len(sections)} sections scored: enter the points of every section first." in refused
    audit.refresh_from_db()
    assert audit.state == Audit.State.SCHEDULED
