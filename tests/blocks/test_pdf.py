"""secor/pdf.py: the one PDF renderer keeps what it rendered by the HTML it came from, so a kept PDF is
never out of date."""

import hashlib
from datetime import date

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from secor import hooks
from secor.pdf import render_pdf
from tests.factories import EmployeeFactory, TrainingRecordFactory, course
from tests.pdfs import pdf_text
from training.rules import CourseCode


def test_a_rendered_pdf_is_kept_under_the_hash_of_its_html():
    cache.clear()
    pdf = render_pdf("pdf/demo_document.html", {})
    html = render_to_string("pdf/demo_document.html", {})
    assert cache.get(f"pdf:{hashlib.sha256(html.encode()).hexdigest()}") == pdf
    assert render_pdf("pdf/demo_document.html", {}) == pdf
    assert "Demo document" in pdf_text(pdf)


@pytest.mark.django_db
def test_the_chart_pdf_after_a_change_shows_the_change(login, company, employer):
    EmployeeFactory(company=company, first_name="Jane", last_name="Doe")
    client = login(employer)
    url = reverse("training:chart_pdf", args=[company.pk])
    assert "SCOT-2025-77" not in pdf_text(client.get(url).content)
    TrainingRecordFactory(
        employee=company.employees.get(),
        course=course(CourseCode.SCOT),
        completed_on=date(2025, 1, 6),
        certificate_number="SCOT-2025-77",
    )
    # The factory writes as a service would, which says what it changed: the chart kept for the company is stale.
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])
    assert "SCOT-2025-77" in pdf_text(client.get(url).content)
