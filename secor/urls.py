from django.contrib import admin
from django.urls import include, path

from companies.urls import register_patterns, staff_patterns
from secor import views
from training import views as training_views

admin.site.site_header = "SECOR administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("companies/", include("companies.urls")),
    path("companies/<int:pk>/training/", include("training.urls")),
    path("staff/verification/", training_views.queue, name="verification_queue"),
    path("register/", include(register_patterns)),
    path("staff/", include(staff_patterns)),
    path("admin/", admin.site.urls),
]
