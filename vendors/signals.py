from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from home.models import SiteSettings
from vendors.access import (
    store_access_sync,
    store_access_sync_all,
    vendor_workspace_ensure,
)
from vendors.models import ProductPage, StorePage
from vendors.renditions import page_renditions_enqueue
from vendors.services import product_store_sync
from vendors.stock_flags import products_in_stock_refresh
from vendors.store_counts import store_product_counts_refresh


def _product_store_follow(product: ProductPage) -> None:
    store_before = product.store_id
    product_store_sync(product=product)
    if product.store_id != store_before:
        store_product_counts_refresh(store_ids=[store_before, product.store_id])


@receiver(post_page_move)
def product_moved(sender, instance, **kwargs):
    if issubclass(sender, ProductPage):
        _product_store_follow(instance.specific)


@receiver(page_published)
def product_published(sender, instance, **kwargs):
    # A copy published straight away ("keep live") is saved without cleaning.
    if issubclass(sender, ProductPage):
        _product_store_follow(instance)


@receiver(post_save, sender=ProductPage)
def store_product_count_on_save(sender, instance, update_fields=None, **kwargs):
    # Publishing, unpublishing and creating save the whole row; saving a draft
    # names its update_fields and leaves `live` alone.
    if update_fields is None or {"live", "store"} & set(update_fields):
        store_product_counts_refresh(store_ids=[instance.store_id])


@receiver(post_save, sender=ProductPage)
def product_in_stock_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    # A whole-row save (create, publish, copy) may change `digital` and writes
    # the instance's own, possibly stale, `in_stock`; a draft leaves both alone.
    # Loading a dump (raw) brings the flag with the row.
    if raw:
        return
    if update_fields is None or {"digital", "in_stock"} & set(update_fields):
        products_in_stock_refresh(product_ids=[instance.pk])


@receiver(post_delete, sender=ProductPage)
def store_product_count_on_delete(sender, instance, **kwargs):
    store_product_counts_refresh(store_ids=[instance.store_id])


@receiver(post_save, sender=StorePage)
def store_access_follows_vendor(sender, instance, update_fields=None, **kwargs):
    # Every way a store comes to be or changes hands saves its row: the open-store
    # screen, the API, an admin's create, edit, publish or copy ("Copy" saves the
    # new page without any of our code running). Saving a draft leaves `vendor`
    # alone and names its update_fields.
    if update_fields is None or "vendor" in update_fields:
        store_access_sync(store=instance)


@receiver(post_save, sender=SiteSettings)
def vendor_publishing_follows_settings(sender, instance, **kwargs):
    # Admins switch moderation on and off in Settings -> Site settings.
    store_access_sync_all()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def vendor_workspace_with_role(sender, instance, update_fields=None, **kwargs):
    # A vendor can upload images before opening a store: the workspace comes
    # with the role (sign-up, the API, an admin's edit), not with a page view.
    if update_fields is not None and "role" not in update_fields:
        return
    if instance.is_vendor:
        vendor_workspace_ensure(vendor=instance)


@receiver(page_published)
def storefront_renditions_on_publish(sender, instance, **kwargs):
    if issubclass(sender, (ProductPage, StorePage)):
        page_renditions_enqueue(page_id=instance.pk)
