"""Every write to training records, submissions and trained-employee designations."""

from training.services.records import (
    deadline_extend,
    record_add,
    record_correct,
    record_reject,
    record_verify,
    trained_employee_designate,
    trained_employee_remove,
)
from training.services.submissions import (
    submission_accept,
    submission_add,
    submission_resubmit,
    submission_return,
)

__all__ = [
    "deadline_extend",
    "record_add",
    "record_correct",
    "record_reject",
    "record_verify",
    "submission_accept",
    "submission_add",
    "submission_resubmit",
    "submission_return",
    "trained_employee_designate",
    "trained_employee_remove",
]
