from django.urls import path

from audits.manual import views

company_patterns = [
    path("manual/", views.manual, name="manual"),
    path("manual/submit/", views.manual_submit, name="manual_submit"),
    path("manual/<int:manual_pk>/resubmit/", views.manual_resubmit, name="manual_resubmit"),
    path("manual/<int:manual_pk>/assign/", views.manual_assign, name="manual_assign"),
    path("manual/<int:manual_pk>/review/", views.manual_review, name="manual_review"),
]
staff_patterns = [
    path("manuals/", views.manual_queue, name="manual_queue"),
]
