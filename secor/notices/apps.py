from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "secor.notices"
    label = "notices"
    verbose_name = "SECOR notices"

    def ready(self):
        from secor.notices import events  # noqa: F401  (declares the timeline kind of a sent notice)
