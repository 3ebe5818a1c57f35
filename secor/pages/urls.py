from django.urls import path

from secor.pages import companies, dashboard, notice_timing, program_report_views

# Joined with companies/urls.py in the "companies" namespace (secor/urls.py).
company_patterns = [
    path("", companies.company_list, name="list"),
    path("export.csv", companies.company_export, name="export"),
    path("<int:pk>/", companies.company_detail, name="detail"),
    path("<int:pk>/archive.zip", companies.company_archive, name="archive"),
]
# Under staff/, in the "pages" namespace.
staff_patterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("report/", program_report_views.program_report, name="program_report"),
    path("report.pdf", program_report_views.program_report_pdf, name="program_report_pdf"),
    path("notice-timing/", notice_timing.notice_timing, name="notice_timing"),
    path("report.csv", program_report_views.program_report_csv, name="program_report_csv"),
]
