from django.urls import path

from secor.pages import companies, dashboard

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
]
