"""The audits app's addresses, gathered from its packages, in the `audits` namespace: the company's pages (under
companies/<pk>/), staff's (under staff/) and those outside both (public, or for everyone signed in)."""

from django.urls import include, path

from audits.audit import urls as audit
from audits.certificates import urls as certificates
from audits.invoices import urls as invoices
from audits.maintenance import urls as maintenance
from audits.manual import urls as manual
from audits.program_documents import urls as program_documents

app_name = "audits"

# Under companies/<pk>/: every view takes the company pk first and looks it up in the user's scope.
company_patterns = [
    *manual.company_patterns,
    *audit.company_patterns,
    *certificates.company_patterns,
    *maintenance.company_patterns,
    *invoices.company_patterns,
]
staff_patterns = [
    *manual.staff_patterns,
    *maintenance.staff_patterns,
    *audit.staff_patterns,
    path("audit-tool/", include("audits.tool.urls")),
    *program_documents.staff_patterns,
    *invoices.staff_patterns,
]
public_patterns = [
    *certificates.public_patterns,
    *audit.public_patterns,
    *program_documents.public_patterns,
]
