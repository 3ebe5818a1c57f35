from django.urls import path

from secor.api import pages

app_name = "api_keys"

urlpatterns = [
    path("api-keys/", pages.keys, name="keys"),
    path("api-keys/<int:pk>/", pages.key, name="key"),
    path("api-keys/<int:pk>/revoke/", pages.key_revoke, name="key_revoke"),
    path("api-token/", pages.my_token, name="my_token"),
]
