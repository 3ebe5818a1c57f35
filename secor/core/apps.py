from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "secor.core"
    label = "core"
    verbose_name = "SECOR accounts and program settings"

    def ready(self):
        from secor.core import notices  # noqa: F401  (declares the invitation notice)
