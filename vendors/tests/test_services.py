from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Revision

from home.models import SiteSettings
from shop.models import Stock
from vendors.access import vendor_workspace_ensure
from vendors.models import ProductPage, StorePage
from vendors.page_forms import FOREIGN_MEDIA
from vendors.services import (
    product_create,
    product_delete,
    product_update,
    store_create,
    store_delete,
    store_update,
)
from vendors.tests.factories import ImageFactory


def _own_image(vendor):
    return ImageFactory(collection=vendor_workspace_ensure(vendor=vendor).collection)


def test_store_create_publishes_a_store_under_the_stores_page(store_index, vendor):
    logo = _own_image(vendor)

    store = store_create(
        actor=vendor,
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
    store = store_create(actor=vendor, title="Kiln Studio", publish=False)

    store.refresh_from_db()
    assert store.live is False
    assert Revision.objects.for_instance(store).count() == 1


def test_store_create_refuses_a_buyer_as_vendor(store_index, buyer, admin_user):
    with pytest.raises(ValidationError) as error:
        store_create(actor=admin_user, vendor=buyer, title="Not a vendor's shop")

    assert "vendor" in error.value.message_dict
    assert not StorePage.objects.exists()


def test_store_create_refuses_bad_email(store_index, vendor):
    with pytest.raises(ValidationError) as error:
        store_create(actor=vendor, title="Kiln Studio", email="not-an-email")

    assert list(error.value.message_dict) == ["email"]
    assert not StorePage.objects.exists()


def test_product_create_makes_page_stock_and_gallery(store):
    pictures = [_own_image(store.vendor), _own_image(store.vendor)]

    product = product_create(
        actor=store.vendor,
        store=store,
        title="Speckled mug",
        price=Decimal("28.00"),
        stock_quantity=12,
        sku="KC-001",
        image=_own_image(store.vendor),
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
    first = product_create(
        actor=store.vendor, store=store, title="Mug", price=Decimal("5.00")
    )

    second = product_create(
        actor=store.vendor, store=store, title="Mug", price=Decimal("6.00")
    )

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
    arguments = {
        "actor": store.vendor,
        "store": store,
        "title": "Mug",
        "stock_quantity": 3,
        **kwargs,
    }

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


# The services decide who may act, whichever door the call came through.


@pytest.fixture
def other_vendor(db):
    from accounts.tests.factories import VendorFactory

    return VendorFactory()


def test_store_create_refuses_a_buyer(store_index, buyer):
    with pytest.raises(PermissionDenied):
        store_create(actor=buyer, title="Not a vendor's shop")

    assert not StorePage.objects.exists()


def test_store_create_refuses_a_vendor_naming_another(
    store_index, vendor, other_vendor
):
    with pytest.raises(ValidationError) as error:
        store_create(actor=vendor, vendor=other_vendor, title="Yours now")

    assert list(error.value.message_dict) == ["vendor"]
    assert not StorePage.objects.exists()


def test_an_admin_opens_a_store_for_a_vendor(store_index, admin_user, vendor):
    store = store_create(actor=admin_user, vendor=vendor, title="Kiln Studio")

    assert (store.vendor, store.live) == (vendor, True)
    assert store.get_latest_revision().user == admin_user


def test_an_admin_names_the_vendor(store_index, admin_user):
    with pytest.raises(ValidationError) as error:
        store_create(actor=admin_user, title="Whose?")

    assert list(error.value.message_dict) == ["vendor"]


def test_product_create_refuses_another_vendors_store(store, other_vendor, buyer):
    for actor in (other_vendor, buyer):
        with pytest.raises(PermissionDenied):
            product_create(
                actor=actor, store=store, title="Planted", price=Decimal("1.00")
            )

    assert not ProductPage.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda store, actor: store_update(store=store, actor=actor, title="Mine"),
        lambda store, actor: store_delete(store=store, actor=actor),
    ],
    ids=["store_update", "store_delete"],
)
def test_store_changes_refuse_another_vendor(store, other_vendor, buyer, change):
    revisions_before = Revision.objects.for_instance(store).count()

    for actor in (other_vendor, buyer):
        with pytest.raises(PermissionDenied):
            change(store, actor)

    store = StorePage.objects.get(pk=store.pk)
    assert (store.title, store.live) == ("Kiln Studio", True)
    assert Revision.objects.for_instance(store).count() == revisions_before


