from django.urls import path

from audits.certificates import views

company_patterns = [
    path("certificates/<int:certificate_pk>/status/", views.certificate_status, name="certificate_status"),
    path("certificates/<int:certificate_pk>/listed/", views.certificate_listed, name="certificate_listed"),
]
public_patterns = [
    # CERT-1, CERT-2: open to anyone, without signing in.
    path("verify/", views.verify, name="verify"),
    path("verify/list/", views.verify_list, name="verify_list"),
    path("verify/<str:number>/", views.verify_certificate, name="verify_certificate"),
    path("certified/", views.certified, name="certified"),
]
