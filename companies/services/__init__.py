"""Every write to companies, applications, rosters and memberships. Views, admin and tasks call these."""

# The pages check a posted action and the registration steps against these as they validate a service's input.
from companies.inputs import COMPANY_DETAIL_FIELDS, STATUS_CHANGES
from companies.services.details import company_update_details
from companies.services.handoffs import cor_handoff_tell
from companies.services.headcounts import headcounts_refresh
from companies.services.people import auditor_assign, auditor_unassign, member_invite
from companies.services.registration import (
    DeclaredWorkers,
    application_accept,
    application_decline,
    application_submit,
    registration_eligibility_for,
)
from companies.services.roster import employee_add, employee_update
from companies.services.status import (
    company_change_status,
    status_change_consequences,
    status_changes_for,
)

__all__ = [
    "COMPANY_DETAIL_FIELDS",
    "STATUS_CHANGES",
    "DeclaredWorkers",
    "application_accept",
    "application_decline",
    "application_submit",
    "auditor_assign",
    "auditor_unassign",
    "company_change_status",
    "company_update_details",
    "cor_handoff_tell",
    "employee_add",
    "employee_update",
    "headcounts_refresh",
    "member_invite",
    "registration_eligibility_for",
    "status_change_consequences",
    "status_changes_for",
]
