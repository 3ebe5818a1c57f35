"""MAN-2: the review of a corrected manual starts from the previous review's verdicts and comments, the sections
whose files the company replaced marked; the outcome follows from the section verdicts."""

import pytest
from django.urls import reverse

from audits.manual import services
from audits.manual.inputs import ManualPart
from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import Review
from tests.audits.manuals import checked, manual_pdf, sections, whole_manual

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(company, employer, staff_user):
    manual = services.manual_submit(company=company, actor=employer, parts=whole_manual())
    to_correct = {3: "Add the SWP for roof work.", 14: "Name the supplemental program."}
    verdicts = [
        SectionVerdict(str(s), "corrections" if s.number in to_correct else "accepted", to_correct.get(s.number, ""))
        for s in sections()
    ]
    services.manual_decide(manual=manual, actor=staff_user, verdicts=verdicts)
    tool = {s.number: s for s in sections()}
    services.manual_resubmit(
        manual=manual, actor=employer, parts=[ManualPart(checked(manual_pdf(title="v2")), [tool[3], tool[14]])]
    )
    return manual


def test_man_2_the_review_of_a_correction_starts_from_the_previous_verdicts_with_changed_sections_marked(
    login, staff_user, company, corrected
):
    url = reverse("audits:manual_review", args=[company.pk, corrected.pk])
    client = login(staff_user)
    page = client.get(url)
    form, text = page.context["form"], page.content.decode()
    tool = {s.number: s for s in sections()}
    assert form[f"verdict_{tool[3].pk}"].value() == "corrections"
    assert form[f"comment_{tool[3].pk}"].value() == "Add the SWP for roof work."
    assert form[f"verdict_{tool[9].pk}"].value() == "accepted"
    assert "starts from the review of version 1" in text
    assert page.context["carry_over"].changed == {str(tool[3]), str(tool[14])}
    assert text.count('data-changed="yes"') == 2 and 'name="outcome"' not in text
    # The reviewer accepts the two corrected sections: every section accepted approves the manual.
    post = {f"verdict_{s.pk}": "accepted" for s in tool.values()}
    assert client.post(url, post).status_code == 302
    corrected.review.refresh_from_db()
    assert corrected.review.state == Review.State.ACCEPTED
