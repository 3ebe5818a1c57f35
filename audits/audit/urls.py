from django.urls import path

from audits.audit import views

company_patterns = [
    path("audits/", views.audits, name="audits"),
    path("audits/request/", views.audit_request, name="audit_request"),
    path("audits/forms/<slug:form>.pdf", views.audit_form, name="audit_form"),
    path("audits/schedule/", views.audit_schedule, name="audit_schedule"),
    path("audits/<int:audit_pk>/", views.audit_detail, name="audit"),
    path("audits/<int:audit_pk>/complete/", views.audit_complete, name="audit_complete"),
]
staff_patterns = [
    path("audits/", views.audit_calendar, name="audit_calendar"),
    path("audits/requests/", views.audit_requests, name="audit_requests"),
    path("audits/my-calendar/", views.my_audit_calendar, name="my_audit_calendar"),
]
public_patterns = [
    # AUD-2: a program auditor's bookings, public at an address only the auditor knows (and can change).
    path("calendar/auditor/<str:token>.ics", views.auditor_calendar_feed, name="auditor_calendar_feed"),
]
