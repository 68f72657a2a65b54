"""The copies kept so every list walks an index: StorePage.product_count,
ProductPage.sort_title and ProductPage.rating_average/rating_count stay equal to
what they copy after every kind of change, and the lists sort and filter by
them."""

from decimal import Decimal

import pytest
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.move_page import MovePageAction

from reviews.models import ProductRating
from reviews.services import review_delete, review_hide, review_restore
from reviews.tests.factories import ReviewFactory
from vendors.models import ProductPage, StorePage
from vendors.services import (
    product_delete,
    product_update,
    store_delete,
    store_update,
)
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def _count(store: StorePage) -> int:
    return StorePage.objects.get(pk=store.pk).product_count


def _live_products(store: StorePage) -> int:
    return ProductPage.objects.live().filter(store=store).count()


def _assert_counts_right() -> None:
    for store in StorePage.objects.all():
        assert store.product_count == _live_products(store), store.title


# --- product counts ------------------------------------------------------------


def test_a_new_store_counts_nothing(store):
    assert _count(store) == 0


def test_publishing_a_product_counts_it_and_a_draft_does_not(store):
    ProductPageFactory(store=store)
    ProductPageFactory(store=store, publish=False)

    assert _count(store) == 1


def test_publishing_a_draft_later_counts_it(store):
    draft = ProductPageFactory(store=store, publish=False)

    draft.get_latest_revision().publish()

    assert _count(store) == 1


def test_editing_a_live_product_counts_it_once(store, vendor):
    product = ProductPageFactory(store=store)

    product_update(product=product, actor=vendor, title="Renamed mug")
    product_update(product=product, actor=vendor, price=Decimal("12.00"))

    assert _count(store) == 1


def test_unpublishing_a_product_uncounts_it(store, vendor):
    product = ProductPageFactory(store=store)
    ProductPageFactory(store=store)

    product_delete(product=product, actor=vendor)

    assert _count(store) == 1


def test_unpublishing_in_the_admin_way_uncounts_it(store):
    product = ProductPageFactory(store=store)

    product.unpublish()

    assert _count(store) == 0


def test_deleting_a_product_uncounts_it(store):
    product = ProductPageFactory(store=store)
    ProductPageFactory(store=store)

    ProductPage.objects.get(pk=product.pk).delete()

    assert _count(store) == 1


def test_moving_a_product_counts_it_in_its_new_store(store, vendor):
    other = StorePageFactory(vendor=vendor, title="Other shop")
    product = ProductPageFactory(store=store)

    MovePageAction(product, other, pos="last-child").execute()

    assert (_count(store), _count(other)) == (0, 1)
    assert ProductPage.objects.get(pk=product.pk).store_id == other.pk


def test_copying_a_live_product_to_another_store_counts_the_copy(store, vendor):
    other = StorePageFactory(vendor=vendor, title="Other shop")
    product = ProductPageFactory(store=store)

    CopyPageAction(
        product, to=other, update_attrs={"slug": "copied-mug"}, keep_live=True
    ).execute()

    assert (_count(store), _count(other)) == (1, 1)


def test_a_store_copied_with_its_products_counts_its_own(store):
    ProductPageFactory(store=store)
    ProductPageFactory(store=store)
    ProductPageFactory(store=store, publish=False)

    copy = CopyPageAction(
        store,
        recursive=True,
        keep_live=True,
        update_attrs={"slug": "kiln-studio-copy", "title": "Kiln copy"},
    ).execute()

    assert (_count(store), _count(copy)) == (2, 2)


def test_a_store_copied_without_its_products_counts_none(store):
    ProductPageFactory(store=store)

    copy = CopyPageAction(
        store, update_attrs={"slug": "kiln-studio-copy"}, keep_live=True
    ).execute()

    assert _count(copy) == 0


def test_taking_a_store_off_the_site_uncounts_its_products(store, vendor):
    ProductPageFactory(store=store)

    store_delete(store=store, actor=vendor)

    assert _count(store) == 0


def test_publishing_an_old_store_revision_keeps_todays_count(store, vendor):
    old_revision = store.get_latest_revision()
    ProductPageFactory(store=store)
    ProductPageFactory(store=store)

    old_revision.publish()
    store_update(store=StorePage.objects.get(pk=store.pk), actor=vendor, phone="1")

    assert _count(store) == 2


def test_deleting_a_store_with_its_products_leaves_the_others_right(store, vendor):
    other = StorePageFactory(vendor=vendor, title="Other shop")
    ProductPageFactory(store=store)
    ProductPageFactory(store=other)

    StorePage.objects.get(pk=store.pk).delete()

    assert _count(other) == 1
    _assert_counts_right()


def test_stores_list_and_api_show_the_kept_count(client, store):
    ProductPageFactory(store=store)
    ProductPageFactory(store=store)
    ProductPageFactory(store=store).unpublish()

    page = client.get("/stores/")
    api = client.get(f"/api/stores/{store.pk}/")

    assert "2 products" in page.content.decode()
    assert api.json()["product_count"] == 2


