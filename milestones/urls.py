from django.urls import path

from milestones import views

app_name = "milestones"

# Under companies/<pk>/milestones/: every view takes the company pk first and looks it up in the user's scope.
urlpatterns = [
    path("request/", views.request_next, name="request_next"),
    path("issue/", views.issue_next, name="issue_next"),
    path("<int:letter_pk>/extend/", views.letter_extend, name="letter_extend"),
    path("calendar/", views.calendar_address, name="calendar"),
]
