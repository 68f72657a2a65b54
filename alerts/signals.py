from django.db.models.signals import post_save
from django.dispatch import receiver

from alerts.prices import price_record
from alerts.services import alerts_check_on_commit
from shop.services.stock import stock_added
from vendors.models import ProductPage


@receiver(post_save, sender=ProductPage)
def price_history_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    # Every door that changes a price saves the product's row: creating, the
    # admin's publish, a revision's publish (scheduled or an older one), the API.
    # Saving a draft names its update_fields and leaves the row's price alone.
    if raw:
        return
    if update_fields is None or "price" in update_fields:
        price_record(product=instance)


@receiver(stock_added)
def back_in_stock_on_restock(sender, product_ids, **kwargs):
    alerts_check_on_commit(product_ids=product_ids)