# --- the name sort key -------------------------------------------------------


def test_sort_title_follows_the_published_title(store, vendor):
    product = ProductPageFactory(store=store, title="Speckled Mug")
    assert ProductPage.objects.get(pk=product.pk).sort_title == "speckled mug"

    product_update(product=product, actor=vendor, title="Ash Bowl")

    assert ProductPage.objects.get(pk=product.pk).sort_title == "ash bowl"


def test_a_draft_title_leaves_the_live_sort_title(store, vendor):
    product = ProductPageFactory(store=store, title="Speckled Mug")
    product.title = "Draft name"
    product.save_revision(user=vendor)

    assert ProductPage.objects.get(pk=product.pk).sort_title == "speckled mug"


def test_catalogue_and_api_sort_by_name_case_blind(client, store):
    for title in ("banana dish", "Apple jug", "cherry bowl", "Damson cup"):
        ProductPageFactory(store=store, title=title)

    page = client.get("/catalogue/", {"ordering": "name"})
    api = client.get("/api/products/", {"ordering": "name"})

    expected = ["Apple jug", "banana dish", "cherry bowl", "Damson cup"]
    assert [product.title for product in page.context["products"]] == expected
    assert [row["name"] for row in api.json()["results"]] == expected


def test_price_changes_resort_the_catalogue(client, store, vendor):
    cheap = ProductPageFactory(store=store, title="Cheap", price=Decimal("5.00"))
    ProductPageFactory(store=store, title="Dear", price=Decimal("9.00"))

    product_update(product=cheap, actor=vendor, price=Decimal("50.00"))
    response = client.get("/catalogue/", {"ordering": "price"})

    assert [product.title for product in response.context["products"]] == [
        "Dear",
        "Cheap",
    ]


# --- the rating copy ---------------------------------------------------------


def _rating_copy(product) -> tuple[Decimal, int]:
    product = ProductPage.objects.get(pk=product.pk)
    return product.rating_average, product.rating_count


def _assert_rating_copy_right(product) -> None:
    rating = ProductRating.objects.filter(product_id=product.pk).first()
    expected = (rating.average or 0, rating.count) if rating else (0, 0)
    assert _rating_copy(product) == expected


def test_rating_copy_follows_every_review_change(store, admin_user):
    product = ProductPageFactory(store=store)
    assert _rating_copy(product) == (0, 0)

    first = ReviewFactory(product=product, rating=5)
    second = ReviewFactory(product=product, rating=2)
    assert _rating_copy(product) == (Decimal("3.50"), 2)

    review_hide(review=second, actor=admin_user)
    assert _rating_copy(product) == (Decimal("5.00"), 1)

    review_restore(review=second, actor=admin_user)
    _assert_rating_copy_right(product)

    review_delete(review=first, user=first.user)
    assert _rating_copy(product) == (Decimal("2.00"), 1)
    _assert_rating_copy_right(product)


def test_publishing_an_old_product_revision_keeps_todays_rating(store, vendor):
    product = ProductPageFactory(store=store)
    old_revision = product.get_latest_revision()
    ReviewFactory(product=product, rating=4)

    old_revision.publish()
    product_update(
        product=ProductPage.objects.get(pk=product.pk),
        actor=vendor,
        price=Decimal("11.00"),
    )

    assert _rating_copy(product) == (Decimal("4.00"), 1)


def test_a_copied_product_starts_unrated(store):
    product = ProductPageFactory(store=store)
    ReviewFactory(product=product, rating=4)

    copy = CopyPageAction(
        product, update_attrs={"slug": "copied"}, keep_live=True
    ).execute()

    assert _rating_copy(copy) == (0, 0)


@pytest.mark.parametrize("path", ["/catalogue/", "/api/products/"])
def test_best_rated_sort_reads_the_copy(client, store, path):
    top = ProductPageFactory(store=store, title="Top")
    many = ProductPageFactory(store=store, title="Many fours")
    one = ProductPageFactory(store=store, title="One four")
    ProductPageFactory(store=store, title="Unrated")
    ReviewFactory(product=top, rating=5)
    ReviewFactory(product=many, rating=4)
    ReviewFactory(product=many, rating=4)
    ReviewFactory(product=one, rating=4)

    response = client.get(path, {"ordering": "-rating", "min_rating": "4"})
    everyone = client.get(path, {"ordering": "-rating"})

    if path == "/catalogue/":
        titles = [product.title for product in response.context["products"]]
        all_titles = [product.title for product in everyone.context["products"]]
    else:
        titles = [row["name"] for row in response.json()["results"]]
        all_titles = [row["name"] for row in everyone.json()["results"]]
    assert titles == ["Top", "Many fours", "One four"]
    assert all_titles[-1] == "Unrated"
