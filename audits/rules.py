"""The audit tool's program numbers (MAN-1). Pure: no database."""

# MAN-1: the national standard elements of the SECOR audit tool, in order.
NATIONAL_ELEMENTS = (
    "Company Health & Safety Policy",
    "Hazard Assessment",
    "Safe Work Practices",
    "Safe Job Procedures",
    "Company Rules",
    "Personal Protective Equipment",
    "Preventative Maintenance",
    "Training & Communication",
    "Inspections",
    "Investigations & Reporting",
    "Emergency Preparedness",
    "Records & Statistics",
    "Legislation",
)
# MAN-1: SCSA adds its supplemental sections after them; staff name them.
SUPPLEMENTAL_SECTIONS = 3
# MAN-2: the files of one version of the manual, together.
MANUAL_MAX_MEGABYTES = 50
