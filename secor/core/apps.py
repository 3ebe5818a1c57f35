from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "secor.core"
    label = "core"
    verbose_name = "SECOR accounts and program settings"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from secor.core import notices  # noqa: F401  (declares the invitation notice)
        from secor.core.groups import keep_program_administrators
        from secor.core.middleware import session_started
        from secor.freshness import watch_writes

        post_migrate.connect(keep_program_administrators, sender=self)
        user_logged_in.connect(session_started)
        connection_created.connect(watch_writes)
