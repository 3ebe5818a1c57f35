from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(user_id: int, invited_by_id: int, company_name: str) -> None:
    from secor.core.models import User
    from secor.core.services import invitation_send

    invitation_send(
        user=User.objects.get(pk=user_id), invited_by=User.objects.get(pk=invited_by_id), company_name=company_name
    )
