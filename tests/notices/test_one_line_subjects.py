"""Names are one line, and so is every notice's subject (issue 25): a line break typed into a company's or a
person's name was stored, and every email whose subject named it then failed for good (mail refuses a header
holding a line break), its resend too."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from companies import services as company_services
from companies.forms import AgreementForm, CompanyDetailsForm, EmployeeForm, InviteForm
from secor.notices.models import Notice
from secor.notices.services import notice_resend, notices_deliver_due
from tests.factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

NAME_FIELDS = [
    (CompanyDetailsForm, ["legal_name", "operating_name", "street_address", "city", "trade"]),
    (EmployeeForm, ["first_name", "last_name"]),
    (InviteForm, ["first_name", "last_name"]),
    (AgreementForm, ["signed_name"]),
]


@pytest.mark.parametrize(("form_class", "names"), NAME_FIELDS, ids=lambda value: getattr(value, "__name__", ""))
@pytest.mark.parametrize("typed", ["Alice\nRoofing", "Alice\r\nRoofing", "Alice\u2028Roofing", "Alice\tRoofing"])
def test_a_name_with_a_line_break_is_refused_by_the_field(form_class, names, typed):
    refused = form_class(data=dict.fromkeys(names, typed)).errors
    kept = form_class(data=dict.fromkeys(names, "Alice Roofing (AB-12)")).errors
    for name in names:
        assert "Keep this on one line, without line breaks or tabs." in refused[name], name
        assert name not in kept, name


def test_a_notice_stuck_on_a_subject_with_a_line_break_is_resent_on_one_line(
    staff_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(company__legal_name="Alice Roofing")
    MembershipFactory(company=application.company, user=application.submitted_by)
    with django_capture_on_commit_callbacks(execute=True):
        company_services.application_accept(application=application, actor=staff_user)
    notice = Notice.objects.get(kind="application-decision")
    # As a name stored before names were kept to one line left it: failed for good on its subject.
    Notice.objects.filter(pk=notice.pk).update(
        state=Notice.State.FAILED,
        subject="SECOR application accepted: Alice\nRoofing",
        last_error="BadHeaderError: Header values can't contain newlines",
        next_attempt_at=None,
    )
    mail.outbox.clear()
    notice_resend(notice=notice, actor=staff_user, reason="Its subject held a line break")
    assert notices_deliver_due(now=timezone.now() + timedelta(minutes=1)) == {Notice.State.SENT: 1}
    (email,) = mail.outbox
    assert email.subject == "SECOR application accepted: Alice Roofing"
    notice.refresh_from_db()
    assert notice.subject == "SECOR application accepted: Alice Roofing"
