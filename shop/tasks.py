from django_tasks import task

from shop.services.emails import order_email_send


@task()
def order_email_task(kind: str, order_id: int, part_id: int | None = None) -> int:
    return order_email_send(kind=kind, order_id=order_id, part_id=part_id)
