from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "companies"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from companies import events, notices  # noqa: F401
        from companies.questions import notices as question_notices  # noqa: F401
        from companies.services.headcounts import headcounts_forget, headcounts_refresh_for
        from secor import hooks

        # The kept headcounts follow the roster and the status, and are forgotten when the setting on who counts
        # changes.
        hooks.on_change(hooks.Topic.COMPANY_STATUS, hooks.Topic.ROSTER, listener=headcounts_refresh_for)
        hooks.on_change(hooks.Topic.PROGRAM_SETTINGS, listener=headcounts_forget)
