"""AUD-4 and AUD-5: the scoring of an audit, at its boundaries (pure rules)."""

from fractions import Fraction

import pytest

from audits.rules import AuditResult, SectionScore, combine_limited_scope, score_problems, shown_percent


def audit(*scores: tuple[int, int, int]) -> AuditResult:
    return AuditResult(tuple(SectionScore(f"{n}", *score) for n, score in enumerate(scores, start=1)))


def test_aud_4_exactly_80_point_0_percent_overall_achieves_the_standard():
    result = audit((100, 80, 0), (50, 40, 0))
    assert result.percent == 80 and result.overall_passes and result.achieved
    assert shown_percent(result.percent) == "80.0%"


def test_aud_4_just_under_80_percent_does_not_and_never_shows_as_80():
    result = audit((10000, 7999, 0))
    assert not result.achieved
    assert shown_percent(result.percent) == "79.9%"


def test_aud_4_one_section_at_49_9_percent_fails_the_standard_at_92_percent_overall():
    result = audit((1000, 499, 0), (9000, 8701, 0))
    assert shown_percent(result.sections[0].percent) == "49.9%"
    assert result.percent == 92 and result.overall_passes
    assert result.failed_sections == ["1"] and not result.achieved


def test_aud_4_a_section_at_exactly_50_percent_passes():
    assert audit((20, 10, 0), (80, 80, 0)).achieved


def test_aud_4_not_applicable_points_leave_the_percentage():
    section = SectionScore("Preventative Maintenance", available=40, actual=15, not_applicable=10)
    assert section.applicable == 30 and section.percent == 50 and section.passes
    result = AuditResult((section, SectionScore("Legislation", 20, 20)))
    assert result.percent == Fraction(100 * 35, 50)


def test_aud_4_a_section_entirely_not_applicable_has_no_percentage_and_cannot_fail():
    result = audit((30, 0, 30), (100, 85, 0))
    assert result.sections[0].percent is None and shown_percent(None) == "N/A"
    assert result.achieved and result.percent == 85


@pytest.mark.parametrize(
    ("available", "actual", "not_applicable", "problem"),
    [
        (10, -1, 0, "negative"),
        (10, 5, 11, "cannot exceed the available points"),
        (10, 9, 2, "Actual points (9) cannot exceed the available points less the not-applicable ones (8)."),
    ],
)
def test_aud_4_impossible_points_are_refused_with_the_reason(available, actual, not_applicable, problem):
    assert problem in " ".join(score_problems(SectionScore("Inspections", available, actual, not_applicable)))
    assert score_problems(SectionScore("Inspections", 10, 8, 2)) == []


def test_aud_5_a_limited_scope_audit_brings_a_failed_section_up():
    baseline = audit((100, 95, 0), (40, 12, 0), (60, 57, 0))
    assert baseline.failed_sections == ["2"] and not baseline.achieved
    combined = combine_limited_scope(previous=list(baseline.sections), rescored=[SectionScore("2", 40, 30)])
    assert [s.actual for s in combined.sections] == [95, 30, 57]
    assert combined.achieved and combined.failed_sections == []
