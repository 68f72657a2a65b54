from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from home.models import SiteSettings
from vendors.access import vendor_publishing_set
from vendors.models import ProductPage, StorePage
from vendors.renditions import page_renditions_enqueue
from vendors.services import product_store_sync


@receiver(post_page_move)
def product_moved(sender, instance, **kwargs):
    if issubclass(sender, ProductPage):
        product_store_sync(product=instance.specific)


@receiver(page_published)
def product_published(sender, instance, **kwargs):
    # A copy published straight away ("keep live") is saved without cleaning.
    if issubclass(sender, ProductPage):
        product_store_sync(product=instance)


@receiver(post_save, sender=SiteSettings)
def vendor_publishing_follows_settings(sender, instance, **kwargs):
    # Admins switch moderation on and off in Settings -> Site settings.
    vendor_publishing_set(allowed=not instance.require_vendor_approval)


@receiver(page_published)
def storefront_renditions_on_publish(sender, instance, **kwargs):
    if issubclass(sender, (ProductPage, StorePage)):
        page_renditions_enqueue(page_id=instance.pk)
