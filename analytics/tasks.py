from django_tasks import task

from analytics.services import rollup_order_changed


@task()
def rollup_order_task(order_id: int) -> None:
    """Recompute the rollups an order's change touched; safe to run any number
    of times, in any order."""
    rollup_order_changed(order_id=order_id)
