"""A date typed outside the days it may be says what to choose instead."""

from datetime import date

from secor.dates import outside_dates_problem


def test_a_date_between_its_bounds_has_no_problem():
    assert outside_dates_problem(date(2026, 8, 10), earliest=date(2026, 8, 10), latest=date(2026, 8, 11)) is None


def test_a_date_outside_says_which_to_choose():
    assert (
        outside_dates_problem(date(2026, 8, 9), earliest=date(2026, 8, 10), latest=date(2026, 8, 20))
        == "Choose a date between August 10, 2026 and August 20, 2026."
    )
    assert (
        outside_dates_problem(date(2026, 8, 21), latest=date(2026, 8, 20))
        == "Choose August 20, 2026 or an earlier date."
    )
    assert (
        outside_dates_problem(date(2026, 8, 9), earliest=date(2026, 8, 10)) == "Choose August 10, 2026 or a later date."
    )
    assert (
        outside_dates_problem(date(2026, 8, 9), earliest=date(2026, 8, 10), latest=date(2026, 8, 10))
        == "Choose August 10, 2026: it is the only day this can be."
    )
