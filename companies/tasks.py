from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_application_decision(application_id: int) -> None:
    from companies.models import Application
    from companies.notifications import application_decision_send

    application_decision_send(application=Application.objects.select_related("company").get(pk=application_id))
