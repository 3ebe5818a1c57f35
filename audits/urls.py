from django.urls import path

from audits import views

app_name = "audits"

# Under companies/<pk>/manual/: every view takes the company pk first and looks it up in the user's scope.
urlpatterns = [
    path("", views.manual, name="manual"),
    path("submit/", views.manual_submit, name="manual_submit"),
    path("<int:manual_pk>/resubmit/", views.manual_resubmit, name="manual_resubmit"),
    path("<int:manual_pk>/assign/", views.manual_assign, name="manual_assign"),
    path("<int:manual_pk>/review/", views.manual_review, name="manual_review"),
]
