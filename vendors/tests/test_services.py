from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Revision

from home.models import SiteSettings
from shop.models import Stock
from vendors.models import ProductPage, StorePage
from vendors.services import (
    product_create,
    product_delete,
    product_update,
    store_create,
    store_delete,
    store_update,
)
from vendors.tests.factories import ImageFactory


def test_store_create_publishes_a_store_under_the_stores_page(store_index, vendor):
    logo = ImageFactory()

    store = store_create(
        vendor=vendor,
        title="Kiln Studio",
        description="Stoneware.",
        logo=logo,
        phone="+44 1422 555 013",
    )

    store.refresh_from_db()
    assert store.get_parent().pk == store_index.pk
    assert store.live is True
    assert store.slug == "kiln-studio"
    assert store.url == "/stores/kiln-studio/"
    assert store.vendor == vendor
    assert store.owner == vendor
    assert store.logo == logo
    assert store.live_revision_id == store.latest_revision_id is not None


def test_store_create_can_leave_a_draft(store_index, vendor):
    store = store_create(vendor=vendor, title="Kiln Studio", publish=False)

    store.refresh_from_db()
    assert store.live is False
    assert Revision.objects.for_instance(store).count() == 1


def test_store_create_refuses_a_buyer_as_vendor(store_index, buyer):
    with pytest.raises(ValidationError) as error:
        store_create(vendor=buyer, title="Not a vendor's shop")

    assert "vendor" in error.value.message_dict
    assert not StorePage.objects.exists()


def test_store_create_refuses_bad_email(store_index, vendor):
    with pytest.raises(ValidationError) as error:
        store_create(vendor=vendor, title="Kiln Studio", email="not-an-email")

    assert list(error.value.message_dict) == ["email"]
    assert not StorePage.objects.exists()


def test_product_create_makes_page_stock_and_gallery(store):
    pictures = [ImageFactory(), ImageFactory()]

    product = product_create(
        store=store,
        title="Speckled mug",
        price=Decimal("28.00"),
        stock_quantity=12,
        sku="KC-001",
        image=ImageFactory(),
        gallery=[(pictures[0], "Side"), (pictures[1], "Handle")],
    )

    product = ProductPage.objects.get(pk=product.pk)
    assert product.live is True
    assert product.store == store
    assert product.get_parent().pk == store.pk
    assert product.owner == store.vendor
    assert product.price == Decimal("28.00")
    assert product.stock.quantity == 12
    assert [(g.image, g.caption) for g in product.gallery_images.all()] == [
        (pictures[0], "Side"),
        (pictures[1], "Handle"),
    ]


def test_product_create_gives_a_repeated_title_its_own_slug(store):
    first = product_create(store=store, title="Mug", price=Decimal("5.00"))

    second = product_create(store=store, title="Mug", price=Decimal("6.00"))

    assert (first.slug, second.slug) == ("mug", "mug-2")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"price": Decimal("-0.01")}, "price"),
        ({"price": "lots"}, "price"),
        ({"price": Decimal("1.00"), "stock_quantity": -1}, "stock_quantity"),
        ({"price": Decimal("1.00"), "title": ""}, "title"),
    ],
)
def test_product_create_refuses_invalid_input_and_saves_nothing(store, kwargs, field):
    arguments = {"store": store, "title": "Mug", "stock_quantity": 3, **kwargs}

    with pytest.raises(ValidationError) as error:
        product_create(**arguments)

    assert field in error.value.message_dict
    assert not ProductPage.objects.exists()
    assert not Stock.objects.exists()
    store.refresh_from_db()
    assert store.numchild == 0


def test_store_update_publishes_the_change_as_a_new_revision(store):
    revisions_before = Revision.objects.for_instance(store).count()

    store_update(
        store=store, actor=store.vendor, title="Kiln Studio & Co", phone="+44 1"
    )

    store = StorePage.objects.get(pk=store.pk)
    assert (store.title, store.phone, store.live) == ("Kiln Studio & Co", "+44 1", True)
    assert store.has_unpublished_changes is False
    assert Revision.objects.for_instance(store).count() == revisions_before + 1


def test_store_update_leaves_a_draft_when_the_vendor_needs_approval(store):
    site_settings = SiteSettings.load()
    site_settings.require_vendor_approval = True
    site_settings.save()

    store_update(store=store, actor=store.vendor, title="Renamed")

    store = StorePage.objects.get(pk=store.pk)
    assert store.title == "Kiln Studio"
    assert store.has_unpublished_changes is True
    assert store.get_latest_revision_as_object().title == "Renamed"


def test_store_update_refuses_invalid_input(store):
    with pytest.raises(ValidationError) as error:
        store_update(store=store, actor=store.vendor, email="nope")

    assert list(error.value.message_dict) == ["email"]
    assert StorePage.objects.get(pk=store.pk).email == ""


def test_store_delete_unpublishes_the_store_and_its_products(store, product):
    store_delete(store=store, actor=store.vendor)

    assert StorePage.objects.get(pk=store.pk).live is False
    assert ProductPage.objects.get(pk=product.pk).live is False


def test_product_update_changes_fields_and_stock(product):
    product_update(
        product=product,
        actor=product.store.vendor,
        price=Decimal("12.50"),
        stock_quantity=4,
    )

    product = ProductPage.objects.get(pk=product.pk)
    assert (product.price, product.stock.quantity) == (Decimal("12.50"), 4)
    assert product.live is True
    assert product.has_unpublished_changes is False


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"price": Decimal("-1.00")}, "price"),
        ({"stock_quantity": -1}, "stock_quantity"),
    ],
)
def test_product_update_refuses_invalid_input_and_changes_nothing(
    product, kwargs, field
):
    with pytest.raises(ValidationError) as error:
        product_update(product=product, actor=product.store.vendor, **kwargs)

    assert field in error.value.message_dict
    product = ProductPage.objects.get(pk=product.pk)
    assert (product.price, product.stock.quantity) == (Decimal("10.00"), 10)


def test_product_delete_unpublishes_the_product(product):
    product_delete(product=product, actor=product.store.vendor)

    assert ProductPage.objects.get(pk=product.pk).live is False
    assert StorePage.objects.get(pk=product.store_id).live is True
