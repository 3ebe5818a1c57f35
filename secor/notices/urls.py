from django.urls import path

from secor.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:pk>/resend/", views.resend, name="resend"),
]
