"""MAN-1: the SECOR audit tool is data per version: 13 national standard elements and 3 SCSA supplemental
sections, seeded; the admin reads them (staff make new versions on SECOR's pages: audits/test_tool_versions.py)."""

from datetime import date

import pytest
from django.urls import reverse

from audits.models import AuditSection
from audits.tool import selectors
from audits.tool.rules import NATIONAL_ELEMENTS
from secor.core.models import User
from tests.factories import authenticator_app_give

pytestmark = pytest.mark.django_db


def test_man_1_the_tool_in_effect_has_13_national_elements_then_3_supplemental_sections():
    sections = selectors.sections_of(selectors.audit_tool_on(date(2026, 11, 27)))
    assert [section.name for section in sections[:13]] == list(NATIONAL_ELEMENTS)
    assert [section.number for section in sections] == list(range(1, 17))
    assert [section.supplemental for section in sections] == [False] * 13 + [True] * 3


def test_man_1_the_admin_reads_the_tool_without_changing_it(client):
    """A version in effect changes only by a new version, made by copying it on SECOR's pages (Audit tool)."""
    admin = User.objects.create_superuser(email="root@scsa.example", password="x" * 12)
    authenticator_app_give(admin)  # a superuser is staff: a second factor before any page (issue 12)
    client.force_login(admin)
    supplemental = AuditSection.objects.filter(supplemental=True).first()
    url = reverse("admin:audits_auditsection_change", args=[supplemental.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "Fall Protection"}).status_code == 403
    supplemental.refresh_from_db()
    assert supplemental.name == "SCSA supplemental section 1"
