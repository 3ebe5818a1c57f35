from django.urls import path

from companies import registration_views, staff_views, views
from companies.questions import views as question_views

# The "companies" namespace (secor/urls.py). Under companies/, beside the pages that combine apps (secor/pages).
company_patterns = [
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/status/", views.company_status, name="status"),
    path("<int:pk>/cor-handoff/", views.cor_handoff, name="cor_handoff"),
    path("<int:pk>/auditors/", views.company_auditors, name="auditors"),
    path("<int:pk>/roster/", views.roster, name="roster"),
    path("<int:pk>/roster/add/", views.employee_add, name="employee_add"),
    path("<int:pk>/roster/<int:employee_pk>/edit/", views.employee_edit, name="employee_edit"),
    path("<int:pk>/members/invite/", views.member_invite, name="member_invite"),
    path("<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path("<int:pk>/notices/", views.notices, name="notices"),
    path("<int:pk>/questions/", question_views.company_questions, name="questions"),
]

# Under staff/.
staff_patterns = [
    path("applications/", staff_views.application_queue, name="applications"),
    path("applications/<int:pk>/", staff_views.application_detail, name="application"),
    path("people/", staff_views.people, name="people"),
    path("questions/", question_views.question_queue, name="question_queue"),
    path("questions/<int:pk>/", question_views.question_answer, name="question_answer"),
    path("cor-handoffs/", staff_views.cor_handoffs, name="cor_handoffs"),
]
# Under register/: a company applying to the program, before it has an account.
public_patterns = [
    path("", registration_views.register_details, name="register"),
    path("workers/", registration_views.register_workers, name="register_workers"),
    path("check/", registration_views.register_check, name="register_check"),
    path("agreement/", registration_views.register_agreement, name="register_agreement"),
]
