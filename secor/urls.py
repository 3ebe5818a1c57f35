from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from audits import urls as audit_urls
from companies import urls as company_urls
from milestones import urls as milestone_urls
from secor import health
from secor.pages import home
from secor.pages import urls as page_urls
from training import urls as training_urls

admin.site.site_header = "SECOR administration"
# One sign-in for the whole site, with its throttling and second factor: the admin has no login form of its own.
admin.site.login = secure_admin_login(admin.site.login)

# A database that cannot be reached answers 503, "try again shortly" (secor/errors.py).
handler500 = "secor.errors.server_error"


def app_urls(urls, *, under_company: str):
    """An app's company pages (under companies/<pk>/`under_company`), staff's (under staff/) and public ones,
    in the app's namespace."""
    return include(
        (
            [
                path(f"companies/<int:pk>/{under_company}", include(urls.company_patterns)),
                path("staff/", include(urls.staff_patterns)),
                path("", include(urls.public_patterns)),
            ],
            urls.app_name,
        )
    )


urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
    path("health/ready/", health.ready, name="health_ready"),
    path("accounts/", include("allauth.urls")),
    path(
        "",
        include(
            (
                [
                    path("companies/", include(page_urls.company_patterns + company_urls.company_patterns)),
                    path("staff/", include(company_urls.staff_patterns)),
                    path("register/", include(company_urls.public_patterns)),
                ],
                "companies",
            )
        ),
    ),
    path("", app_urls(training_urls, under_company="training/")),
    # Public: the certificates' verification and the certified companies (CERT-1, CERT-2), an auditor's calendar
    # at its secret address (AUD-2), the program documents' current versions.
    path("", app_urls(audit_urls, under_company="")),
    path("", app_urls(milestone_urls, under_company="milestones/")),
    path("staff/", include((page_urls.staff_patterns, "pages"))),
    path("staff/notices/", include("secor.notices.urls")),
    # The partners' API (issue 27), and the staff pages of its keys.
    path("api/v1/", include("secor.api.urls")),
    path("staff/", include("secor.api.page_urls")),
    path("staff/import/", include("golive.urls")),
    path("admin/", admin.site.urls),
]
