from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from training import events, notices  # noqa: F401
