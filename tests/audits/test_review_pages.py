"""The review pages of the manual and of a maintenance package share one decision, posted in each page's own
words: a refusal comes back on the page, next to the field it is about, with what was typed kept."""

import re
from datetime import date

import pytest
from django.urls import reverse

from secor.reviews.models import Review
from tests.audits.cycle import certified, send_package
from tests.audits.manuals import sections
from tests.factories import ManualSubmissionFactory
from tests.milestones.helpers import on

pytestmark = pytest.mark.django_db


def _feedback_after(page: str, name: str) -> str:
    """The message shown by the field `name` (Bootstrap's invalid-feedback that follows it)."""
    field = re.search(rf'<(?:select|textarea)[^>]*name="{name}"[^>]*>', page)
    assert field is not None, name
    assert "is-invalid" in field.group(0)
    feedback = re.search(r'class="invalid-feedback[^"]*"[^>]*>(?:\s|<[^>]+>)*([^<]+)', page[field.end() :])
    return feedback.group(1).strip()


def test_man_2_a_section_without_a_verdict_comes_back_with_the_message_by_it_and_what_was_typed(
    login, staff_user, company
):
    manual = ManualSubmissionFactory(company=company)
    url = reverse("audits:manual_review", args=[company.pk, manual.pk])
    first, *others = sections()
    verdicts = {f"verdict_{s.pk}": "accepted" for s in others}
    response = login(staff_user).post(url, verdicts | {"comments": "Well organised."})
    assert response.status_code == 200
    page = response.content.decode()
    name = first.name.replace("&", "&amp;")
    assert f'<div class="invalid-feedback d-block">Accept {name}, or say it needs corrections.</div>' in page
    assert "Well organised.</textarea>" in page and page.count("checked") >= len(others)
    manual.review.refresh_from_db()
    assert manual.review.state == Review.State.SUBMITTED


def test_mnt_1_a_package_returned_without_comments_comes_back_with_the_message_by_the_comments(
    login, company, staff_user, employer
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 5, 28))
    with on(date(2027, 5, 29)):
        url = reverse("audits:maintenance_review", args=[company.pk, package.pk])
        response = login(staff_user).post(url, {"outcome": "corrections", "comments": ""})
        assert response.status_code == 200
        page = response.content.decode()
        message = "Say what needs correcting, so the company can correct it and send it again."
        assert _feedback_after(page, "comments") == message
        assert 'value="corrections" selected' in page
        response = login(staff_user).post(url, {"comments": "Sign it."})
        assert _feedback_after(response.content.decode(), "outcome") == (
            "Choose the outcome: accepted, or returned for corrections."
        )
    package.review.refresh_from_db()
    assert package.review.state == Review.State.SUBMITTED
