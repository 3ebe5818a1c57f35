"""The audits app's models, each defined in the package of its job; importing them here registers them with
the app (label `audits`: their tables and migrations are the app's)."""

from audits.audit.models import (  # noqa: F401
    Audit,
    AuditorCalendar,
    AuditRequest,
    AuditScore,
    SystemEvidence,
)
from audits.certificates.models import Certificate, Purpose, certificate_ended  # noqa: F401
from audits.invoices.models import Invoice, InvoiceCounter, PaymentCorrection  # noqa: F401
from audits.maintenance.models import Anniversary, MaintenancePackage  # noqa: F401
from audits.manual.models import ManualSubmission  # noqa: F401
from audits.program_documents.models import ProgramDocument  # noqa: F401
from audits.tool.models import AuditSection, AuditToolVersion  # noqa: F401
