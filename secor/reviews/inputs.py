"""What a review's decision form hands its services: a verdict on one section."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionVerdict:
    section: str
    verdict: str  # SectionComment.Verdict
    comment: str = ""
