from django.urls import path

from audits.maintenance import views

company_patterns = [
    path("maintenance/", views.maintenance, name="maintenance"),
    path("maintenance/send/", views.maintenance_submit, name="maintenance_submit"),
    path("maintenance/<int:package_pk>/resubmit/", views.maintenance_resubmit, name="maintenance_resubmit"),
    path("maintenance/<int:package_pk>/assign/", views.maintenance_assign, name="maintenance_assign"),
    path("maintenance/<int:package_pk>/review/", views.maintenance_review, name="maintenance_review"),
]
staff_patterns = [
    path("maintenance/", views.maintenance_queue, name="maintenance_queue"),
    path("anniversaries/", views.anniversaries, name="anniversaries"),
]
