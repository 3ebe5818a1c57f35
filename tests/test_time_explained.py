"""Time is never hidden (issue 24): SCSA's turns on the to-do list say since when and when the answer is expected,
Milestone #2 follows its baseline audit, a de-rolled company's roadmap stops, and each date the rules compute opens on
its arithmetic, built from the rule's own values (MAN-2, MIL-1 … MIL-4, AUD-2, CERT-1, MNT-1, TRN-6, ELIG-5)."""

from datetime import date

from django.urls import reverse

from audits.audit.rules import earliest_audit_reckoning
from audits.certificates.rules import anniversary_reckoning, certificate_expiry
from audits.invoices import services as invoice_services
from audits.models import AuditRequest
from milestones import rules as milestone_rules
from milestones import services as milestones_services
from milestones.selectors import milestone_2_conditions
from secor.reviews.rules import review_target_reckoning
from tests.clock import on
from tests.factories import ManualSubmissionFactory, completed_audit
from tests.milestones.helpers import milestone_1_met, registered
from tests.reckoned import folded
from training import rules as training_rules


def test_man_2_a_manual_under_review_waits_for_scsa_with_the_answer_expected_in_6_weeks(
    db, login, company, employer, staff_user
):
    with on(date(2026, 11, 2)):
        ManualSubmissionFactory(company=company)
    detail = reverse("companies:detail", args=[company.pk])
    with on(date(2026, 12, 7)):
        response = login(employer).get(detail)
        page, step = response.text, next(s for s in response.context["next_steps"] if s.waiting_since)
        staff_page = folded(login(staff_user).get(detail).text)
    assert (step.what, step.waiting_since, step.due_on) == (
        "Waiting for SCSA to review your health & safety manual",
        date(2026, 11, 2),
        date(2026, 12, 14),
    )
    assert "Waiting for SCSA since November 2, 2026 (answer expected by" in folded(page)
    assert "December 14, 2026 = the manual sent on November 2, 2026 + 6 weeks" in page and "(MAN-2)" not in page
    # Staff read what SCSA owes, and for how long.
    assert 'Review the manual <span class="badge text-bg-info fw-normal">SCSA owes</span>' in staff_page
    assert "Waiting 5 weeks, since November 2, 2026 (answer expected by December 14, 2026)" in staff_page


def test_mil_2_milestone_2_stops_advising_the_request_once_the_baseline_audit_is_requested_or_booked():
    (advice,) = milestone_2_conditions(baseline_achieved_on=None)
    assert advice.detail == "Request the baseline audit once the manual is approved." and advice.detail.rule == "AUD-1"
    (requested,) = milestone_2_conditions(baseline_achieved_on=None, baseline_requested_on=date(2027, 3, 1))
    assert requested.detail == "Requested on March 1, 2027; waiting for SCSA to book it."
    (booked,) = milestone_2_conditions(
        baseline_achieved_on=None, baseline_requested_on=None, baseline_scheduled_on=date(2027, 6, 2)
    )
    assert booked.detail == "Booked for June 2, 2027."


def test_mil_4_a_company_out_of_the_program_has_its_roadmap_stopped_not_behind():
    progress = milestone_rules.roadmap(
        registration_date=date(2026, 1, 5),
        done={milestone_rules.COURSES: date(2026, 5, 1)},
        today=date(2027, 3, 1),
        stopped_on=date(2027, 1, 6),
    )
    assert progress[0].state == "done"
    assert {step.state for step in progress[1:]} == {"stopped"}
    assert progress[1].stopped_on == date(2027, 1, 6)


def test_mil_1_mil_3_a_letter_s_expiry_and_de_roll_explain_themselves():
    expiry = milestone_rules.letter_expiry_reckoning(
        registration_date=date(2026, 1, 5), months=12, milestone=1, expires_on=date(2027, 1, 5)
    )
    assert (expiry.rule, expiry.words) == (
        "MIL-1",
        "January 5, 2027 = registration on January 5, 2026 + 12 months, the last day of the Milestone #1 letter",
    )
    extended = milestone_rules.letter_expiry_reckoning(
        registration_date=date(2026, 1, 5), months=12, milestone=1, expires_on=date(2027, 3, 1)
    )
    assert [line.words for line in extended.lines] == [
        "March 1, 2027: the expiry as SCSA moved it (see the timeline)",
        expiry.words,
    ]
    deroll = milestone_rules.deroll_reckoning(date(2027, 1, 5), milestone=1)
    assert (deroll.on, deroll.rule) == (milestone_rules.deroll_date(date(2027, 1, 5)), "MIL-3")
    assert (
        deroll.words
        == "January 6, 2027 = the Milestone #1 letter's expiry on January 5, 2027 + 1 day, its milestone unmet"
    )


