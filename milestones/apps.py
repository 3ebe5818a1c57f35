from django.apps import AppConfig


class MilestonesConfig(AppConfig):
    name = "milestones"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from milestones import events, notices  # noqa: F401
        from milestones.expiries import derolls_due
        from milestones.selectors.watch import shares_computed_ahead
        from milestones.services import letter_issue_on_registration, letters_settle_expired
        from secor import hooks

        hooks.on(hooks.COMPANY_REGISTERED, letter_issue_on_registration)
        hooks.on(hooks.DAILY_SWEEP, letters_settle_expired)
        # MIL-3 is never stale: every read shows the de-rolls due, which only the nightly job records.
        hooks.on(hooks.DEROLLS_DUE, derolls_due)
        # The watch page's letters kept company by company: a write computes its companies' letters as it commits.
        shares_computed_ahead()
