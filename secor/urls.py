from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from audits import audit_views as audit_calendar_views
from audits import invoice_views, maintenance_views, public_views
from audits import views as audit_views
from audits.program_documents import views as program_document_views
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
    # CERT-1, CERT-2: open to anyone, without signing in.
    path("verify/", public_views.verify, name="verify"),
    path("verify/<str:number>/", public_views.verify_certificate, name="verify_certificate"),
    path("certified/", public_views.certified, name="certified"),
    path("accounts/", include("allauth.urls")),
    path("companies/", include((page_urls.company_patterns + company_urls.urlpatterns, "companies"))),
    path("companies/<int:pk>/training/", include("training.urls")),
    path("companies/<int:pk>/", include("audits.urls")),
    path("companies/<int:pk>/milestones/", include("milestones.urls")),
    # MIL-4: a company's calendar, public at an address only the company knows (and can change).
    path("calendar/<str:token>.ics", milestone_views.calendar_feed, name="calendar_feed"),
    # AUD-2: a program auditor's bookings, public at an address only the auditor knows (and can change).
    path("calendar/auditor/<str:token>.ics", audit_calendar_views.auditor_calendar_feed, name="auditor_calendar_feed"),
    path("staff/verification/", training_views.queue, name="verification_queue"),
    path("staff/deadlines/", training_views.deadlines_list, name="deadlines"),
    path("staff/manuals/", audit_views.manual_queue, name="manual_queue"),
    path("staff/maintenance/", maintenance_views.maintenance_queue, name="maintenance_queue"),
    path("staff/anniversaries/", maintenance_views.anniversaries, name="anniversaries"),
    path("staff/audits/", audit_calendar_views.audit_calendar, name="audit_calendar"),
    path("staff/audits/my-calendar/", audit_calendar_views.my_audit_calendar, name="my_audit_calendar"),
    path("staff/audit-tool/", include("audits.tool_urls")),
    # The program's documents (samples, blank forms, the submission checklist): staff keep their versions; the
    # current one downloads for everyone signed in.
    path("staff/documents/", program_document_views.program_documents, name="program_documents"),
    path("staff/documents/<int:pk>/", program_document_views.program_document_version, name="program_document_version"),
    path("documents/<slug:kind>/", program_document_views.program_document, name="program_document"),
    path("staff/invoices/", invoice_views.invoice_list, name="invoice_list"),
    path("staff/invoices/export.csv", invoice_views.invoice_export, name="invoice_export"),
    path("staff/milestones/", milestone_views.watch, name="milestones_watch"),
    path("staff/dashboard/", dashboard.dashboard, name="dashboard"),
    path("register/", include(company_urls.register_patterns)),
    path("staff/", include(company_urls.staff_patterns)),
    path("staff/notices/", include("secor.notices.urls")),
    path("admin/", admin.site.urls),
]
