"""Reads of the milestones, by what they answer: where a company stands with its letters (`standing`, MIL-1,
MIL-2), the roadmap stage of every company as SQL for lists (`stages`, MIL-4), the letters staff watch (`watch`,
MIL-3) and a company's own roadmap and calendar (`roadmap`, MIL-4). The pages read them all from here."""

from milestones.selectors.roadmap import calendar_of, roadmap_of
from milestones.selectors.stages import companies_in_stage, in_stage, stage_counts, stages_of, with_stage
from milestones.selectors.standing import (
    DATES,
    Condition,
    Standing,
    conditions_for,
    milestone_1_conditions,
    milestone_2_conditions,
    milestone_standing,
)
from milestones.selectors.watch import (
    WATCHED_TOPICS,
    deroll_ahead,
    derolled_today,
    derolls_by_milestone,
    letters_at_risk,
    letters_expiring,
    request_missing_now,
    requests_missing,
    requests_waiting,
    unmet_now,
    watched_letter_ids,
)

__all__ = [
    "DATES",
    "WATCHED_TOPICS",
    "Condition",
    "Standing",
    "calendar_of",
    "companies_in_stage",
    "conditions_for",
    "deroll_ahead",
    "derolled_today",
    "derolls_by_milestone",
    "in_stage",
    "letters_at_risk",
    "letters_expiring",
    "milestone_1_conditions",
    "milestone_2_conditions",
    "milestone_standing",
    "request_missing_now",
    "requests_missing",
    "requests_waiting",
    "roadmap_of",
    "stage_counts",
    "stages_of",
    "unmet_now",
    "watched_letter_ids",
    "with_stage",
]
