from django.urls import path

from milestones import views

app_name = "milestones"

# Under companies/<pk>/milestones/: every view takes the company pk first and looks it up in the user's scope.
company_patterns = [
    path("request/", views.request_next, name="request_next"),
    path("issue/", views.issue_next, name="issue_next"),
    path("<int:letter_pk>/extend/", views.letter_extend, name="letter_extend"),
    path("calendar/", views.calendar_address, name="calendar"),
]
# Under staff/.
staff_patterns = [
    path("milestones/", views.watch, name="watch"),
]
public_patterns = [
    # MIL-4: a company's calendar, public at an address only the company knows (and can change).
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
