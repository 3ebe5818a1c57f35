"""ELIG-1 … ELIG-6 as pure functions, at their boundaries."""

from datetime import date

import pytest

from companies import rules
from companies.rules import EmploymentType

TODAY = date(2026, 11, 26)
SEED_KINDS = rules.counted_employment_types(count_consultants=False)


def eligibility(**overrides):
    values = dict(
        worker_count=4,
        acts_as_general_contractor=False,
        expected_workers_as_general_contractor=None,
        wcb_number_actively_registered=False,
        derolled_on=None,
        today=TODAY,
    )
    values.update(overrides)
    return rules.registration_eligibility(**values)


@pytest.mark.parametrize(
    "employment_type",
    [
        EmploymentType.OWNER,
        EmploymentType.FULL_TIME,
        EmploymentType.PART_TIME,
        EmploymentType.CASUAL,
        EmploymentType.SUBCONTRACTOR,
    ],
)
def test_elig_1_owners_full_part_time_casual_and_subcontractors_count(employment_type):
    assert rules.counts_toward_headcount(
        counted_types=SEED_KINDS,
        employment_type=employment_type,
        works_in_saskatchewan=True,
        start_date=date(2025, 1, 1),
        end_date=None,
        today=TODAY,
    )


def test_elig_1_consultants_are_kept_but_not_counted():
    assert not rules.counts_toward_headcount(
        counted_types=SEED_KINDS,
        employment_type=EmploymentType.CONSULTANT,
        works_in_saskatchewan=True,
        start_date=date(2025, 1, 1),
        end_date=None,
        today=TODAY,
    )


def test_elig_1_workers_outside_saskatchewan_are_not_counted():
    assert not rules.counts_toward_headcount(
        counted_types=SEED_KINDS,
        employment_type=EmploymentType.FULL_TIME,
        works_in_saskatchewan=False,
        start_date=date(2025, 1, 1),
        end_date=None,
        today=TODAY,
    )


def test_elig_1_a_worker_counts_on_the_end_date_and_not_the_day_after():
    def counted(today):
        return rules.counts_toward_headcount(
            counted_types=SEED_KINDS,
            employment_type=EmploymentType.FULL_TIME,
            works_in_saskatchewan=True,
            start_date=date(2025, 1, 1),
            end_date=date(2026, 11, 30),
            today=today,
        )

    assert counted(date(2026, 11, 30))
    assert not counted(date(2026, 12, 1))


def test_elig_1_a_worker_counts_from_the_start_date():
    def counted(today):
        return rules.counts_toward_headcount(
            counted_types=SEED_KINDS,
            employment_type=EmploymentType.CASUAL,
            works_in_saskatchewan=True,
            start_date=date(2026, 12, 1),
            end_date=None,
            today=today,
        )

    assert not counted(date(2026, 11, 30))
    assert counted(date(2026, 12, 1))


def test_elig_1_nine_workers_is_eligible():
    assert eligibility(worker_count=9).eligible


def test_elig_2_ten_workers_is_not_eligible_and_is_told_to_register_for_cor():
    result = eligibility(worker_count=10)
    assert not result.eligible
    assert result.must_register_for_cor
    assert [refusal.rule for refusal in result.refusals] == ["ELIG-2"]
    assert "Certificate of Recognition (COR)" in result.refusals[0].message
    assert "10 Saskatchewan workers" in result.refusals[0].message


def test_elig_3_more_than_nine_workers_exceeds_the_secor_limit():
    assert not rules.exceeds_secor_limit(9)
    assert rules.exceeds_secor_limit(10)


def test_elig_4_general_contractor_expecting_more_than_nine_workers_does_not_qualify():
    result = eligibility(worker_count=3, acts_as_general_contractor=True, expected_workers_as_general_contractor=12)
    assert [refusal.rule for refusal in result.refusals] == ["ELIG-4"]
    assert result.must_register_for_cor
    assert "12 workers, sub-contractors included" in result.refusals[0].message


def test_elig_4_general_contractor_expecting_nine_workers_qualifies():
    assert eligibility(acts_as_general_contractor=True, expected_workers_as_general_contractor=9).eligible


def test_elig_4_the_expected_count_only_matters_for_a_general_contractor():
    assert eligibility(acts_as_general_contractor=False, expected_workers_as_general_contractor=40).eligible


def test_elig_5_derolled_company_may_register_again_six_months_after_removal():
    derolled = date(2026, 6, 15)
    assert rules.reregistration_date(derolled) == date(2026, 12, 15)
    assert not eligibility(derolled_on=derolled, today=date(2026, 12, 14)).eligible
    assert eligibility(derolled_on=derolled, today=date(2026, 12, 15)).eligible


def test_elig_5_refusal_gives_the_date_registration_becomes_possible():
    result = eligibility(derolled_on=date(2026, 8, 31), today=TODAY)
    assert [refusal.rule for refusal in result.refusals] == ["ELIG-5"]
    # Month arithmetic, not 182 days: 31 August + 6 months is the last day of February.
    assert "from February 28, 2027" in result.refusals[0].message
    assert "removed from SECOR on August 31, 2026" in result.refusals[0].message


def test_elig_5_leap_day_removal_waits_until_the_29th_six_months_on():
    assert rules.reregistration_date(date(2024, 2, 29)) == date(2024, 8, 29)


def test_elig_6_one_active_registration_per_wcb_account_number():
    result = eligibility(wcb_number_actively_registered=True)
    assert [refusal.rule for refusal in result.refusals] == ["ELIG-6"]
    assert not result.must_register_for_cor


@pytest.mark.parametrize("raw", ["1048213", "104 8213", "104-8213", "123456", "1234567890"])
def test_elig_6_wcb_account_numbers_are_digits_with_spaces_and_dashes_ignored(raw):
    assert rules.wcb_account_number_problem(raw) is None
    assert rules.normalize_wcb_account_number(raw).isdigit()


@pytest.mark.parametrize("raw", ["", "12345", "12345678901", "AB12345", "1048213x", "١٠٤٨٢١٣", "²²²²²²"])
def test_elig_6_malformed_wcb_account_numbers_are_explained(raw):
    assert "6 to 10 digits" in rules.wcb_account_number_problem(raw)


def test_end_date_before_start_date_is_explained_with_the_start_date():
    assert rules.end_date_problem(start_date=date(2026, 3, 1), end_date=date(2026, 2, 28)) == (
        "The end date cannot be before the start date (March 1, 2026)."
    )
    assert rules.end_date_problem(start_date=date(2026, 3, 1), end_date=date(2026, 3, 1)) is None


def test_elig_1_consultants_count_when_the_program_setting_says_so():
    assert rules.counts_toward_headcount(
        counted_types=rules.counted_employment_types(count_consultants=True),
        employment_type=EmploymentType.CONSULTANT,
        works_in_saskatchewan=True,
        start_date=date(2025, 1, 1),
        end_date=None,
        today=TODAY,
    )
