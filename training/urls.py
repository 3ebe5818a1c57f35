from django.urls import path

from training import views

app_name = "training"

# Under companies/<pk>/training/: every view takes the company pk first and looks it up in the user's scope.
company_patterns = [
    path("", views.chart, name="chart"),
    path("chart.pdf", views.chart_pdf, name="chart_pdf"),
    path("records/add/", views.record_add, name="record_add"),
    path("records/<int:record_pk>/correct/", views.record_correct, name="record_correct"),
    path("records/<int:record_pk>/versions/", views.record_versions, name="record_versions"),
    path("records/<int:record_pk>/review/", views.record_review, name="record_review"),
    path("records/<int:record_pk>/extension/", views.deadline_extend, name="deadline_extend"),
    path("trained-employees/", views.designate, name="designate"),
    path("trained-employees/<int:designation_pk>/remove/", views.designation_remove, name="designation_remove"),
    path("submissions/add/", views.submission_add, name="submission_add"),
    path("submissions/<int:submission_pk>/resubmit/", views.submission_resubmit, name="submission_resubmit"),
    path("submissions/<int:submission_pk>/review/", views.submission_review, name="submission_review"),
]
# Under staff/.
staff_patterns = [
    path("verification/", views.queue, name="verification_queue"),
    path("deadlines/", views.deadlines_list, name="deadlines"),
]
public_patterns = []  # none: every training page is a company's or staff's
