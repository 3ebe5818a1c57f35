"""The audit tool's versions (MAN-1, AUD-4): pass marks per version, new versions copied from the one in effect
and edited on staff pages until they take effect, and manuals and audits that keep the version they started on."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.audit.inputs import ScoreEntry
from audits.audit.services import audit_complete, audit_record_scores, audit_schedule
from audits.manual.inputs import ManualPart
from audits.manual.services import manual_decide, manual_resubmit, manual_submit
from audits.models import Audit, AuditRequest, AuditSection, AuditToolVersion
from audits.tool.inputs import SectionEdit
from audits.tool.selectors import audit_tool_on, sections_of
from audits.tool.services import audit_tool_version_copy, audit_tool_version_update
from secor.reviews.inputs import SectionVerdict
from secor.reviews.models import SectionComment
from tests.audits.manuals import checked, manual_pdf
from tests.clock import on
from tests.factories import ManualSubmissionFactory
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
TAKES_EFFECT = date(2026, 7, 1)


def seeded() -> AuditToolVersion:
    return audit_tool_on(TODAY)


def draft(staff_user, name: str = "SECOR audit tool (2026)") -> AuditToolVersion:
    with on(TODAY):
        return audit_tool_version_copy(source=seeded(), actor=staff_user, name=name)


def form_data(version: AuditToolVersion, **changes) -> dict:
    """The edit page's form as staff post it: the version's fields and every section's row."""
    sections = sections_of(version)
    data = {
        "name": version.name,
        "effective_from": "",
        "overall_pass_percent": str(version.overall_pass_percent),
        "section_pass_percent": str(version.section_pass_percent),
        "form-TOTAL_FORMS": str(len(sections)),
        "form-INITIAL_FORMS": str(len(sections)),
    }
    for index, section in enumerate(sections):
        data |= {
            f"form-{index}-id": str(section.pk),
            f"form-{index}-name": section.name,
            f"form-{index}-available_points": "" if section.available_points is None else str(section.available_points),
        }
    return data | changes


def take_effect(version: AuditToolVersion, staff_user, day: date = TAKES_EFFECT, **marks) -> AuditToolVersion:
    with on(TODAY):
        return audit_tool_version_update(
            version=version,
            actor=staff_user,
            name=version.name,
            effective_from=day,
            overall_pass_percent=marks.get("overall", version.overall_pass_percent),
            section_pass_percent=marks.get("section", version.section_pass_percent),
            sections=[],
        )


def booked_audit(company, auditor, tool: AuditToolVersion, day: date = TODAY) -> Audit:
    return Audit.objects.create(
        company=company,
        kind=Audit.Kind.BASELINE,
        purpose=Audit.Purpose.BASELINE,
        tool=tool,
        auditor=auditor,
        scheduled_on=day,
        location="1 Victoria Avenue",
        scheduled_by=auditor,
    )


def score_all(audit: Audit, auditor, points: dict[int, tuple[int, int]]) -> None:
    """Every section scored out of 10, with 8 unless `points` gives (available, actual) for its number."""
    entries = [ScoreEntry(s, *points.get(s.number, (10, 8))) for s in sections_of(audit.tool)]
    audit_record_scores(audit=audit, actor=auditor, entries=entries)


# --- AUD-4: the pass marks belong to the version ---------------------------------------------------------------


def test_aud_4_an_audit_is_decided_by_its_own_versions_pass_marks_shown_on_its_sheet_and_report(
    login, company, auditor, staff_user
):
    """82.5% overall achieves the standard under the seeded 80%, not under a version asking 85%."""
    strict = take_effect(draft(staff_user), staff_user, overall=85)
    lenient = booked_audit(company, auditor, seeded())
    demanding = booked_audit(company, auditor, strict, date(2026, 7, 2))
    with on(date(2026, 7, 3)):
        for audit in (lenient, demanding):
            score_all(audit, auditor, {1: (10, 10), 2: (10, 10), 3: (10, 9), 4: (10, 9)})
        page = login(auditor).get(reverse("audits:audit", args=[company.pk, demanding.pk])).content.decode()
        assert "85% overall, 50% in every section" in page and "under 85% overall" in page
        for audit in (lenient, demanding):
            audit_complete(audit=audit, actor=auditor)
    lenient.refresh_from_db(), demanding.refresh_from_db()
    assert (lenient.achieved, demanding.achieved) == (True, False)
    assert "pass marks 85% overall and 50% in every section" in pdf_text(demanding.report.file)


def test_aud_4_a_pass_mark_change_applies_only_to_audits_on_the_version_that_makes_it(company, auditor, staff_user):
    """Raising the section mark in a new version leaves the audits of the version in effect as they were."""
    take_effect(draft(staff_user), staff_user, section=90)
    audit = booked_audit(company, auditor, seeded())
    with on(date(2026, 7, 3)):
        score_all(audit, auditor, {})  # 80% in every section
        audit_complete(audit=audit, actor=auditor)
    audit.refresh_from_db()
    assert audit.achieved is True and audit.tool == seeded()


