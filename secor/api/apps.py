from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "secor.api"
    label = "api"
    verbose_name = "SECOR partners' API"

    def ready(self):
        from secor.api import schema  # noqa: F401  (the schema's description of the keys)
