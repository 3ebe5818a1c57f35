from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from audits import urls as audit_urls
from companies import urls as company_urls
from milestones import views as milestone_views
from secor.health import health
from secor.pages import dashboard, home
from secor.pages import urls as page_urls
from training import views as training_views

admin.site.site_header = "SECOR administration"
# One sign-in for the whole site, with its throttling and second factor: the admin has no login form of its own.
admin.site.login = secure_admin_login(admin.site.login)

# A database that cannot be reached answers 503, "try again shortly" (secor/errors.py).
handler500 = "secor.errors.server_error"

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health, name="health"),
    # The certificates' verification and the certified companies (CERT-1, CERT-2), an auditor's calendar at its
    # secret address (AUD-2), the program documents' current versions.
    path("", include(audit_urls.public_patterns)),
    path("accounts/", include("allauth.urls")),
    path("companies/", include((page_urls.company_patterns + company_urls.urlpatterns, "companies"))),
    path("companies/<int:pk>/training/", include("training.urls")),
    path("companies/<int:pk>/", include("audits.urls")),
    path("companies/<int:pk>/milestones/", include("milestones.urls")),
    # MIL-4: a company's calendar, public at an address only the company knows (and can change).
    path("calendar/<str:token>.ics", milestone_views.calendar_feed, name="calendar_feed"),
    path("staff/verification/", training_views.queue, name="verification_queue"),
    path("staff/deadlines/", training_views.deadlines_list, name="deadlines"),
    path("staff/", include(audit_urls.staff_patterns)),
    path("staff/milestones/", milestone_views.watch, name="milestones_watch"),
    path("staff/dashboard/", dashboard.dashboard, name="dashboard"),
    path("register/", include(company_urls.register_patterns)),
    path("staff/", include(company_urls.staff_patterns)),
    path("staff/notices/", include("secor.notices.urls")),
    path("admin/", admin.site.urls),
]
