from django.urls import path

from audits.invoices import views

company_patterns = [
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/<int:invoice_pk>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:invoice_pk>/pay/", views.invoice_pay, name="invoice_pay"),
    path("invoices/<int:invoice_pk>/payment/", views.invoice_payment_correct, name="invoice_payment_correct"),
    path("invoices/<int:invoice_pk>/void/", views.invoice_void, name="invoice_void"),
]
staff_patterns = [
    path("invoices/", views.invoice_list, name="invoice_list"),
    path("invoices/export.csv", views.invoice_export, name="invoice_export"),
]