def test_aud_2_man_2_the_first_audit_date_and_the_review_answer_explain_themselves():
    first = earliest_audit_reckoning(date(2026, 12, 7))
    assert (first.rule, first.words) == (
        "AUD-2",
        "February 7, 2027 = a booking made today on December 7, 2026 + 2 months, audits are booked 2 to 3 months ahead",
    )
    assert review_target_reckoning(date(2026, 11, 2)).rule == "MAN-2"


def test_cert_1_mnt_1_trn_6_certificate_anniversaries_and_auditor_status_explain_themselves():
    second = anniversary_reckoning(date(2024, 2, 29), 2)
    assert second.words == (
        "February 28, 2026 = the certificate's issue on February 29, 2024 + 2 years, the maintenance package is due "
        "by it"
    )
    assert anniversary_reckoning(date(2024, 2, 29), 3).on == certificate_expiry(date(2024, 2, 29))
    cycle = training_rules.auditor_cycle(
        training_on=date(2026, 1, 15),
        maintenance_audits_accepted=[],
        maintenance_audits_in_review=[],
        recertifications=[],
    )
    assert [line.words for line in cycle.audit_due_reckoning.lines] == [
        "September 15, 2028 = the internal auditor status expiry on January 15, 2029 \N{MINUS SIGN} 4 months, the last "
        "day the personal maintenance audit reaches SCSA in time",
        "January 15, 2029 = Safety Auditor Training on January 15, 2026 + 3 years, the last day of internal auditor "
        "status",
    ]


def _steps(client, company):
    return client.get(reverse("companies:detail", args=[company.pk])).context["next_steps"]


def test_aud_2_a_requested_audit_waits_for_scsa_to_book_it_with_its_first_possible_date(
    db, login, company, employer, staff_user
):
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 9, 1))
    with on(date(2026, 11, 20)):
        AuditRequest.objects.create(
            company=company,
            site_assessment=company.documents.first(),
            compliance_declaration=company.documents.first(),
            system_functioning_since=date(2026, 1, 1),
            requested_by=employer,
        )
    with on(date(2026, 12, 7)):
        (step,) = [step for step in _steps(login(employer), company) if step.waiting_since]
        staff_page = login(staff_user).get(reverse("companies:detail", args=[company.pk])).text
    assert (step.what, step.waiting_since) == ("Waiting for SCSA to book your baseline audit", date(2026, 11, 20))
    assert step.reckoning.on == date(2027, 2, 7)
    assert "Book the requested audit" in staff_page and "first possible date" in staff_page
    # Milestone #2's requirement no longer asks for the request (MIL-2).
    assert "Request the baseline audit once the manual is approved" not in staff_page


def test_aud_6_an_unpaid_invoice_is_on_the_to_do_list_with_its_amount(db, login, company, employer, staff_user):
    with on(date(2026, 8, 11)):
        invoice = invoice_services.invoice_for_audit(
            audit=completed_audit(company, staff_user, date(2026, 8, 11)), actor=staff_user
        )
        (step,) = [step for step in _steps(login(employer), company) if step.what.startswith("Pay")]
    assert (step.what, step.due_on) == (f"Pay your invoice: ${invoice.total:,.2f}", invoice.due_on)


def test_mil_2_a_requested_milestone_2_letter_waits_for_scsa_until_the_milestone_1_expiry(db, login, company, employer):
    letter = registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    with on(date(2026, 11, 2)):
        milestones_services.milestone_request_next(company=company, actor=employer)
    with on(date(2026, 12, 7)):
        (step,) = [step for step in _steps(login(employer), company) if step.waiting_since]
    assert (step.what, step.waiting_since, step.due_on) == (
        "Waiting for SCSA to issue your Milestone #2 letter",
        date(2026, 11, 2),
        letter.expires_on,
    )


def test_mil_3_the_watch_page_says_which_de_rolls_the_sweep_recorded(db, login, company, staff_user):
    registered(company, date(2026, 1, 5))  # expires January 5, 2027, unmet
    with on(date(2027, 1, 6), hour=2):
        milestones_services.letters_settle_expired()
        watch = login(staff_user).get(reverse("milestones:watch")).text.split('id="derolled-today"')[1]
    assert "de-rolled January 6, 2027 · recorded by the sweep at" in watch.split("</ul>")[0]
