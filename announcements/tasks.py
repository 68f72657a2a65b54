from django_tasks import task

from announcements.services import announcement_send


@task()
def announcement_send_task(announcement_id: int) -> str | None:
    """Send one announcement; returns its status, or None when it was not due."""
    announcement = announcement_send(announcement_id=announcement_id)
    return announcement.status if announcement else None
