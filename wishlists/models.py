from django.conf import settings
from django.db import models
from django.utils import timezone


class Wishlist(models.Model):
    """A signed-in user's saved products (guests keep theirs in the session,
    wishlists.session). One per user; shared through an unguessable token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wishlist"
    )
    # secrets.token_urlsafe(24): 192 bits. Null while not shared; a new share
    # makes a new token, so a revoked link never comes back.
    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return f"Wishlist of {self.user}"


class WishlistItem(models.Model):
    wishlist = models.ForeignKey(
        Wishlist, on_delete=models.CASCADE, related_name="items"
    )
    product = models.ForeignKey(
        "vendors.ProductPage", on_delete=models.CASCADE, related_name="wishlist_items"
    )
    price_when_added = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="The product's price when it was saved.",
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wishlist", "product"], name="wishlist_item_once"
            )
        ]

    def __str__(self):
        return f"{self.wishlist_id}: {self.product_id}"
