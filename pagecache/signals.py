"""Wagtail and Django events that change what public pages show, handed to
pagecache.generations (services call it themselves)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings
from pagecache.generations import products_changed, site_changed, stores_changed
from vendors.models import ProductPage, StorePage


def _page_changed(page: Page, *, store_ids: tuple[int, ...] = ()) -> None:
    page_class = page.specific_class
    if page_class is not None and issubclass(page_class, ProductPage):
        own_store = getattr(page, "store_id", None)
        products_changed(
            product_ids=[page.pk],
            store_ids={*store_ids, *([own_store] if own_store else [])},
        )
    elif page_class is not None and issubclass(page_class, StorePage):
        stores_changed(store_ids=[page.pk])
    else:
        site_changed()


@receiver(page_published)
@receiver(page_unpublished)
def page_went_live_or_off(sender, instance, **kwargs):
    _page_changed(instance)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    _page_changed(instance, store_ids=(parent_page_before.pk, parent_page_after.pk))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    # Deleting a product page deletes its Page row too: the specific row is enough.
    if isinstance(instance, (ProductPage, StorePage)) or (
        type(instance) is Page
        and not issubclass(instance.specific_class or Page, (ProductPage, StorePage))
    ):
        _page_changed(instance)


@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def site_setting_changed(sender, **kwargs):
    site_changed()


# What a page shows of an image: its renditions (file, focal point) and alt text.
IMAGE_SHOWN_FIELDS = (
    "file",
    "title",
    "description",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


@receiver(pre_save, sender=get_image_model())
def image_changed(sender, instance, **kwargs):
    # A new image shows nowhere yet; saving details unchanged (the multiple-upload
    # form does) must not empty the whole cache.
    if instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values(*IMAGE_SHOWN_FIELDS).first()
    now = {name: getattr(instance, name) for name in IMAGE_SHOWN_FIELDS}
    now["file"] = instance.file.name
    if before is not None and before != now:
        site_changed()
