from django_tasks import task

from alerts.services import alerts_fire_due


@task()
def alerts_fire_due_task(product_ids: list[int]) -> int:
    """Fire the products' due alerts; safe to run any number of times."""
    return alerts_fire_due(product_ids=product_ids)
