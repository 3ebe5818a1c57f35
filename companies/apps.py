from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "companies"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from companies import events, notices  # noqa: F401
