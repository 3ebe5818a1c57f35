"""CERT-1, CERT-2: a prime contractor verifies a list of sub-contractors at once, without signing in: certificate
numbers or WCB account numbers, typed any way, pasted or in a file, answered as `/verify/` answers each one, as a
table or a CSV file."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.certificates import verification
from audits.certificates.services import certificate_suspend
from audits.models import Certificate
from tests.clock import on
from tests.factories import certificate_without_pdf

URL = reverse("audits:verify_list")
VALID, SUSPENDED = "SECOR-ABCD-EFGH-JKMN", "SECOR-2345-6789-ABCD"
TODAY = date(2027, 1, 4)


@pytest.fixture
def certificates(company, other_company, staff_user):
    valid = certificate_without_pdf(company, staff_user, date(2026, 8, 11), number=VALID)
    suspended = certificate_without_pdf(other_company, staff_user, date(2026, 5, 1), number=SUSPENDED)
    with on(date(2026, 12, 1)):
        certificate_suspend(certificate=suspended, actor=staff_user, reason="Maintenance overdue")
    return valid, suspended


def _typed(company) -> list[str]:
    wcb = company.wcb_account_number
    return [
        "secor abcd-efgh\u2013jkmn",  # the valid one, in lower case with a word processor's dash
        "2345 6789 ABCD",  # the suspended one, without its prefix
        f"{wcb[:3]} {wcb[3:]}",  # the valid one's company, by its WCB number typed with a space
        "SECOR-ZZZZ-ZZZZ-ZZZZ",  # a certificate number no certificate has
        "123-456-789",  # a WCB number no company has
        "SECOR-ABCD-1",  # neither
    ]


def test_cert_1_each_number_is_read_however_typed_and_answered_as_verify_answers_it(
    certificates, company, django_assert_max_num_queries
):
    with on(TODAY), django_assert_max_num_queries(4):
        answers = verification.verify_numbers(_typed(company), today=TODAY)
    assert [(answer.kind, answer.status) for answer in answers] == [
        ("certificate", "valid"),
        ("certificate", "suspended"),
        ("wcb", "valid"),
        ("certificate", "unknown"),
        ("wcb", "unknown"),
        ("not-a-number", "unknown"),
    ]
    assert answers[0].company_name == company.legal_name and answers[0].expires_on == date(2029, 8, 11)
    assert answers[1].suspended_on == date(2026, 12, 1)
    assert answers[2].certificate_number == VALID


def test_cert_1_a_companys_current_certificate_is_its_latest_not_superseded(company, staff_user):
    first = certificate_without_pdf(company, staff_user, date(2023, 8, 11), number=SUSPENDED)
    second = certificate_without_pdf(company, staff_user, date(2026, 8, 11), number=VALID)
    Certificate.objects.filter(pk=first.pk).update(superseded_by=second)
    with on(TODAY):
        (answer,) = verification.verify_numbers([company.wcb_account_number], today=TODAY)
    assert (answer.certificate_number, answer.status) == (VALID, "valid")


def test_cert_1_a_pasted_list_is_answered_as_a_table_and_as_csv(client, certificates, company):
    pasted = "\n".join(_typed(company)) + "\nCompany name, , \n"
    with on(TODAY):
        page = client.post(URL, {"numbers": pasted})
        download = client.post(URL, {"numbers": pasted, "csv": "1"})
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('data-status="valid"') == 2 and body.count('data-status="suspended"') == 1
    assert body.count('data-status="unknown"') == 3  # the heading "Company name" is no number: left out
    assert "Suspended</strong> since Dec. 1, 2026" in body or "Suspended</strong> since December 1, 2026" in body
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert download["Content-Type"] == "text/csv"
    assert rows[0][:4] == ["Typed", "Read as", "Number", "Status"]
    assert [row[3] for row in rows[1:]] == ["valid", "suspended", "valid", "unknown", "unknown", "unknown"]
    assert rows[1][5:9] == [company.legal_name, company.city, "2026-08-11", "2029-08-11"]


def test_cert_1_a_spreadsheets_column_saved_as_csv_is_read_too(client, certificates, company):
    upload = SimpleUploadedFile("subs.csv", f"WCB number,Name\r\n{company.wcb_account_number},Alice\r\n".encode())
    with on(TODAY):
        page = client.post(URL, {"file": upload})
    assert page.content.decode().count('data-status="valid"') == 1


def test_an_empty_or_too_long_list_is_sent_back_with_what_to_do(client, db):
    empty = client.post(URL, {"numbers": " \n "})
    assert empty.status_code == 400 and "Paste the numbers" in empty.content.decode()
    too_many = client.post(URL, {"numbers": "\n".join(f"{100000 + n}" for n in range(1001))})
    assert too_many.status_code == 400
    assert "This list has 1,001 numbers; up to 1,000 are checked at once" in too_many.content.decode()
    assert "100000" in too_many.content.decode()  # the list typed is kept in the form


def test_an_address_checking_list_after_list_is_told_to_wait(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "verify_many": "2/h/ip"}
    answers = [client.post(URL, {"numbers": "123456"}).status_code for _ in range(3)]
    assert answers == [200, 200, 400]
    assert "try again in an hour" in client.post(URL, {"numbers": "123456"}).content.decode()
