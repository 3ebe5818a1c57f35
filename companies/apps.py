from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "companies"

    def ready(self):
        from companies import events  # noqa: F401  (declares the timeline kinds before any page lists them)
