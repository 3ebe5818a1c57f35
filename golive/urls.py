from django.urls import path

from golive import views

app_name = "golive"

# Under staff/import/.
urlpatterns = [
    path("", views.imports, name="imports"),
    path("templates/<slug:kind>/", views.import_template, name="template"),
    path("exports/<slug:kind>/", views.kind_export, name="export"),
    path("<int:pk>/", views.run, name="run"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
]
