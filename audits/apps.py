from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from audits import events, notices  # noqa: F401
