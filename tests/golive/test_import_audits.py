"""Importing SCSA's audits (one row per section scored, against the audit-tool version in effect that day, AUD-4) and
certificates by their own numbers (CERT-1): an imported certificate has its anniversaries, verifies publicly at
/verify/ and is listed on /certified/ exactly like an issued one; a broken file saves nothing."""

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from audits.audit.models import Audit, AuditScore
from audits.certificates.models import Certificate
from audits.maintenance.models import Anniversary
from golive.kinds import IMPORT_KINDS
from secor.timeline.models import Event
from tests.clock import on
from tests.factories import AuditorFactory, CompanyFactory

AUDITS = "WCB account number,Type,Completed on,Auditor email,Section,Available,Actual,Not applicable\n"
CERTIFICATES = "WCB account number,Certificate number,Issued on\n"
SECTIONS = 16  # the seeded audit tool's: 13 national elements and 3 supplemental sections


def audit_rows(wcb: str, day: str, actual: int = 45, kind: str = "Baseline") -> str:
    return "".join(f"{wcb},{kind},{day},sam@scsa.example,{n},50,{actual},\n" for n in range(1, SECTIONS + 1))


@pytest.fixture
def roofing(db):
    AuditorFactory(email="sam@scsa.example")
    return CompanyFactory(wcb_account_number="1234567", legal_name="Moose Jaw Roofing Ltd.")


def test_aud_4_audits_are_imported_by_section_and_their_outcome_follows_from_their_points(staff, roofing):
    CompanyFactory(wcb_account_number="7654321")
    broken = staff.imported(
        "audits",
        AUDITS
        + "1234567,Baseline,2025-06-02,nobody@scsa.example,1,50,45,\n"  # line 2: no such auditor
        + "1234567,Baseline,2025-06-02,sam@scsa.example,99,50,45,\n"  # line 3: no such section
        + "1234567,Baseline,2025-06-02,sam@scsa.example,2,50,49,5\n"  # line 4: more than the applicable points
        + "1234567,Audit,2025-06-02,sam@scsa.example,3,50,45,\n",  # line 5: no such type
    )
    found = {(p["line"], p["column"], p["rule"]) for p in broken.problems}
    assert found == {(2, "Auditor email", "AUD-3"), (3, "Section", "AUD-4"), (4, "Actual", "AUD-4"), (5, "Type", "")}
    assert not Audit.objects.exists()

    text = AUDITS + audit_rows("1234567", "2025-06-02") + audit_rows("7654321", "2025-06-03", actual=20)
    run = staff.imported("audits", text)
    assert (run.state, run.counts["new"]) == ("imported", 2 * SECTIONS)
    outcomes = dict(Audit.objects.values_list("company__wcb_account_number", "achieved"))
    assert outcomes == {"1234567": True, "7654321": False}  # 90% passes; 40% fails (AUD-4)
    audit = Audit.objects.get(company=roofing)
    assert (audit.kind, audit.state, audit.completed_on, audit.auditor.email) == (
        "baseline",
        "completed",
        date(2025, 6, 2),
        "sam@scsa.example",
    )
    assert Event.objects.filter(company=roofing, kind="imported").count() == 1  # one line per audit
    assert staff.imported("audits", text).counts == {"new": 0, "changed": 0, "unchanged": 2 * SECTIONS}
    corrected = staff.imported(
        "audits",
        text.replace(
            "1234567,Baseline,2025-06-02,sam@scsa.example,1,50,45",
            "1234567,Baseline,2025-06-02,sam@scsa.example,1,50,10",
        ),
    )
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 2 * SECTIONS - 1}
    assert AuditScore.objects.get(audit=audit, section__number=1).actual == 10
    assert Audit.objects.get(pk=audit.pk).achieved is False  # section 1 at 20%: under the section pass mark


