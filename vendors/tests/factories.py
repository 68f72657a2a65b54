from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Collection

from accounts.tests.factories import VendorFactory
from vendors.access import vendor_workspace_ensure
from vendors.services import product_create, store_create


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    # Tiny pictures keep rendition generation fast.
    file = factory.django.ImageField(width=40, height=30, color="teal")
    # wagtail-factories would add a new root collection for every image.
    collection = factory.LazyFunction(Collection.get_first_root_node)


def _uploaded_by(vendor, *images) -> None:
    """Pictures a test hands to a page factory are the vendor's, as if they had
    uploaded them: the services refuse images outside the actor's collections."""
    collection = vendor_workspace_ensure(vendor=vendor).collection
    for image in images:
        if image is not None and image.collection.is_root():
            image.collection = collection
            image.save(update_fields=["collection"])


class StorePageFactory(factory.Factory):
    """A store made by vendors.services.store_create, published unless told."""

    class Meta:
        model = dict

    vendor = factory.SubFactory(VendorFactory)
    title = factory.Sequence(lambda n: f"Store {n}")
    description = "Handmade goods from a small workshop."
    publish = True

    @classmethod
    def _create(cls, model_class, **kwargs):
        # The vendor opens their own store unless a test names another actor.
        kwargs.setdefault("actor", kwargs["vendor"])
        _uploaded_by(kwargs["vendor"], kwargs.get("logo"), kwargs.get("banner"))
        return store_create(**kwargs)


class ProductPageFactory(factory.Factory):
    """A product made by vendors.services.product_create, published unless told."""

    class Meta:
        model = dict

    store = factory.SubFactory(StorePageFactory)
    title = factory.Sequence(lambda n: f"Product {n}")
    price = Decimal("10.00")
    stock_quantity = 10
    summary = "A thing worth having."
    publish = True

    @classmethod
    def _create(cls, model_class, **kwargs):
        vendor = kwargs["store"].vendor
        kwargs.setdefault("actor", vendor)
        _uploaded_by(
            vendor,
            kwargs.get("image"),
            *(image for image, _ in kwargs.get("gallery", ())),
        )
        return product_create(**kwargs)
