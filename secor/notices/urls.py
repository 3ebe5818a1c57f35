from django.urls import path

from secor.notices import golive_views, text_views, views

app_name = "notices"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:pk>/resend/", views.resend, name="resend"),
    path("go-live/", golive_views.go_live, name="go_live"),
    path("go-live/switch/", golive_views.switch, name="go_live_switch"),
    path("texts/", text_views.texts, name="texts"),
    path("texts/<slug:kind>/", text_views.text_edit, name="text_edit"),
    path("texts/versions/<int:pk>/restore/", text_views.text_restore, name="text_restore"),
]
