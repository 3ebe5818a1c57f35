"""Every notice kind SECOR mails has a text staff write (issue 28): the kinds without a word-by-word text offer
SECOR's own subject and text as placeholders to write around; their default sends SECOR's text byte for byte."""

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
from secor.notices.editable import EDITABLE_TEXTS, editable_kinds, editable_of, render_text
from secor.notices.kinds import NOTICE_KINDS, Message
from secor.notices.models import Notice, NoticeText
from tests.audits.test_certificates import certificate_of
from tests.audits.test_invoices import completed_audit
from tests.clock import on
from tests.factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db
NOT_WRITTEN_BY_STAFF = {"invitation", "account-email", "partner-event"}  # a one-time link, Django's own, not mail
WHOLE_MESSAGE_KINDS = sorted(set(editable_kinds()) - set(EDITABLE_TEXTS))
EDITOR = reverse("notices:text_edit", args=[APPLICATION_DECISION])


def test_every_kind_secor_mails_has_a_text_staff_write(login, staff_user):
    assert set(editable_kinds()) == set(NOTICE_KINDS) - NOT_WRITTEN_BY_STAFF
    page = login(staff_user).get(reverse("notices:texts")).text
    for key in editable_kinds():
        assert reverse("notices:text_edit", args=[key]) in page, key


@pytest.mark.parametrize("kind", WHOLE_MESSAGE_KINDS)
def test_each_kinds_default_text_is_secors_own_byte_for_byte(kind):
    editable = editable_of(kind)
    message = Message(
        "[SECOR] Qu'Appelle & Sons: {{ not a placeholder }}",
        "Hello,\n\n{% if x %}Braces and 100 % stay as written.{% endif %}\n  Indented <b>line</b>\n\n",
        link="https://secor.example/companies/1/",
    )
    values = editable.values(Notice(kind=kind, recipient_name="Ann Lee"), message)
    assert render_text(editable.subject, values) == message.subject
    assert render_text(editable.body, values) == message.body


def accepted(staff, capture) -> Notice:
    application = ApplicationFactory(company__legal_name="Qu'Appelle Electric & Sons Inc.")
    MembershipFactory(company=application.company, user=application.submitted_by)
    with capture(execute=True):
        company_services.application_accept(application=application, actor=staff)
    return Notice.objects.get(kind=APPLICATION_DECISION, subject_key=f"companies.application:{application.pk}")


def test_a_kind_written_around_secors_text_is_previewed_refused_and_sent_with_its_version(
    login, staff_user, django_capture_on_commit_callbacks
):
    first = accepted(staff_user, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert first.text_version == 0
    editable = editable_of(APPLICATION_DECISION)
    values = editable.values(first)
    assert (render_text(editable.subject, values), render_text(editable.body, values)) == (email.subject, email.body)

    client = login(staff_user)
    refused = client.post(EDITOR, {"subject": "{{ subject }}", "body": "{{ body }}\n{{ phone }}", "action": "save"})
    assert "Line 2: phone is not a placeholder of this notice." in refused.context["form"].errors["body"][0]
    edited = {"subject": "{{ subject }}", "body": "{{ body }}\nQuestions? Call SCSA at 306-555-0100, {{ recipient }}."}
    preview = client.post(EDITOR, {**edited, "company": first.company_id, "action": "preview"})
    phone_line = f"\nQuestions? Call SCSA at 306-555-0100, {first.recipient_name}."
    assert preview.context["preview"]["body"] == email.body + phone_line
    assert not NoticeText.objects.exists()
    assert client.post(EDITOR, {**edited, "action": "save"}).status_code == 302

    mail.outbox.clear()
    second = accepted(staff_user, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert second.text_version == 1
    assert email.body.endswith(f"\nQuestions? Call SCSA at 306-555-0100, {second.recipient_name}.")
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
