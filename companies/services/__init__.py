"""Every write to companies, applications, rosters and memberships. Views, admin and tasks call these."""

from companies.services.details import company_update_details
from companies.services.handoffs import cor_handoff_tell
from companies.services.headcounts import headcounts_refresh
from companies.services.people import auditor_assign, auditor_unassign, member_invite
from companies.services.registration import (
    DeclaredWorkers,
    application_accept,
    application_decline,
    application_submit,
)
from companies.services.roster import employee_add, employee_update
from companies.services.status import company_change_status

__all__ = [
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
]
