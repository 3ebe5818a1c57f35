from django.apps import AppConfig


class GoLiveConfig(AppConfig):
    name = "golive"
    verbose_name = "go-live imports"

    def ready(self):
        # Declare the timeline kind before any page lists it, and the import task, which the services hand over by name,
        # before any process dispatches it.
        from golive import events, tasks  # noqa: F401
