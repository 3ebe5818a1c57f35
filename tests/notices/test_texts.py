"""Notice texts staff edit (issue 28): SECOR's own text until they save one; a text edited, previewed for a real
company, refused when broken (with the line), sent with its version recorded; the history and the way back."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from companies.questions.models import Question
from companies.questions.notices import QUESTION_ANSWERED
from companies.questions.services import question_answer
from secor.notices.editable import EDITABLE_TEXTS, render_text, text_problem
from secor.notices.models import Notice, NoticeText
from tests.clock import on
from tests.factories import MembershipFactory
from tests.notices.test_sweep import done, sweep_on
from training.notices import LSE_PROFICIENCY_DUE, SELF_AUDIT_DUE
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
EDITOR = reverse("notices:text_edit", args=[QUESTION_ANSWERED])
PLACEHOLDERS = EDITABLE_TEXTS[QUESTION_ANSWERED].placeholders


@pytest.fixture
def asker(company):
    return MembershipFactory(company=company).user


def answer(company, asker, staff, capture, text="Any two written for your own work.") -> Notice:
    question = Question.objects.create(company=company, asked_by=asker, text="Which SWPs count?")
    with capture(execute=True):
        question_answer(question=question, actor=staff, answer=text)
    return Notice.objects.filter(kind=QUESTION_ANSWERED).latest("pk")


def test_secors_own_text_is_sent_until_staff_save_one_and_the_default_reads_the_same(
    company, asker, staff_user, django_capture_on_commit_callbacks
):
    notice = answer(company, asker, staff_user, django_capture_on_commit_callbacks)
    assert notice.text_version == 0
    (email,) = mail.outbox
    # The text staff start from is SECOR's own, word for word.
    editable = EDITABLE_TEXTS[QUESTION_ANSWERED]
    values = editable.values(notice)
    assert render_text(editable.subject, values) == email.subject
    assert render_text(editable.body, values).strip() == email.body.strip()


def test_a_text_edited_previewed_and_saved_is_sent_with_its_version(
    login, company, asker, staff_user, django_capture_on_commit_callbacks
):
    first = answer(company, asker, staff_user, django_capture_on_commit_callbacks, text="Call us.")
    client = login(staff_user)
    page = client.get(EDITOR)
    assert "{{ answered_by }}" in page.text and "{{ url }}" in page.text  # the placeholders beside the editor
    edited = {"subject": "[SECOR] Your answer ({{ step }})", "body": "Dear {{ asked_by }},\n{{ answer }}\nPhone 306"}
    preview = client.post(EDITOR, {**edited, "company": company.pk, "action": "preview"})
    assert preview.context["preview"]["body"] == f"Dear {first.recipient_name or asker},\nCall us.\nPhone 306"
    assert not NoticeText.objects.exists()  # a preview saves nothing
    saved = client.post(EDITOR, {**edited, "action": "save"})
    assert saved.status_code == 302
    mail.outbox.clear()
    notice = answer(company, asker, staff_user, django_capture_on_commit_callbacks, text="Yes.")
    assert notice.text_version == 1
    (email,) = mail.outbox
    assert email.subject == "[SECOR] Your answer (general question)"
    assert email.body.endswith("Yes.\nPhone 306")
    assert Notice.objects.get(pk=first.pk).text_version == 0  # the earlier notice keeps the version it was sent with


def test_secors_own_text_saved_unchanged_from_the_browser_is_kept_line_break_for_line_break(login, staff_user):
    """A browser sends a textarea's lines ended by CR LF, and its last line break too: the text kept is SECOR's own."""
    editable = EDITABLE_TEXTS[QUESTION_ANSWERED]
    sent = {"subject": editable.subject, "body": editable.body.replace("\n", "\r\n"), "action": "save"}
    assert login(staff_user).post(EDITOR, sent).status_code == 302
    assert NoticeText.objects.get(kind=QUESTION_ANSWERED).body == editable.body


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Hello\n{{ phone_number }}", "Line 2: phone_number is not a placeholder of this notice."),
        ("Hello\n\n{% if answer %}yes", "Line 3: Unexpected end of template."),
        ("{{ answer.__class__.__mro__ }}", "__class__"),
        ("{{ answer.upper.__globals__ }}", "__globals__"),
    ],
)
def test_a_text_that_does_not_render_is_refused_with_the_line_at_fault(login, staff_user, body, problem):
    response = login(staff_user).post(EDITOR, {"subject": "[SECOR] Answer", "body": body, "action": "save"})
    assert response.status_code == 200
    assert problem in response.context["form"].errors["body"][0]
    assert body.split("\n")[0] in response.text  # the user's text is shown back
    assert not NoticeText.objects.exists()


def test_the_sandbox_reaches_nothing_beyond_the_placeholders():
    assert text_problem("{{ answer }}", PLACEHOLDERS) == ""
    assert text_problem("{{ range(10**9)|list }}", PLACEHOLDERS) != ""  # no unknown name, not even a builtin
    assert text_problem("{{ cycler.__init__.__globals__ }}", PLACEHOLDERS) != ""


def test_staff_see_the_history_and_go_back(login, staff_user):
    client = login(staff_user)
    for body in ("First {{ answer }}", "Second {{ answer }}"):
        client.post(EDITOR, {"subject": "[SECOR] Answer", "body": body, "action": "save"})
    first = NoticeText.objects.get(kind=QUESTION_ANSWERED, version=1)
    client.post(reverse("notices:text_restore", args=[first.pk]))
    newest = NoticeText.objects.filter(kind=QUESTION_ANSWERED).order_by("-version").first()
    assert (newest.version, newest.body, newest.copied_from) == (3, "First {{ answer }}", 1)
    page = client.get(EDITOR)
    assert "Version 3 is in use." in page.text and "(back to version 1)" in page.text
    assert "Version 3, saved by" in client.get(reverse("notices:texts")).text


@pytest.mark.parametrize(
    ("code", "kind"),
    [(CourseCode.SAFETY_AUDITOR, SELF_AUDIT_DUE), (CourseCode.LSE, LSE_PROFICIENCY_DUE)],
)
def test_ntc_1_the_deadline_reminders_default_texts_are_secors_own_word_for_word(company, employer, jane, code, kind):
    done(jane, code, date(2026, 1, 15))  # deadline September 15, 2026: told on August 16
    sweep_on(2026, 8, 16)
    notice = Notice.objects.filter(kind=kind).first()
    assert notice.text_version == 0
    email = next(message for message in mail.outbox if message.to == [notice.recipient_email])
    editable = EDITABLE_TEXTS[kind]
    with on(date(2026, 8, 16), 7):
        values = editable.values(notice)
    assert values["days_left"] == "30 days from today"
    assert render_text(editable.subject, values) == email.subject
    assert render_text(editable.body, values) == email.body
