"""The shop knows nothing of reviews, so reviews watch its orders: when an
order's status is saved, its buyer's reviews of its products are verified (or,
after a refund, no longer)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from reviews.services import review_verification_refresh
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
