"""Every write of the audits app."""

from audits.services.audits import (
    Evidence,
    ScoreEntry,
    audit_complete,
    audit_record_scores,
    audit_request,
    audit_schedule,
    auditor_calendar_reset,
)
from audits.services.certificates import (
    certificate_document_issue,
    certificate_issue,
    certificate_restore,
    certificate_set_listed,
    certificate_suspend,
)
from audits.services.invoices import invoice_for_audit, invoice_on_registration, invoice_pay, invoice_void
from audits.services.maintenance import (
    maintenance_assign,
    maintenance_decide,
    maintenance_resubmit,
    maintenance_submit,
)
from audits.services.manual import (
    ManualPart,
    manual_assign,
    manual_decide,
    manual_resubmit,
    manual_submit,
)
from audits.services.tool import SectionEdit, audit_tool_version_copy, audit_tool_version_update

__all__ = [
    "Evidence",
    "ManualPart",
    "ScoreEntry",
    "SectionEdit",
    "audit_complete",
    "audit_record_scores",
    "audit_request",
    "audit_schedule",
    "audit_tool_version_copy",
    "audit_tool_version_update",
    "auditor_calendar_reset",
    "certificate_document_issue",
    "certificate_issue",
    "certificate_restore",
    "certificate_set_listed",
    "certificate_suspend",
    "invoice_for_audit",
    "invoice_on_registration",
    "invoice_pay",
    "invoice_void",
    "maintenance_assign",
    "maintenance_decide",
    "maintenance_resubmit",
    "maintenance_submit",
    "manual_assign",
    "manual_decide",
    "manual_resubmit",
    "manual_submit",
]
