from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "secor.notices"
    label = "notices"
    verbose_name = "SECOR notices"

    def ready(self):
        # The events declare the timeline kind of a sent notice; the tasks are loaded so that every process
        # knows the task the services hand a claimed notice to, by its name (secor.notices.services.claims).
        from secor.notices import events, tasks  # noqa: F401
