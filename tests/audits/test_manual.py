"""The health & safety manual and its review (MAN-1, MAN-2)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audits.manual import services
from audits.manual.inputs import ManualPart
from audits.manual.notices import MANUAL_REVIEW_OVERDUE, MANUAL_REVIEWED, MANUAL_TO_REVIEW
from audits.manual.selectors import manual_queue
from companies.models import AuditorAssignment, Company
from secor.notices.models import Notice
from secor.notices.services import notices_sweep
from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import Review, SectionComment, VersionFile
from secor.uploads import MANUAL_TYPES, DocumentField
from tests.audits.manuals import checked, docx_bytes, manual_docx, manual_pdf, sections, whole_manual
from tests.clock import on
from tests.factories import AuditorFactory, CompanyFactory
from tests.reckoned import folded

pytestmark = pytest.mark.django_db

ACCEPTED, CORRECTIONS = SectionComment.Verdict.ACCEPTED, SectionComment.Verdict.CORRECTIONS


def verdicts(corrections: dict[int, str] | None = None) -> list[SectionVerdict]:
    """A verdict on every section: accepted, except the numbers given with what to correct."""
    corrections = corrections or {}
    return [
        SectionVerdict(str(s), CORRECTIONS if s.number in corrections else ACCEPTED, corrections.get(s.number, ""))
        for s in sections()
    ]


@pytest.fixture
def submitted(company, employer):
    return services.manual_submit(company=company, actor=employer, parts=whole_manual())


# --- what the company sends (MAN-1) -------------------------------------------------------------------------


def test_man_1_the_manual_is_kept_with_the_sections_each_file_covers(submitted):
    version = submitted.review.latest_version
    files = list(version.files.order_by("pk"))
    assert [f.document.extension for f in files] == ["pdf", "docx"]
    assert sorted(s.number for s in files[0].sections.all()) == list(range(1, 14))
    assert sorted(s.number for s in files[1].sections.all()) == [14, 15, 16]
    assert files[1].document.content_type.endswith("wordprocessingml.document")
    assert submitted.review.state == Review.State.SUBMITTED
    assert submitted.company.events.filter(kind="manual").exists()


def test_man_1_a_manual_with_a_section_in_no_file_is_refused_naming_it(company, employer):
    tool = sections()
    with pytest.raises(ValidationError, match=r"No file covers: 14\. "):
        services.manual_submit(
            company=company, actor=employer, parts=[ManualPart(checked(manual_pdf()), tool[:13] + tool[14:])]
        )
    assert not company.manual_submissions.exists()


def test_man_2_files_adding_up_to_more_than_50_mb_are_refused(company, employer):
    parts = whole_manual()
    for part in parts:
        part.upload.size = 26 * 1024 * 1024  # each under the field's 50 MB, together over it
    with pytest.raises(ValidationError, match="more than 50 MB"):
        services.manual_submit(company=company, actor=employer, parts=parts)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"GIF89a an image", "not a PDF or Word document"),
    ],
)
def test_man_2_a_file_that_is_not_a_pdf_or_word_document_is_refused_by_its_content(content, message):
    with pytest.raises(ValidationError, match=message):
        DocumentField(types=MANUAL_TYPES, max_megabytes=50).clean(SimpleUploadedFile("manual.pdf", content))


def test_man_2_a_zip_that_is_not_a_word_document_or_unpacks_enormously_is_refused():
    import io
    import zipfile

    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ValidationError, match="not a Word document"):
        checked(SimpleUploadedFile("manual.docx", plain.getvalue()))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (600 * 1024 * 1024))
    with pytest.raises(ValidationError, match="unpacks to far more"):
        checked(SimpleUploadedFile("manual.docx", bomb.getvalue()))
    assert checked(SimpleUploadedFile("manual.docx", docx_bytes())).file_type.extension == "docx"


def test_man_2_a_second_manual_is_refused_while_one_is_under_review(submitted, company, employer):
    with pytest.raises(ValidationError, match="already under review"):
        services.manual_submit(company=company, actor=employer, parts=whole_manual())


def test_man_2_a_company_not_registered_sends_no_manual(employer, company):
    Company.objects.filter(pk=company.pk).update(status=Company.Status.APPLIED)
    company.refresh_from_db()
    with pytest.raises(ValidationError, match="registered company"):
        services.manual_submit(company=company, actor=employer, parts=whole_manual())


# --- the review (MAN-2) -------------------------------------------------------------------------------------


def test_man_2_staff_give_the_review_to_an_auditor_who_then_sees_the_company_and_is_told(
    submitted, staff_user, unassigned_auditor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.manual_assign(manual=submitted, reviewer=unassigned_auditor, actor=staff_user)
    assert AuditorAssignment.objects.filter(company=submitted.company, auditor=unassigned_auditor).exists()
    assert list(manual_queue(user=unassigned_auditor)) == [submitted]
    notice = Notice.objects.get(kind=MANUAL_TO_REVIEW)
    assert notice.recipient_email == unassigned_auditor.email
    assert "waits for your review" in mailoutbox[-1].body


def test_man_2_an_auditor_not_given_the_review_cannot_decide_it(submitted, auditor):
    with pytest.raises(ValidationError, match="given to another reviewer"):
        services.manual_decide(manual=submitted, actor=auditor, verdicts=verdicts())
    assert list(manual_queue(user=auditor)) == []


def test_man_2_the_outcome_follows_from_the_section_verdicts(submitted, staff_user):
    with pytest.raises(ValidationError, match=r"missing: 16\. "):
        services.manual_decide(manual=submitted, actor=staff_user, verdicts=verdicts()[:15])
    services.manual_decide(manual=submitted, actor=staff_user, verdicts=verdicts())
    submitted.review.refresh_from_db()
    assert submitted.review.state == Review.State.ACCEPTED
    assert submitted.review.latest_version.section_comments.filter(verdict=ACCEPTED).count() == 16


def test_man_2_one_section_needing_corrections_returns_the_manual(submitted, staff_user):
    services.manual_decide(manual=submitted, actor=staff_user, verdicts=verdicts({3: "Add the roofing SWP."}))
    submitted.review.refresh_from_db()
    assert submitted.review.state == Review.State.RETURNED


def test_man_2_corrections_say_what_to_correct_in_each_section(submitted, staff_user):
    with pytest.raises(ValidationError, match=r"Say what to correct in: 9\. Inspections"):
        services.manual_decide(manual=submitted, actor=staff_user, verdicts=verdicts({9: "", 3: "Add the SWP."}))


def test_man_2_the_company_corrects_returned_sections_and_keeps_the_rest(
    submitted, staff_user, employer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.manual_decide(
            manual=submitted,
            actor=staff_user,
            verdicts=verdicts({3: "Add the SWP for roof work.", 14: "Name the supplemental program."}),
            comments="Two sections need work.",
        )
    assert Notice.objects.filter(kind=MANUAL_REVIEWED, recipient_email=employer.email).exists()
    assert "3. Safe Work Practices: Add the SWP for roof work." in mailoutbox[-1].body
    tool = {s.number: s for s in sections()}
    with pytest.raises(ValidationError, match=r"No file covers: 14\. "):
        services.manual_resubmit(
            manual=submitted, actor=employer, parts=[ManualPart(checked(manual_pdf(title="v2")), [tool[3]])]
        )
    services.manual_resubmit(
        manual=submitted,
        actor=employer,
        parts=[ManualPart(checked(manual_pdf(title="v2")), [tool[3], tool[14]])],
    )
    review = Review.objects.get(pk=submitted.review_id)
    assert review.state == Review.State.SUBMITTED and review.latest_version.number == 2
    files = [
        (f.carried_over, sorted(s.number for s in f.sections.all()))
        for f in VersionFile.objects.filter(version=review.latest_version)
    ]
    assert sorted(files) == [(False, [3, 14]), (True, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), (True, [15, 16])]
    # Every version and comment is kept (MAN-2).
    first = review.versions.get(number=1)
    assert first.section_comments.filter(verdict=CORRECTIONS).count() == 2
    assert first.files.count() == 2


def test_man_2_a_correction_is_sent_to_the_reviewer_given_the_review(
    submitted, staff_user, unassigned_auditor, employer
):
    services.manual_assign(manual=submitted, reviewer=unassigned_auditor, actor=staff_user)
    services.manual_decide(manual=submitted, actor=unassigned_auditor, verdicts=verdicts({5: "Rules?"}))
    tool = {s.number: s for s in sections()}
    services.manual_resubmit(manual=submitted, actor=employer, parts=[ManualPart(checked(manual_docx()), [tool[5]])])
    assert Notice.objects.filter(kind=MANUAL_TO_REVIEW, recipient_email=unassigned_auditor.email).count() == 2


# --- its age against the target, and the notice to staff (MAN-2, NTC-1) ------------------------------------


def test_man_2_the_queue_shows_the_age_against_the_4_week_warning_and_6_week_target(
    company, employer, staff_user, login
):
    with on(date(2026, 1, 5), 10):
        services.manual_submit(company=company, actor=employer, parts=whole_manual())
    other = CompanyFactory(legal_name="Newer Manual Ltd.")
    with on(date(2026, 2, 1), 10):
        services.manual_submit(company=other, actor=employer, parts=whole_manual())
    for day, state in ((2, "on time"), (3, "warning"), (16, "warning"), (17, "overdue")):
        with on(date(2026, 2, day), 9):
            page = login(staff_user).get("/staff/manuals/").content.decode()
        # 2 February is 28 days after 5 January: a warning from the next day; 16 February is the last of 6 weeks.
        assert f'data-age="{state}"' in page.split("Newer Manual")[0], day
    assert page.index("Alice Roofing") < page.index("Newer Manual")  # the oldest first
    assert "past the 6-week target (February 16, 2026)" in folded(page)


def test_man_2_ntc_1_an_overdue_review_is_told_to_staff_and_the_reviewer_once(
    company, employer, staff_user, unassigned_auditor
):
    with on(date(2026, 1, 5), 10):
        manual = services.manual_submit(company=company, actor=employer, parts=whole_manual())
        services.manual_assign(manual=manual, reviewer=unassigned_auditor, actor=staff_user)
    with on(date(2026, 2, 16)):
        notices_sweep()
    assert not Notice.objects.filter(kind=MANUAL_REVIEW_OVERDUE).exists()
    with on(date(2026, 2, 17)):
        notices_sweep()
        notices_sweep()
    overdue = Notice.objects.filter(kind=MANUAL_REVIEW_OVERDUE)
    assert sorted(overdue.values_list("recipient_email", flat=True)) == sorted(
        [staff_user.email, unassigned_auditor.email]
    )
    assert {n.about_date.isoformat() for n in overdue} == {"2026-02-16"}
    assert all(n.for_staff for n in overdue)
    assert "past SCSA's 6-week target" in overdue[0].body


def test_man_2_a_decided_review_is_not_overdue(company, employer, staff_user):
    with on(date(2026, 1, 5), 10):
        manual = services.manual_submit(company=company, actor=employer, parts=whole_manual())
    with on(date(2026, 2, 10), 10):
        services.manual_decide(manual=manual, actor=staff_user, verdicts=verdicts())
    with on(date(2026, 3, 1)):
        notices_sweep()
    assert not Notice.objects.filter(kind=MANUAL_REVIEW_OVERDUE).exists()


def test_an_auditor_is_a_reviewer_only_while_active(submitted, staff_user):
    inactive = AuditorFactory(is_active=False)
    with pytest.raises(ValidationError, match="active program auditor"):
        services.manual_assign(manual=submitted, reviewer=inactive, actor=staff_user)
