"""Strict headers on every page (issue 12): a Content Security Policy with no inline script or style, the
Referrer-Policy and Permissions-Policy; a previewed document may be framed by our own pages only."""

import pytest
from django.urls import reverse

from tests.factories import DocumentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_policy_headers(client):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_document_previewed_inline_may_be_framed_by_our_pages_only(login):
    employer = MembershipFactory().user
    document = DocumentFactory(company=employer.membership.company)
    url = reverse("companies:document", args=[document.company_id, document.pk])
    response = login(employer).get(url, {"view": "inline"})
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    download = login(employer).get(url)
    assert "frame-ancestors 'none'" in download["Content-Security-Policy"]
