from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from training import events  # noqa: F401  (declares the timeline kinds before any page lists them)
