"""AUD-4 and AUD-5: the scoring of an audit, at its boundaries (pure rules)."""

from fractions import Fraction

import pytest

from audits.audit.rules import AuditResult, SectionScore, combine_limited_scope, score_problems, shown_percent

# AUD-4: the pass marks of the seeded audit tool (80% overall, 50% in every section).
OVERALL, SECTION = 80, 50


def section(*args, **kwargs) -> SectionScore:
    return SectionScore(*args, pass_percent=SECTION, **kwargs)


def audit(*scores: tuple[int, int, int], overall: int = OVERALL, section_mark: int = SECTION) -> AuditResult:
    sections = (SectionScore(f"{n}", *score, pass_percent=section_mark) for n, score in enumerate(scores, start=1))
    return AuditResult(tuple(sections), pass_percent=overall)


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
    maintenance = section("Preventative Maintenance", available=40, actual=15, not_applicable=10)
    assert maintenance.applicable == 30 and maintenance.percent == 50 and maintenance.passes
    result = AuditResult((maintenance, section("Legislation", 20, 20)), pass_percent=OVERALL)
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
    assert problem in " ".join(score_problems(section("Inspections", available, actual, not_applicable)))
    assert score_problems(section("Inspections", 10, 8, 2)) == []


def test_aud_5_a_limited_scope_audit_brings_a_failed_section_up():
    baseline = audit((100, 95, 0), (40, 12, 0), (60, 57, 0))
    assert baseline.failed_sections == ["2"] and not baseline.achieved
    combined = combine_limited_scope(
        previous=list(baseline.sections), rescored=[section("2", 40, 30)], pass_percent=OVERALL
    )
    assert [s.actual for s in combined.sections] == [95, 30, 57]
    assert combined.achieved and combined.failed_sections == []


def test_aud_4_the_pass_marks_are_the_audit_tool_versions():
    """The same points achieve the standard under one version's marks and not under another's."""
    points = ((100, 75, 0), (100, 88, 0))  # 81.5% overall; 75% in the weakest section
    assert audit(*points).achieved
    assert not audit(*points, overall=85).achieved and audit(*points, overall=85).failed_sections == []
    assert audit(*points, section_mark=76).failed_sections == ["1"] and audit(*points, section_mark=75).achieved
