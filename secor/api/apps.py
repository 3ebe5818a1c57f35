from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "secor.api"
    label = "api"
    verbose_name = "SECOR partners' API"

    def ready(self):
        # The schema's description of the keys; the notice kind of change events and the task claiming them, known
        # to every process.
        from secor.api import notices, schema, tasks  # noqa: F401
