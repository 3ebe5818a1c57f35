from django.urls import path

from secor.notices import golive_views, views

app_name = "notices"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:pk>/resend/", views.resend, name="resend"),
    path("go-live/", golive_views.go_live, name="go_live"),
    path("go-live/switch/", golive_views.switch, name="go_live_switch"),
]
