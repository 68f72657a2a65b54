from django_tasks import task

from reviews.emails import review_alert_send


@task()
def review_alert_task(review_id: int) -> int:
    return review_alert_send(review_id=review_id)
