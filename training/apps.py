from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        # Importing events and notices (and their texts) declares the timeline and notice kinds before any page
        # lists them or any worker sends one.
        from functools import partial

        from secor import hooks
        from secor.company_keep import REACHES, ahead_of_reads
        from secor.hooks import Topic
        from secor.request_memo import forget_shared
        from training import events, notice_texts, notices  # noqa: F401
        from training.chart_pdf import CHART_TOPICS, companies_reached
        from training.models import Course
        from training.summaries import summaries_invalidate, summaries_invalidate_all
        from training.tasks import keep_training_chart_pdfs, refresh_training_summaries

        # A roster, status or record that a chart reads has changed: its companies' summaries are computed again.
        hooks.on_change(Topic.COMPANY_STATUS, Topic.ROSTER, Topic.TRAINING, listener=summaries_invalidate)
        # The values kept per company that read a chart follow a person into every company that designated them
        # (TRN-2), and a worker renders the chart PDFs of the companies a write names once it commits.
        hooks.on(REACHES, companies_reached)
        hooks.on_change(*CHART_TOPICS, listener=partial(ahead_of_reads, run=keep_training_chart_pdfs.delay))
        # A setting or a course every chart reads: all of them, which a worker computes again at once so that
        # lists do not wait for thousands of charts (the daily run catches up if the broker is down).
        hooks.on_change(Topic.PROGRAM_SETTINGS, Topic.CATALOGUE, listener=summaries_invalidate_all)
        hooks.after_commit(Topic.PROGRAM_SETTINGS, Topic.CATALOGUE, run=refresh_training_summaries.delay)
        # Every page reads the catalogue from the shared cache (training.selectors.courses).
        hooks.forget_on_change(Topic.CATALOGUE, forget=partial(forget_shared, Course.CATALOGUE_KEY))
