"""The URLs `make bench` serves: SECOR's, and the reference it compares staff pages with (issue 23): the Django
admin's changelist of the companies at the row count of the page compared, `reference_url(rows)`. The admin shows
100 rows a page, the staff pages 15 to 100, and a page of 100 rows is not a page of 25: so each row count has its
own admin site here, its company admin SECOR's own with only `list_per_page` changed. Served by the bench
alone (tools.bench.wsgi): SECOR's admin is unchanged."""

from django.contrib import admin
from django.urls import path

from companies.models import Company
from secor.urls import urlpatterns as secor_urlpatterns

# The page sizes of the staff pages measured (tools/bench/page_list.py reads them from the views).
REFERENCE_ROWS = (15, 25, 50, 100)


def reference_url(rows: int) -> str:
    return f"/bench-admin/{rows}/companies/company/"


def _site(rows: int) -> admin.AdminSite:
    site = admin.AdminSite(name=f"bench_admin_{rows}")
    site.login = admin.site.login  # SECOR's one sign-in, as its own admin has it
    company_admin = type(admin.site._registry[Company])
    site.register(Company, type(f"{company_admin.__name__}Of{rows}", (company_admin,), {"list_per_page": rows}))
    return site


urlpatterns = [
    path(reference_url(rows).split("companies/")[0].lstrip("/"), _site(rows).urls) for rows in REFERENCE_ROWS
]
urlpatterns += secor_urlpatterns
