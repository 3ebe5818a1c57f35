"""CERT-1, CERT-2: certificates, their public verification, and the public list."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from audits import rules, services
from audits.models import Certificate
from secor.notices.models import Notice
from tests.factories import completed_audit
from tests.milestones.helpers import on

pytestmark = pytest.mark.django_db


def certificate_of(company, staff, completed_on=date(2026, 8, 11), **fields) -> Certificate:
    audit = completed_audit(company, staff, completed_on)
    with on(completed_on):
        certificate = services.certificate_issue(audit=audit, actor=staff)
    Certificate.objects.filter(pk=certificate.pk).update(**fields)
    certificate.refresh_from_db()
    return certificate


@pytest.mark.parametrize(
    ("issued_on", "expires_on", "anniversary_2027"),
    [
        (date(2026, 8, 11), date(2029, 8, 11), date(2027, 8, 11)),
        (date(2024, 2, 29), date(2027, 2, 28), date(2027, 2, 28)),  # 29 February: 28 February in other years
    ],
)
def test_cert_1_valid_three_years_with_its_anniversary_that_day_each_year(issued_on, expires_on, anniversary_2027):
    assert rules.certificate_expiry(issued_on) == expires_on
    assert rules.anniversary(issued_on, 2027) == anniversary_2027
    assert rules.anniversary(date(2024, 2, 29), 2028) == date(2028, 2, 29)


def test_cert_1_valid_through_the_expiry_day_expired_the_next():
    assert rules.certificate_status(expires_on=date(2029, 8, 11), suspended=False, today=date(2029, 8, 11)) == "valid"
    assert rules.certificate_status(expires_on=date(2029, 8, 11), suspended=False, today=date(2029, 8, 12)) == "expired"
    assert rules.certificate_status(expires_on=date(2029, 8, 11), suspended=True, today=date(2029, 8, 1)) == "suspended"


def test_cert_1_the_certificate_is_a_pdf_with_its_number_dates_and_verification_link(company, staff_user, employer):
    certificate = certificate_of(company, staff_user)
    assert (certificate.issued_on, certificate.expires_on) == (date(2026, 8, 11), date(2029, 8, 11))
    assert len(certificate.number) == len("SECOR-ABCD-EFGH-JKMN") and certificate.number.startswith("SECOR-")
    with certificate.document.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert certificate.number in text and "Alice Roofing Ltd." in text and "August 11, 2029" in text
    assert f"/verify/{certificate.number}/" in text.replace("\n", "")
    assert Notice.objects.filter(kind="certificate-issued", recipient_email=employer.email).exists()


def test_cert_1_numbers_are_unique_and_not_sequential(company, other_company, staff_user):
    first = certificate_of(company, staff_user)
    second = certificate_of(other_company, staff_user)
    assert first.number != second.number
    assert set(first.number.replace("SECOR-", "").replace("-", "")) <= set(rules.CERTIFICATE_ALPHABET)


def test_cert_1_the_public_page_says_whose_it_is_its_dates_and_status_and_nothing_else(client, company, staff_user):
    certificate = certificate_of(company, staff_user)
    url = reverse("verify_certificate", args=[certificate.number])
    with on(date(2027, 1, 4)):
        page = client.get(url).content.decode()
    assert 'data-status="valid"' in page and "Alice Roofing Ltd." in page and "August 11, 2029" in page
    for private in (company.wcb_account_number, company.street_address, company.phone, company.email):
        assert private not in page
    # Typed in lower case, with spaces, from the search form.
    response = client.get(reverse("verify"), {"number": certificate.number.lower().replace("-", "- ")})
    assert response.status_code == 302
    assert client.get(reverse("verify_certificate", args=["SECOR-AAAA-BBBB-CCCC"])).status_code == 404
    with on(date(2029, 8, 12)):
        assert 'data-status="expired"' in client.get(url).content.decode()


def test_cert_2_a_suspended_certificate_shows_suspended_and_leaves_the_public_list(
    client, company, staff_user, employer
):
    certificate = certificate_of(company, staff_user)
    with on(date(2027, 1, 4)):
        assert company.legal_name in client.get(reverse("certified")).content.decode()
        with pytest.raises(ValidationError, match="Say why"):
            services.certificate_suspend(certificate=certificate, actor=staff_user, reason=" ")
        services.certificate_suspend(certificate=certificate, actor=staff_user, reason="Maintenance overdue (MNT-1)")
        assert (
            'data-status="suspended"'
            in client.get(reverse("verify_certificate", args=[certificate.number])).content.decode()
        )
        assert company.legal_name not in client.get(reverse("certified")).content.decode()
        services.certificate_restore(certificate=certificate, actor=staff_user, reason="Package accepted")
        assert company.legal_name in client.get(reverse("certified")).content.decode()
    # Suspended and restored the same day: the company is told both.
    assert Notice.objects.filter(kind__in=["certificate-suspended", "certificate-restored"]).count() == 2


def test_staff_leave_a_company_out_of_the_public_list(company, staff_user, login):
    certificate = certificate_of(company, staff_user)
    with on(date(2027, 1, 4)):
        login(staff_user).post(reverse("audits:certificate_listed", args=[company.pk, certificate.pk]), {"listed": "0"})
        assert company.legal_name not in Client().get(reverse("certified")).content.decode()
    certificate.refresh_from_db()
    assert not certificate.listed
