import logging

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from announcements.services import announcement_queue_for_page

logger = logging.getLogger(__name__)


@receiver(page_published)
def page_announce(sender, instance, **kwargs):
    # Announcing must never undo or break the publish that triggered it: the
    # savepoint lets a failure here roll back alone.
    try:
        with transaction.atomic():
            announcement_queue_for_page(page=instance)
    except Exception:
        logger.exception("Could not queue the announcement of page %s.", instance.pk)
