from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "secor.core"
    label = "core"
    verbose_name = "SECOR accounts and program settings"

    def ready(self):
        from functools import partial

        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from secor import hooks, kept_by_company
        from secor.aggregates import register_sqlite_median
        from secor.company_keep import company_changed
        from secor.core import notices  # noqa: F401  (declares the invitation notice)
        from secor.core.groups import keep_program_administrators
        from secor.core.middleware import session_started
        from secor.core.models import ProgramSettings
        from secor.core.tasks import compute_shares_ahead
        from secor.freshness import topic_changed
        from secor.request_memo import forget_shared

        post_migrate.connect(keep_program_administrators, sender=self)
        connection_created.connect(register_sqlite_median)
        user_logged_in.connect(session_started)
        # The figures kept until what they read changes (the dashboard's, the navigation's counts) follow the
        # writes to their topics; a write to any topic moves what follows every write (secor.freshness).
        for topic in hooks.Topic:
            hooks.forget_on_change(topic, forget=partial(topic_changed, topic))
        # The values kept per company (its page's sections, its chart's PDF) follow every write naming it.
        hooks.on_change(*hooks.Topic, listener=company_changed)
        # And the figures kept company by company follow the companies each write names.
        hooks.on_change(
            *kept_by_company.LOGGED_TOPICS,
            listener=partial(kept_by_company.company_changed, hand_off=compute_shares_ahead.delay),
        )
        hooks.forget_on_change(hooks.Topic.PROGRAM_SETTINGS, forget=partial(forget_shared, ProgramSettings.SHARED_KEY))
