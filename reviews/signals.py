"""Events reviews do not trigger themselves.

The shop knows nothing of reviews, so reviews watch its orders: when an order's
status is saved, its buyer's reviews of its products are verified (or, after a
refund, no longer). A deleted account deletes its reviews by cascade, which
must still leave the averages.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reviews.models import Review
from reviews.services import product_rating_recompute, review_verification_refresh
from shop.models import Order


@receiver(post_save, sender=Order, dispatch_uid="reviews_verify_on_order_status")
def order_status_saved(sender, instance: Order, created: bool, update_fields, **kwargs):
    # A new order has no lines yet and is not paid; other saves may leave the
    # status alone.
    if created or (update_fields is not None and "status" not in update_fields):
        return
    product_ids = list(
        instance.lines.filter(product__isnull=False).values_list(
            "product_id", flat=True
        )
    )
    if product_ids:
        review_verification_refresh(user_id=instance.buyer_id, product_ids=product_ids)


@receiver(post_delete, sender=Review, dispatch_uid="reviews_rating_on_author_delete")
def review_deleted_with_author(sender, instance: Review, origin=None, **kwargs):
    # review_delete recounts by itself, and a deleted product takes its rating
    # along; a deleted account takes its reviews out of the averages here.
    if isinstance(origin, get_user_model()):
        product_rating_recompute(product_id=instance.product_id)