def test_cert_1_an_imported_certificate_verifies_publicly_and_is_listed_like_an_issued_one(staff, roofing):
    staff.imported("audits", AUDITS + audit_rows("1234567", "2025-06-02"))
    broken = staff.imported(
        "certificates",
        CERTIFICATES + "1234567,SCSA-2025-0042,2025-06-02\n1234567,SCSA-2025-0043,2025-06-09\n",  # no audit that day
    )
    assert {(p["line"], p["column"], p["rule"]) for p in broken.problems} == {(3, "Issued on", "CERT-1")}
    assert not Certificate.objects.exists()

    text = CERTIFICATES + "1234567,SCSA-2025-0042,2025-06-02\n"
    run = staff.imported("certificates", text)
    assert (run.state, run.counts["new"]) == ("imported", 1)
    certificate = Certificate.objects.get(number="SCSA-2025-0042")
    assert (certificate.issued_on, certificate.expires_on) == (date(2025, 6, 2), date(2028, 6, 2))
    assert list(Anniversary.objects.filter(certificate=certificate).values_list("on", flat=True).order_by("on")) == [
        date(2026, 6, 2),
        date(2027, 6, 2),
        date(2028, 6, 2),
    ]
    assert staff.imported("certificates", text).counts == {"new": 0, "changed": 0, "unchanged": 1}

    visitor = Client()  # signed in as no one: the public pages
    with on(date(2026, 12, 7)):
        page = visitor.get(reverse("audits:verify_certificate", args=["SCSA-2025-0042"])).content.decode()
        assert 'data-status="valid"' in page and "Moose Jaw Roofing Ltd." in page and "June 2, 2028" in page
        assert "Moose Jaw Roofing Ltd." in visitor.get(reverse("audits:certified")).content.decode()


def test_every_kind_has_its_template_with_its_columns(staff):
    for key, kind in IMPORT_KINDS.items():
        workbook = load_workbook(io.BytesIO(staff.get(reverse("golive:template", args=[key])).content))
        assert [cell.value for cell in workbook.worksheets[0][1]] == [
            column.column_name for column in kind.resource.columns()
        ]


def test_aud_5_a_full_re_audit_and_a_limited_scope_audit_follow_the_audit_that_did_not_achieve_the_standard(
    staff, roofing
):
    failed = audit_rows("1234567", "2025-06-02", actual=45).replace(",1,50,45,", ",1,50,10,")  # section 1 at 20%
    staff.imported("audits", AUDITS + failed)
    baseline = Audit.objects.get()
    assert baseline.achieved is False
    broken = staff.imported(
        "audits",
        AUDITS
        + "1234567,Limited scope,2025-05-01,sam@scsa.example,1,50,45,\n"  # line 2: no audit before it
        + "1234567,Full re-audit,2025-09-01,sam@scsa.example,1,50,45,\n"
        + "1234567,Limited scope,2025-09-01,sam@scsa.example,1,50,45,\n"  # line 4: the baseline's second re-audit
        + "1234567,Full re-audit,2025-09-01,sam@scsa.example,99,50,45,\n",  # line 5: no such section in its tool
    )
    assert {(p["line"], p["column"], p["rule"]) for p in broken.problems} == {
        (2, "Type", "AUD-5"),
        (4, "Type", "AUD-5"),
        (5, "Section", "AUD-4"),
    }
    assert Audit.objects.count() == 1  # nothing saved

    # The full re-audit fails section 1 again; the limited scope audit re-scores it alone and achieves the standard.
    reaudit = failed.replace("Baseline,2025-06-02", "Full re-audit,2025-09-01")
    limited = "1234567,Limited scope,2025-12-01,sam@scsa.example,1,50,40,\n"
    run = staff.imported("audits", AUDITS + reaudit + limited)
    assert (run.state, run.counts["new"]) == ("imported", SECTIONS + 1)
    full, scoped = Audit.objects.exclude(pk=baseline.pk).order_by("completed_on")
    assert (full.kind, full.follows, full.purpose, full.achieved) == ("full_reaudit", baseline, "baseline", False)
    assert (scoped.kind, scoped.follows, scoped.achieved) == ("limited_scope", full, True)
    assert [section.number for section in scoped.scope.all()] == [1]
    assert staff.imported("audits", AUDITS + reaudit + limited).counts["unchanged"] == SECTIONS + 1
    unchanged = {"new": 0, "changed": 0, "unchanged": 2 * SECTIONS + 1}
    assert staff.imported("audits", staff.exported("audits")).counts == unchanged  # each audit by its type

    after_achieved = staff.imported("audits", AUDITS + limited.replace("2025-12-01", "2026-01-05"))
    assert {(p["line"], p["column"], p["rule"]) for p in after_achieved.problems} == {(2, "Type", "AUD-5")}
    assert "achieved the standard" in after_achieved.problems[0]["message"]
    run = staff.imported("certificates", CERTIFICATES + "1234567,SCSA-2025-0050,2025-12-01\n")
    assert (run.state, Certificate.objects.get().audit) == ("imported", scoped)  # CERT-1: on the achieved re-audit
