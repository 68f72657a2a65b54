"""The one call the shop makes when an order's money changes."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _enqueue(order_id: int) -> None:
    from analytics.tasks import rollup_order_task

    try:
        rollup_order_task.enqueue(order_id)
    except Exception:
        # The nightly recompute catches up; the sale must not fail for a report.
        logger.exception("Rollup of order %s could not be queued.", order_id)


def order_changed(order_id: int) -> None:
    """Queue the recompute of the order's rollups once the transaction commits."""
    transaction.on_commit(lambda: _enqueue(order_id))
