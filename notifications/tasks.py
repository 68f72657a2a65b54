from django_tasks import task

from notifications.services import notification_email_send


@task()
def notification_email_task(notification_id: int) -> str | None:
    """Send one notification's e-mail; safe to run any number of times."""
    return notification_email_send(notification_id=notification_id)