@pytest.mark.parametrize(
    "change",
    [
        lambda product, actor: product_update(
            product=product, actor=actor, price=Decimal("0.01")
        ),
        lambda product, actor: product_update(
            product=product, actor=actor, stock_quantity=0
        ),
        lambda product, actor: product_delete(product=product, actor=actor),
    ],
    ids=["price", "stock", "product_delete"],
)
def test_product_changes_refuse_another_vendor(product, other_vendor, buyer, change):
    for actor in (other_vendor, buyer):
        with pytest.raises(PermissionDenied):
            change(product, actor)

    product = ProductPage.objects.get(pk=product.pk)
    assert (product.price, product.stock.quantity, product.live) == (
        Decimal("10.00"),
        10,
        True,
    )


def test_every_revision_records_who_made_it(store_index, vendor, admin_user):
    store = store_create(actor=vendor, title="Kiln Studio")
    product = product_create(
        actor=vendor, store=store, title="Mug", price=Decimal("5.00")
    )
    store_update(store=store, actor=admin_user, phone="+44 1")
    product_update(product=product, actor=vendor, price=Decimal("6.00"))

    authors = [
        revision.user
        for page in (store, product)
        for revision in Revision.objects.for_instance(page).order_by("pk")
    ]
    assert authors == [vendor, admin_user, vendor, vendor]


def test_under_moderation_a_vendors_edit_is_submitted_not_published(store):
    site_settings = SiteSettings.load()
    site_settings.require_vendor_approval = True
    site_settings.save()

    store_update(store=store, actor=store.vendor, title="Renamed")

    store = StorePage.objects.get(pk=store.pk)
    state = store.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert state.requested_by == store.vendor
    assert store.title == "Kiln Studio"

    state.current_task_state.approve(user=None)

    assert StorePage.objects.get(pk=store.pk).title == "Renamed"


def test_under_moderation_an_admins_edit_is_published(store, admin_user):
    site_settings = SiteSettings.load()
    site_settings.require_vendor_approval = True
    site_settings.save()

    store_update(store=store, actor=admin_user, title="Renamed")

    store = StorePage.objects.get(pk=store.pk)
    assert (store.title, store.current_workflow_state) == ("Renamed", None)


# Images belong to someone, whichever door a page is written through.


def test_services_refuse_another_vendors_image(store, product, other_vendor):
    foreign = _own_image(other_vendor)
    embed = f'<p>Look</p><embed embedtype="image" id="{foreign.pk}" format="left"/>'
    attempts = [
        lambda: store_update(store=store, actor=store.vendor, logo=foreign),
        lambda: product_update(product=product, actor=store.vendor, image=foreign),
        lambda: product_update(product=product, actor=store.vendor, description=embed),
        lambda: product_create(
            actor=store.vendor,
            store=store,
            title="Borrowed",
            price=Decimal("1.00"),
            gallery=[(foreign, "")],
        ),
        lambda: store_create(
            actor=store.vendor,
            title="Second shop",
            body=[("gallery", {"heading": "", "images": [{"image": foreign}]})],
        ),
    ]
    revisions = Revision.objects.count()

    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert FOREIGN_MEDIA in str(error.value.message_dict)

    assert Revision.objects.count() == revisions
    assert ProductPage.objects.count() == StorePage.objects.count() == 1


def test_an_admin_may_use_any_image(store, product, admin_user, other_vendor):
    foreign = _own_image(other_vendor)

    product_update(product=product, actor=admin_user, image=foreign)

    assert ProductPage.objects.get(pk=product.pk).image == foreign
