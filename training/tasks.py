from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_record_returned(record_id: int) -> None:
    from training.models import TrainingRecord
    from training.notifications import record_returned_send

    record_returned_send(
        record=TrainingRecord.objects.select_related("company", "course", "employee").get(pk=record_id)
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_submission_reviewed(submission_id: int) -> None:
    from training.models import ProficiencySubmission
    from training.notifications import submission_reviewed_send

    submission = ProficiencySubmission.objects.select_related("company", "employee").get(pk=submission_id)
    submission_reviewed_send(submission=submission)