# --- MAN-1: a new version by copying, edited on staff pages ----------------------------------------------------


def test_man_1_staff_copy_the_version_in_effect_into_a_draft_with_its_sections_and_pass_marks(login, staff_user):
    client = login(staff_user)
    with on(TODAY):
        listing = client.get(reverse("audits:audit_tool:versions")).content.decode()
        assert "In effect" in listing and "Copy SECOR audit tool (2018) into a new version" in listing
        response = client.post(
            reverse("audits:audit_tool:copy", args=[seeded().pk]), {"name": "SECOR audit tool (2026)"}
        )
    new = AuditToolVersion.objects.get(name="SECOR audit tool (2026)")
    assert response.status_code == 302 and response["Location"] == reverse("audits:audit_tool:version", args=[new.pk])
    copied = [(s.number, s.name, s.supplemental, s.available_points) for s in sections_of(new)]
    assert copied == [(s.number, s.name, s.supplemental, s.available_points) for s in sections_of(seeded())]
    assert (new.effective_from, new.overall_pass_percent, new.section_pass_percent) == (None, 80, 50)
    with on(TODAY):
        assert 'data-state="draft"' in client.get(reverse("audits:audit_tool:versions")).content.decode()
        # A name already taken is refused by its field, with what was typed.
        response = client.post(
            reverse("audits:audit_tool:copy", args=[seeded().pk]), {"name": "SECOR audit tool (2026)"}
        )
    taken = "A version is already named “SECOR audit tool (2026)”; choose another name."
    assert response.context["form"].errors["name"] == [taken]


def test_man_1_staff_edit_a_drafts_sections_and_pass_marks_and_give_it_a_day(login, staff_user):
    version = draft(staff_user)
    sections = sections_of(version)
    url = reverse("audits:audit_tool:version", args=[version.pk])
    data = form_data(
        version,
        effective_from="2026-07-01",
        overall_pass_percent="85",
        section_pass_percent="60",
        **{"form-13-name": "Fall Protection", "form-1-name": "Hazard Assessment & Control"},
        **{"form-0-available_points": "40"},
    )
    with on(TODAY):
        assert login(staff_user).post(url, data).status_code == 302
        listing = login(staff_user).get(reverse("audits:audit_tool:versions")).content.decode()
    version.refresh_from_db()
    assert (version.effective_from, version.overall_pass_percent, version.section_pass_percent) == (
        TAKES_EFFECT,
        85,
        60,
    )
    assert [AuditSection.objects.get(pk=s.pk).name for s in sections[:2]] == [
        "Company Health & Safety Policy",
        "Hazard Assessment & Control",
    ]
    assert AuditSection.objects.get(pk=sections[13].pk).name == "Fall Protection"
    assert AuditSection.objects.get(pk=sections[0].pk).available_points == 40
    assert "Takes effect on July 1, 2026" in listing
    # The version in effect is untouched.
    assert [s.name for s in sections_of(seeded())][13] == "SCSA supplemental section 1"


def test_man_1_bad_input_comes_back_with_what_was_typed_and_the_reason_by_the_field(login, staff_user):
    version = draft(staff_user)
    url = reverse("audits:audit_tool:version", args=[version.pk])
    with on(TODAY):
        response = login(staff_user).post(
            url, form_data(version, overall_pass_percent="101", section_pass_percent="0", **{"form-2-name": "Renamed"})
        )
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "overall_pass_percent": ["A pass mark is at most 100%."],
            "section_pass_percent": ["A pass mark is at least 1%."],
        }
        assert 'value="Renamed"' in response.content.decode()
        # A day already begun is refused: what started today keeps its version.
        response = login(staff_user).post(url, form_data(version, effective_from="2026-06-01"))
        assert "from tomorrow at the earliest" in response.context["form"].errors["effective_from"][0]
    version.refresh_from_db()
    assert (version.effective_from, version.overall_pass_percent) == (None, 80)
    assert sections_of(version)[2].name == "Safe Work Practices"


def test_man_1_a_version_without_sections_cannot_take_effect_on_the_page_or_through_the_service(login, staff_user):
    """As the admin once made them: a version with no section. Giving it a day is refused with the reason."""
    empty = AuditToolVersion.objects.create(name="Empty version")
    with on(TODAY):
        response = login(staff_user).post(
            reverse("audits:audit_tool:version", args=[empty.pk]), form_data(empty, effective_from="2026-07-01")
        )
        assert "A version without sections cannot take effect" in response.context["form"].errors["effective_from"][0]
        with pytest.raises(ValidationError, match="A version without sections cannot take effect"):
            take_effect(empty, staff_user)
    empty.refresh_from_db()
    assert empty.effective_from is None and audit_tool_on(date(2026, 8, 1)) == seeded()


