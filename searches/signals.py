"""A promotion changes what the search pages show: they are cached with the
catalogue's listings (pagecache.generations.CATALOG)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion

from pagecache.generations import stores_changed


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
def promotion_changed(sender, **kwargs):
    # No store of its own changed: only the listings (CATALOG) go stale.
    stores_changed(store_ids=[])
