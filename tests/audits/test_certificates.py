"""CERT-1, CERT-2: certificates, their public verification, and the public list."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from audits.certificates import rules, services
from audits.maintenance.selectors import cycle_of
from audits.models import Certificate
from companies.models import Company
from companies.services import company_change_status, company_update_details
from milestones import rules as milestone_rules
from milestones.selectors import with_stage
from secor.notices.models import Notice
from tests.clock import on
from tests.factories import completed_audit
from tests.pdfs import pdf_text

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
    text = pdf_text(certificate.document.file)
    assert certificate.number in text and "Alice Roofing Ltd." in text and "August 11, 2029" in text
    assert f"/verify/{certificate.number}/" in pdf_text(certificate.document.file, wrapped="")
    assert Notice.objects.filter(kind="certificate-issued", recipient_email=employer.email).exists()


def test_cert_1_numbers_are_unique_and_not_sequential(company, other_company, staff_user):
    first = certificate_of(company, staff_user)
    second = certificate_of(other_company, staff_user)
    assert first.number != second.number
    assert set(first.number.replace("SECOR-", "").replace("-", "")) <= set(rules.CERTIFICATE_ALPHABET)


def test_cert_1_the_public_page_says_whose_it_is_its_dates_and_status_and_nothing_else(client, company, staff_user):
    certificate = certificate_of(company, staff_user)
    url = reverse("audits:verify_certificate", args=[certificate.number])
    with on(date(2027, 1, 4)):
        page = client.get(url).content.decode()
    assert 'data-status="valid"' in page and "Alice Roofing Ltd." in page and "August 11, 2029" in page
    for private in (company.wcb_account_number, company.street_address, company.phone, company.email):
        assert private not in page
    # Typed in lower case, with spaces, from the search form.
    response = client.get(reverse("audits:verify"), {"number": certificate.number.lower().replace("-", "- ")})
    assert response.status_code == 302
    assert client.get(reverse("audits:verify_certificate", args=["SECOR-AAAA-BBBB-CCCC"])).status_code == 404
    with on(date(2029, 8, 12)):
        assert 'data-status="expired"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "SECOR-ABCD-EFGH-JKMN",
        "secor-abcd-efgh-jkmn",
        "SECOR ABCD EFGH JKMN",
        "ABCD-EFGH-JKMN",
        "abcdefghjkmn",
        "SECOR\u2013ABCD\u2013EFGH\u2013JKMN",  # en dashes
        "SECOR—ABCD—EFGH—JKMN",  # em dashes
        " Secor ABCD-efgh JKMN. ",
    ],
)
def test_cert_1_a_number_is_read_however_it_was_typed(typed):
    assert rules.certificate_number_typed(typed) == "SECOR-ABCD-EFGH-JKMN"


@pytest.mark.parametrize("typed", ["ABCD-EFGH-JKM", "ABCD-EFGH-JKMNP", "ABCD-EFGH-JKM0", "SECOR-ABCD-EFGH-JKMI", ""])
def test_cert_1_a_number_one_character_off_is_not_a_number(typed):
    assert rules.certificate_number_typed(typed) is None


def test_cert_1_verification_finds_a_certificate_typed_without_its_prefix_or_dashes(client, company, staff_user):
    certificate = certificate_of(company, staff_user)
    characters = certificate.number.removeprefix("SECOR-").replace("-", "")
    for typed in (characters.lower(), " ".join(characters), certificate.number.replace("-", "—")):
        response = client.get(reverse("audits:verify"), {"number": typed})
        assert response.status_code == 302 and response.url == f"/verify/{certificate.number}/"
    # An address typed by hand goes to the number as printed.
    response = client.get(reverse("audits:verify_certificate", args=[characters.lower()]))
    assert response.status_code == 302 and response.url == f"/verify/{certificate.number}/"


def test_cert_1_a_near_miss_says_check_the_number_with_its_shape(client, company, staff_user):
    certificate = certificate_of(company, staff_user)
    one_off = certificate.number[:-1]
    page = client.get(reverse("audits:verify"), {"number": one_off})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Check the number." in text and "SECOR-ABCD-EFGH-JKMN" in text and f'value="{one_off}"' in text
    # A number of the right shape that no certificate has.
    missing = "SECOR-" + "-".join(["2345"] * 3)
    page = client.get(reverse("audits:verify_certificate", args=[missing]))
    assert page.status_code == 404
    assert "Check the number." in page.content.decode() and 'data-status="unknown"' in page.content.decode()


def test_cert_1_the_public_home_links_to_verification_and_the_certified_list(client):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("audits:verify")}"' in page and f'href="{reverse("audits:certified")}"' in page


def test_cert_2_a_suspended_certificate_shows_suspended_and_leaves_the_public_list(
    client, company, staff_user, employer
):
    certificate = certificate_of(company, staff_user)
    with on(date(2027, 1, 4)):
        assert company.legal_name in client.get(reverse("audits:certified")).content.decode()
        with pytest.raises(ValidationError, match="Say why"):
            services.certificate_suspend(certificate=certificate, actor=staff_user, reason=" ")
        services.certificate_suspend(certificate=certificate, actor=staff_user, reason="Maintenance overdue (MNT-1)")
        assert (
            'data-status="suspended"'
            in client.get(reverse("audits:verify_certificate", args=[certificate.number])).content.decode()
        )
        assert company.legal_name not in client.get(reverse("audits:certified")).content.decode()
        services.certificate_restore(certificate=certificate, actor=staff_user, reason="Package accepted")
        assert company.legal_name in client.get(reverse("audits:certified")).content.decode()
    # Suspended and restored the same day: the company is told both.
    assert Notice.objects.filter(kind__in=["certificate-suspended", "certificate-restored"]).count() == 2


def test_cert_1_the_certified_list_is_searched_without_accents_or_punctuation(client, company, staff_user):
    Company.objects.filter(pk=company.pk).update(legal_name="Qu'Appelle Roofing Ltd.")
    company.refresh_from_db()
    company.save()
    certificate_of(company, staff_user)
    with on(date(2027, 1, 4)):
        assert "Qu&#x27;Appelle Roofing" in client.get(reverse("audits:certified"), {"q": "quappelle"}).text
        assert "Qu&#x27;Appelle Roofing" not in client.get(reverse("audits:certified"), {"q": "saskatoon"}).text
        # Never by its WCB number, which the public list does not show.
        by_wcb = client.get(reverse("audits:certified"), {"q": company.wcb_account_number}).text
        assert "Qu&#x27;Appelle Roofing" not in by_wcb


def test_staff_leave_a_company_out_of_the_public_list(company, staff_user, login):
    certificate = certificate_of(company, staff_user)
    with on(date(2027, 1, 4)):
        login(staff_user).post(reverse("audits:certificate_listed", args=[company.pk, certificate.pk]), {"listed": "0"})
        assert company.legal_name not in Client().get(reverse("audits:certified")).content.decode()
    certificate.refresh_from_db()
    assert not certificate.listed


# --- CERT-2 (DOMAIN section 8): a certificate is in good standing only while its company is in the program ----


def _leave(company, staff, action: str, day: date, effective_on: date | None = None):
    with on(day):
        return company_change_status(
            company=company, actor=staff, action=action, reason="As agreed with SCSA", effective_on=effective_on
        )


def _verification(client, certificate, day: date) -> str:
    with on(day):
        return client.get(reverse("audits:verify_certificate", args=[certificate.number])).content.decode()


def _listed(client, company, day: date) -> bool:
    with on(day):
        return company.legal_name in client.get(reverse("audits:certified")).content.decode()


def test_cert_2_ended_only_by_a_leaving_within_its_three_years():
    issued, expires = date(2026, 8, 11), date(2029, 8, 11)
    assert rules.certificate_ended_on(issued_on=issued, expires_on=expires, left_program_on=None) is None
    # A leaving before the issue belongs to an earlier registration; one after the expiry finds it expired.
    assert rules.certificate_ended_on(issued_on=issued, expires_on=expires, left_program_on=date(2026, 8, 10)) is None
    assert rules.certificate_ended_on(issued_on=issued, expires_on=expires, left_program_on=date(2029, 8, 12)) is None
    assert rules.certificate_ended_on(issued_on=issued, expires_on=expires, left_program_on=date(2029, 8, 11)) == date(
        2029, 8, 11
    )
    ended = {"expires_on": expires, "suspended": True, "ended_on": date(2027, 3, 3)}
    assert rules.certificate_status(**ended, today=date(2027, 3, 3)) == "ended"  # ended wins over suspended
    assert rules.certificate_status(**ended, today=date(2030, 1, 1)) == "ended"  # and over the later expiry
    assert rules.certificate_status(**ended, today=date(2027, 3, 3), superseded=True) == "superseded"


def test_cert_2_a_transfer_to_cor_ends_the_certificate_that_day_in_verification_and_the_public_list(
    client, company, staff_user
):
    certificate = certificate_of(company, staff_user)
    assert _listed(client, company, date(2027, 3, 2))
    _leave(company, staff_user, "transfer_to_cor", date(2027, 3, 3))
    page = _verification(client, certificate, date(2027, 3, 3))
    assert 'data-status="ended"' in page
    assert (
        "<strong>Ended</strong> on March 3, 2027: the company left the SECOR program (transferred to the COR program)"
        in page
    )
    assert "CERT-2" not in page  # the public reads the rule in words
    assert not _listed(client, company, date(2027, 3, 3))


def test_cert_2_the_public_list_kept_between_writes_follows_a_new_name_and_a_leaving_the_same_day(
    client, company, staff_user
):
    certificate_of(company, staff_user)
    day = date(2027, 3, 3)
    assert _listed(client, company, day)  # now kept: every visitor reads the same list
    with on(day):
        company_update_details(company=company, actor=staff_user, data={"legal_name": "Qu'Appelle Renamed Ltd."})
        assert "Qu&#x27;Appelle Renamed" in client.get(reverse("audits:certified"), {"q": "quappelle"}).content.decode()
    company.refresh_from_db()
    _leave(company, staff_user, "withdraw", day)
    assert not _listed(client, company, day)


@pytest.mark.parametrize(
    ("action", "effective_on", "ended_on", "words"),
    [
        ("withdraw", None, "March 3, 2027", "withdrew from SECOR"),
        # A de-roll recorded by hand may be dated earlier (ELIG-5): the certificate ended on that day.
        ("deroll", date(2027, 3, 1), "March 1, 2027", "removed for missing a milestone deadline"),
    ],
)
def test_cert_2_a_withdrawal_or_a_deroll_ends_it_on_its_date(
    client, company, staff_user, action, effective_on, ended_on, words
):
    certificate = certificate_of(company, staff_user)
    _leave(company, staff_user, action, date(2027, 3, 3), effective_on)
    page = _verification(client, certificate, date(2027, 3, 4))
    assert f"<strong>Ended</strong> on {ended_on}: the company left the SECOR program ({words})" in page
    assert not _listed(client, company, date(2027, 3, 4))


def test_cert_2_reinstatement_within_its_three_years_restores_it(client, company, staff_user):
    certificate = certificate_of(company, staff_user)
    _leave(company, staff_user, "withdraw", date(2027, 3, 3))
    assert 'data-status="ended"' in _verification(client, certificate, date(2027, 4, 4))
    _leave(company, staff_user, "reinstate", date(2027, 4, 5))
    assert 'data-status="valid"' in _verification(client, certificate, date(2027, 4, 5))
    assert _listed(client, company, date(2027, 4, 5))


def test_cert_2_a_new_registration_does_not_restore_the_ended_certificate(client, company, staff_user):
    """Registering again starts afresh (DOMAIN section 8, MIL-1): only a reinstatement restores a certificate."""
    certificate = certificate_of(company, staff_user)
    _leave(company, staff_user, "withdraw", date(2027, 3, 3))
    Company.objects.filter(pk=company.pk).update(status=Company.Status.REGISTERED, registration_date=date(2027, 5, 1))
    assert 'data-status="ended"' in _verification(client, certificate, date(2027, 5, 2))
    # Its new registration is not held to the ended certificate's cycle (no re-certification asked of it) and
    # is not at the "certified" stage of the roadmap: it works towards a baseline audit.
    company.refresh_from_db()
    assert cycle_of(company=company, today=date(2027, 5, 2)) is None
    stage = with_stage(Company.objects.filter(pk=company.pk), today=date(2027, 5, 2)).get().roadmap_stage
    assert stage != milestone_rules.CERTIFIED
    # Its next certificate, issued after that registration, is not ended by the earlier leaving.
    renewed = certificate_of(company, staff_user, completed_on=date(2028, 6, 1))
    assert 'data-status="valid"' in _verification(client, renewed, date(2028, 6, 2))
    assert _listed(client, company, date(2028, 6, 2))


def test_cert_2_leaving_the_public_list_out_survives_recertification(client, company, staff_user):
    certificate_of(company, staff_user, listed=False)
    renewed = certificate_of(company, staff_user, completed_on=date(2029, 6, 1))
    assert renewed.listed is False
    assert not _listed(client, company, date(2029, 6, 2))


def test_cert_2_the_company_and_staff_pages_show_the_certificate_ended(company, staff_user, employer, login):
    certificate = certificate_of(company, staff_user)
    _leave(company, staff_user, "transfer_to_cor", date(2027, 3, 3))
    ended = "<strong>Ended</strong> on March 3, 2027: the company left the SECOR program"
    with on(date(2027, 3, 10)):
        staff = login(staff_user)
        page = staff.get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert 'data-certificate-status="ended"' in page and ended in page
        audits = staff.get(reverse("audits:audits", args=[company.pk])).content.decode()
        assert f'id="certificate-{certificate.pk}" data-certificate-status="ended"' in audits and ended in audits
        # Suspension is the other way out: an ended certificate is not suspended on top.
        with pytest.raises(ValidationError, match="only a valid one is suspended"):
            services.certificate_suspend(certificate=certificate, actor=staff_user, reason="Maintenance overdue")
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert ended in page and "CERT-2" not in page