def test_man_1_a_version_that_took_effect_is_read_only_and_the_one_before_is_replaced(login, staff_user):
    version = take_effect(draft(staff_user), staff_user)
    url = reverse("audits:audit_tool:version", args=[version.pk])
    with on(TAKES_EFFECT):
        page = login(staff_user).get(url).content.decode()
        assert 'id="read-only"' in page and "<form" not in page.split('id="read-only"')[1]
        login(staff_user).post(url, form_data(version, overall_pass_percent="99"))
        with pytest.raises(ValidationError, match="has taken effect: it is read-only"):
            audit_tool_version_update(
                version=version,
                actor=staff_user,
                name="Changed",
                effective_from=TAKES_EFFECT,
                overall_pass_percent=99,
                section_pass_percent=50,
                sections=[SectionEdit(sections_of(version)[0], "Changed", None)],
            )
        listing = login(staff_user).get(reverse("audits:audit_tool:versions")).content.decode()
    version.refresh_from_db()
    assert version.overall_pass_percent == 80 and sections_of(version)[0].name == "Company Health & Safety Policy"
    assert f'data-state="in effect">\n      <th scope="row" data-label="Version"><a href="{url}">' in listing
    assert 'data-state="replaced"' in listing and audit_tool_on(TAKES_EFFECT) == version


def test_man_1_a_version_a_manual_started_on_is_read_only(staff_user, company):
    version = draft(staff_user)
    ManualSubmissionFactory(company=company, tool=version)
    with on(TODAY), pytest.raises(ValidationError, match="read-only"):
        take_effect(version, staff_user)


# --- MAN-1: what was started keeps its version -------------------------------------------------------------------


def test_man_1_manuals_sent_and_audits_booked_before_a_version_takes_effect_keep_their_own(
    company, employer, staff_user, auditor
):
    new = draft(staff_user)
    with on(TODAY):
        audit_tool_version_update(
            version=new,
            actor=staff_user,
            name=new.name,
            effective_from=TAKES_EFFECT,
            overall_pass_percent=80,
            section_pass_percent=50,
            sections=[SectionEdit(sections_of(new)[13], "Fall Protection", None)],
        )
        old_sections = sections_of(seeded())
        manual = manual_submit(company=company, actor=employer, parts=[ManualPart(checked(manual_pdf()), old_sections)])
        AuditRequest.objects.create(
            company=company,
            site_assessment=company.documents.first(),
            compliance_declaration=company.documents.first(),
            system_functioning_since=date(2025, 1, 1),
            requested_by=employer,
        )
        booked = audit_schedule(company=company, actor=staff_user, auditor=auditor, scheduled_on=date(2026, 8, 10))
        verdicts = [
            SectionVerdict(str(s), SectionComment.Verdict.CORRECTIONS if s.number == 14 else "accepted", "Name it.")
            for s in old_sections
        ]
        manual_decide(manual=manual, actor=staff_user, verdicts=verdicts)
    with on(date(2026, 7, 15)):
        # The correction is of the version the manual was sent on, whose section 14 keeps its old name.
        correction = [ManualPart(checked(manual_pdf()), old_sections[13:14])]
        manual_resubmit(manual=manual, actor=employer, parts=correction)
        assert audit_tool_on(date(2026, 7, 15)) == new
    manual.refresh_from_db(), booked.refresh_from_db()
    assert manual.tool == seeded() and booked.tool == seeded()
    files = manual.review.latest_version.files.all()
    assert {s.version_id for f in files for s in f.sections.all()} == {seeded().pk}
    # A re-audit follows the tool of the audit it follows.
    with on(date(2026, 8, 11)):
        score_all(booked, auditor, {1: (10, 2)})
        booked = audit_complete(audit=booked, actor=auditor)
    with on(date(2026, 8, 12)):
        reaudit = audit_schedule(
            company=company,
            actor=staff_user,
            auditor=auditor,
            scheduled_on=date(2026, 10, 20),
            kind=Audit.Kind.FULL_REAUDIT,
            follows=booked,
        )
    assert reaudit.tool == seeded()


def test_man_1_the_score_sheet_starts_from_the_versions_available_points_and_keeps_to_them(
    login, company, auditor, staff_user
):
    version = draft(staff_user)
    first = sections_of(version)[0]
    with on(TODAY):
        audit_tool_version_update(
            version=version,
            actor=staff_user,
            name=version.name,
            effective_from=TAKES_EFFECT,
            overall_pass_percent=80,
            section_pass_percent=50,
            sections=[SectionEdit(first, first.name, 40)],
        )
    audit = booked_audit(company, auditor, version)
    url = reverse("audits:audit", args=[company.pk, audit.pk])
    with on(date(2026, 7, 2)):
        client = login(auditor)
        offered = f'name="available_{first.pk}" id="id_available_{first.pk}" value="40"'
        assert offered in client.get(url).content.decode()
        # Saving the sheet as offered, nothing scored, keeps it for later; other points are refused by the field.
        assert client.post(url, {f"available_{first.pk}": "40"}).status_code == 302
        response = client.post(url, {f"available_{first.pk}": "30", f"actual_{first.pk}": "20"})
    assert (
        "scores 1. Company Health & Safety Policy out of 40 points"
        in response.context["form"].errors[f"available_{first.pk}"][0]
    )
    assert not audit.scores.exists()
