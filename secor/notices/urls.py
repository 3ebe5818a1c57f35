from django.urls import path

from secor.notices import text_views, views

app_name = "notices"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:pk>/resend/", views.resend, name="resend"),
    path("texts/", text_views.texts, name="texts"),
    path("texts/<slug:kind>/", text_views.text_edit, name="text_edit"),
    path("texts/versions/<int:pk>/restore/", text_views.text_restore, name="text_restore"),
]
