"""MAN-1: the SECOR audit tool is data per version: 13 national standard elements and 3 SCSA supplemental
sections, seeded; staff name the supplemental sections, not the national ones."""

from datetime import date

import pytest
from django.urls import reverse

from audits import selectors
from audits.models import AuditSection
from audits.rules import NATIONAL_ELEMENTS
from secor.core.models import User
from tests.factories import authenticator_app_give

pytestmark = pytest.mark.django_db


def test_man_1_the_tool_in_effect_has_13_national_elements_then_3_supplemental_sections():
    sections = selectors.sections_of(selectors.audit_tool_on(date(2026, 11, 27)))
    assert [section.name for section in sections[:13]] == list(NATIONAL_ELEMENTS)
    assert [section.number for section in sections] == list(range(1, 17))
    assert [section.supplemental for section in sections] == [False] * 13 + [True] * 3


def test_man_1_staff_rename_a_supplemental_section_but_not_a_national_element(client):
    admin = User.objects.create_superuser(email="root@scsa.example", password="x" * 12)
    authenticator_app_give(admin)  # a superuser is staff: a second factor before any page (issue 12)
    client.force_login(admin)
    supplemental = AuditSection.objects.filter(supplemental=True).first()
    national = AuditSection.objects.get(number=1)
    response = client.post(
        reverse("admin:audits_auditsection_change", args=[supplemental.pk]), {"name": "Fall Protection"}
    )
    assert response.status_code == 302
    supplemental.refresh_from_db()
    assert supplemental.name == "Fall Protection"
    client.post(reverse("admin:audits_auditsection_change", args=[national.pk]), {"name": "Renamed"})
    national.refresh_from_db()
    assert national.name == "Company Health & Safety Policy"
