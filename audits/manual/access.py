"""The manuals: staff, or the program auditor its review is given to, decide it."""

from audits.manual.models import ManualSubmission
from companies.access import GivenToPolicy

MANUALS = GivenToPolicy(ManualSubmission, given_to="review__reviewer")
