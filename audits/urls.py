from django.urls import path

from audits import audit_views, invoice_views, maintenance_views, views

app_name = "audits"

# Under companies/<pk>/: every view takes the company pk first and looks it up in the user's scope.
urlpatterns = [
    path("manual/", views.manual, name="manual"),
    path("manual/submit/", views.manual_submit, name="manual_submit"),
    path("manual/<int:manual_pk>/resubmit/", views.manual_resubmit, name="manual_resubmit"),
    path("manual/<int:manual_pk>/assign/", views.manual_assign, name="manual_assign"),
    path("manual/<int:manual_pk>/review/", views.manual_review, name="manual_review"),
    path("audits/", audit_views.audits, name="audits"),
    path("audits/request/", audit_views.audit_request, name="audit_request"),
    path("audits/forms/<slug:form>.pdf", audit_views.audit_form, name="audit_form"),
    path("audits/schedule/", audit_views.audit_schedule, name="audit_schedule"),
    path("audits/<int:audit_pk>/", audit_views.audit_detail, name="audit"),
    path("audits/<int:audit_pk>/complete/", audit_views.audit_complete, name="audit_complete"),
    path("certificates/<int:certificate_pk>/status/", audit_views.certificate_status, name="certificate_status"),
    path("certificates/<int:certificate_pk>/listed/", audit_views.certificate_listed, name="certificate_listed"),
    path("maintenance/", maintenance_views.maintenance, name="maintenance"),
    path("maintenance/send/", maintenance_views.maintenance_submit, name="maintenance_submit"),
    path("maintenance/<int:package_pk>/resubmit/", maintenance_views.maintenance_resubmit, name="maintenance_resubmit"),
    path("maintenance/<int:package_pk>/assign/", maintenance_views.maintenance_assign, name="maintenance_assign"),
    path("maintenance/<int:package_pk>/review/", maintenance_views.maintenance_review, name="maintenance_review"),
    path("invoices/", invoice_views.invoices, name="invoices"),
    path("invoices/<int:invoice_pk>/", invoice_views.invoice_detail, name="invoice"),
    path("invoices/<int:invoice_pk>/pay/", invoice_views.invoice_pay, name="invoice_pay"),
    path("invoices/<int:invoice_pk>/void/", invoice_views.invoice_void, name="invoice_void"),
]
