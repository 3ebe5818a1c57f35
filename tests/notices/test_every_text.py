"""Every notice kind SECOR mails has a text staff write word by word (issue 28): its placeholders, and SECOR's own
subject and body written with them, which are the one wording of the kind's message (the kind renders through it).

When the kinds' messages moved from Django templates to their texts, each kind's new rendering was checked equal,
byte for byte, to the old one for every notice the notices, companies, milestones, audits and training tests send."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from audits.certificates.notices import CERTIFICATE_ISSUED, CERTIFICATE_RESTORED, CERTIFICATE_SUSPENDED
from audits.certificates.services import certificate_restore, certificate_suspend
from audits.invoices import services as invoice_services
from audits.invoices.notices import INVOICE_ISSUED
from companies import services as company_services
from companies.notices import APPLICATION_DECISION
from milestones.models import MilestoneLetter
from milestones.notices import LETTER_ISSUED
from milestones.services import letter_issue
from secor.notices.editable import editable_kinds, editable_of, render_text, secors_own, text_problem
from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import Notice, NoticeText
from tests.audits.test_certificates import certificate_of
from tests.audits.test_invoices import completed_audit
from tests.clock import on
from tests.factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db
NOT_WRITTEN_BY_STAFF = {"invitation", "account-email", "partner-event"}  # a one-time link, Django's own, not mail
EDITOR = reverse("notices:text_edit", args=[APPLICATION_DECISION])


def test_every_kind_secor_mails_has_a_text_staff_write(login, staff_user):
    assert set(editable_kinds()) == set(NOTICE_KINDS) - NOT_WRITTEN_BY_STAFF
    page = login(staff_user).get(reverse("notices:texts")).text
    for key in editable_kinds():
        assert reverse("notices:text_edit", args=[key]) in page, key


@pytest.mark.parametrize("kind", editable_kinds())
def test_each_kinds_default_text_is_the_one_wording_of_its_message(kind):
    editable = editable_of(kind)
    assert NOTICE_KINDS[kind].render is secors_own
    assert "url" in editable.placeholders
    assert text_problem(editable.subject, editable.placeholders) == ""
    assert text_problem(editable.body, editable.placeholders) == ""


def accepted(staff, capture) -> Notice:
    application = ApplicationFactory(company__legal_name="Qu'Appelle Electric & Sons Inc.")
    MembershipFactory(company=application.company, user=application.submitted_by)
    with capture(execute=True):
        company_services.application_accept(application=application, actor=staff)
    return Notice.objects.get(kind=APPLICATION_DECISION, subject_key=f"companies.application:{application.pk}")


def test_a_word_of_a_kinds_text_is_changed_previewed_refused_and_sent_with_its_version(
    login, staff_user, django_capture_on_commit_callbacks
):
    first = accepted(staff_user, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert first.text_version == 0
    editable = editable_of(APPLICATION_DECISION)
    assert "is now registered in the SECOR program" in editable.body
    values = editable.values(first)
    assert (render_text(editable.subject, values), render_text(editable.body, values)) == (email.subject, email.body)

    client = login(staff_user)
    body = editable.body.replace("is now registered in", "is now a member of")
    refused = client.post(EDITOR, {"subject": editable.subject, "body": f"{{{{ phone }}}}\n{body}", "action": "save"})
    assert "Line 1: phone is not a placeholder of this notice." in refused.context["form"].errors["body"][0]
    phone = "Questions? Call SCSA at 306-555-0100."  # the last line: the form keeps no trailing line break
    edited = {"subject": editable.subject, "body": body + phone}
    preview = client.post(EDITOR, {**edited, "company": first.company_id, "action": "preview"})
    expected = email.body.replace("is now registered in", "is now a member of") + phone
    assert preview.context["preview"]["body"] == expected
    assert not NoticeText.objects.exists()
    assert client.post(EDITOR, {**edited, "action": "save"}).status_code == 302

    mail.outbox.clear()
    second = accepted(staff_user, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert second.text_version == 1
    assert "Qu'Appelle Electric & Sons Inc. is now a member of the SECOR program" in email.body
    assert email.body.endswith(f"\n{phone}")
    assert email.subject.startswith("[SECOR] Your application for Qu'Appelle Electric & Sons Inc.")


def assert_default_is_what_was_sent(kind: str) -> None:
    """The kind's word-by-word default, filled for the real notice sent, reads exactly as the email sent."""
    notice = Notice.objects.get(kind=kind)
    assert notice.text_version == 0
    (email,) = [message for message in mail.outbox if message.subject == notice.subject]
    editable = editable_of(kind)
    values = editable.values(notice)
    assert (render_text(editable.subject, values), render_text(editable.body, values)) == (email.subject, email.body)


def test_the_invoice_notices_word_by_word_default_is_secors_own_byte_for_byte(
    company, employer, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invoice_services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    assert "{{ total }}" in editable_of(INVOICE_ISSUED).subject
    assert_default_is_what_was_sent(INVOICE_ISSUED)


def test_the_certificate_notices_word_by_word_defaults_are_secors_own_byte_for_byte(
    company, employer, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_of(company, staff_user)
    with on(date(2027, 1, 4)):
        with django_capture_on_commit_callbacks(execute=True):
            certificate_suspend(certificate=certificate, actor=staff_user, reason="Maintenance overdue (MNT-1)")
        assert_default_is_what_was_sent(CERTIFICATE_SUSPENDED)
        with django_capture_on_commit_callbacks(execute=True):
            certificate_restore(certificate=certificate, actor=staff_user, reason="Package accepted")
        assert_default_is_what_was_sent(CERTIFICATE_RESTORED)
    assert_default_is_what_was_sent(CERTIFICATE_ISSUED)


def test_mil_1_the_milestone_letter_notices_default_is_what_was_sent(
    company, employer, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter_issue(company=company, milestone=MilestoneLetter.Milestone.SECOND, actor=staff_user)
    assert_default_is_what_was_sent(LETTER_ISSUED)
    assert "- " in mail.outbox[0].body  # the requirements, one line each
