from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from secor import hooks
        from training import events, notices  # noqa: F401
        from training.summaries import summaries_invalidate, summaries_invalidate_all

        # A roster, status or setting that a chart reads has changed: its summaries are computed again.
        hooks.on(hooks.RECORDS_CHANGED, summaries_invalidate)
        hooks.on(hooks.PROGRAM_SETTINGS_CHANGED, summaries_invalidate_all)
