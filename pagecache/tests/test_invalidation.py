"""Never stale: every kind of change is seen on the next request, with the cache
on (the root conftest clears it for every test)."""

from decimal import Decimal

import pytest
from wagtail.actions.move_page import MovePageAction

from home.models import SiteSettings
from reviews.services import review_reply_create
from reviews.tests.factories import ReviewFactory
from shop.services.orders import order_cancel
from shop.services.stock import stock_set
from shop.tests.factories import order_for
from vendors.services import (
    product_delete,
    product_update,
    store_delete,
    store_update,
)
from vendors.tests.factories import (
    ImageFactory,
    ProductPageFactory,
    StorePageFactory,
)


def _cached(client, url) -> str:
    """The page as a visitor sees it, making sure it sits in the cache."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _next(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


LISTINGS = ["/", "/catalogue/", "/search/?q=mug"]
# MariaDB's full-text index sees committed rows only: tests that look for new
# content in search results commit their data.
SEES_NEW_SEARCH_RESULTS = pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)


@SEES_NEW_SEARCH_RESULTS
def test_a_product_published_shows_on_every_listing_and_its_store(client, store):
    ProductPageFactory(store=store, title="Speckled mug")
    for url in [*LISTINGS, store.url]:
        _cached(client, url)

    ProductPageFactory(store=store, title="Blue mug")

    for url in [*LISTINGS, store.url]:
        assert "Blue mug" in _next(client, url)[1], url


@pytest.mark.django_db
def test_a_product_taken_off_the_site_leaves_its_page_and_listings(
    client, store, product, vendor
):
    for url in [*LISTINGS, store.url, product.url]:
        _cached(client, url)

    product_delete(product=product, actor=vendor)

    assert _next(client, product.url)[0] == 404
    for url in [*LISTINGS, store.url]:
        assert "Speckled mug" not in _next(client, url)[1], url


@pytest.mark.django_db
def test_a_product_deleted_from_the_tree_leaves_its_page_and_listings(
    client, store, product
):
    url = product.url
    for page in [*LISTINGS, store.url, url]:
        _cached(client, page)

    product.delete()

    assert _next(client, url)[0] == 404
    assert "Speckled mug" not in _next(client, "/catalogue/")[1]
    assert "Speckled mug" not in _next(client, store.url)[1]


@pytest.mark.django_db
def test_a_product_moved_to_another_store_shows_under_it(
    client, store, product, admin_user
):
    other = StorePageFactory(title="Bean Roasters")
    old_url = product.url
    for url in [store.url, other.url, old_url, "/catalogue/"]:
        _cached(client, url)

    MovePageAction(product, other, pos="last-child", user=admin_user).execute()
    product.refresh_from_db()

    assert _next(client, old_url)[0] == 301  # Wagtail redirects a moved page
    assert "Speckled mug" not in _next(client, store.url)[1]
    assert "Speckled mug" in _next(client, other.url)[1]
    assert "Bean Roasters" in _next(client, product.url)[1]


@SEES_NEW_SEARCH_RESULTS
def test_a_price_change_shows_at_once(client, store, product, vendor):
    pages = [*LISTINGS, store.url, product.url]
    for url in pages:
        assert "$10.00" in _cached(client, url), url

    product_update(product=product, actor=vendor, price=Decimal("12.34"))

    for url in pages:
        assert "$12.34" in _next(client, url)[1], url


@SEES_NEW_SEARCH_RESULTS
def test_a_vendors_stock_count_shows_at_once(client, store, product):
    pages = [*LISTINGS, store.url, product.url]
    for url in pages:
        _cached(client, url)

    stock_set(product=product, quantity=0, actor=product.store.vendor)

    for url in pages:
        assert "Out of stock" in _next(client, url)[1], url


@pytest.mark.django_db
def test_a_checkout_and_its_cancellation_show_on_the_product(
    client, store, product, buyer
):
    assert "In stock" in _cached(client, product.url)

    order = order_for(buyer=buyer, items=[(product, 8)])
    after_sale = _next(client, product.url)[1]
    order_cancel(order=order, actor=buyer)
    after_cancel = _next(client, product.url)[1]

    assert "Only 2 left" in after_sale
    assert "In stock" in after_cancel


@pytest.mark.django_db
def test_a_review_shows_its_rating_on_the_product_and_listings(client, store, product):
    for url in [product.url, store.url, "/catalogue/"]:
        _cached(client, url)

    ReviewFactory(product=product, rating=4, comment="Holds tea well.")

    assert "Holds tea well." in _next(client, product.url)[1]
    for url in [store.url, "/catalogue/"]:
        assert "(1)" in _next(client, url)[1], url


@pytest.mark.django_db
def test_a_vendors_reply_shows_on_the_product(client, product, vendor):
    review = ReviewFactory(product=product, rating=5)
    _cached(client, product.url)

    review_reply_create(review=review, user=vendor, text="Thank you, Ada!")

    assert "Thank you, Ada!" in _next(client, product.url)[1]


@pytest.mark.django_db
def test_a_store_deactivated_leaves_the_site_with_its_products(
    client, store, product, admin_user
):
    for url in [*LISTINGS, "/stores/", store.url, product.url]:
        _cached(client, url)

    store.is_active = False  # as the page editor does it
    store.save_revision(user=admin_user).publish(user=admin_user)

    assert _next(client, store.url)[0] == 404
    assert _next(client, product.url)[0] == 404
    assert "Kiln Studio" not in _next(client, "/stores/")[1]
    assert "Speckled mug" not in _next(client, "/catalogue/")[1]


@pytest.mark.django_db
def test_a_store_renamed_shows_on_its_products(client, store, product, admin_user):
    _cached(client, product.url)

    store_update(store=store, actor=admin_user, title="Kiln & Co")

    assert "Kiln &amp; Co" in _next(client, product.url)[1]


@pytest.mark.django_db
def test_a_store_unpublished_leaves_the_store_list(client, store, vendor):
    _cached(client, "/stores/")

    store_delete(store=store, actor=vendor)

    assert "Kiln Studio" not in _next(client, "/stores/")[1]


@pytest.mark.django_db
def test_site_settings_show_on_every_page_at_once(client, store, product, site):
    pages = [*LISTINGS, "/stores/", store.url, product.url]
    for url in pages:
        _cached(client, url)

    settings = SiteSettings.load()
    settings.tagline = "Pots, beans and books."
    settings.save()

    for url in pages:
        assert "Pots, beans and books." in _next(client, url)[1], url


@pytest.mark.django_db
def test_a_change_elsewhere_leaves_a_store_page_cached(client, store, product):
    other = StorePageFactory(title="Bean Roasters")
    _cached(client, store.url)

    ProductPageFactory(store=other, title="Ethiopia beans")

    assert client.get(store.url)["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_an_image_edited_refreshes_pages_but_one_saved_unchanged_does_not(
    client, product
):
    image = ImageFactory()
    _cached(client, product.url)

    image.save()
    unchanged = client.get(product.url)
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 5, 5
    image.save()
    refocused = client.get(product.url)

    assert (unchanged["X-Cache"], refocused["X-Cache"]) == ("HIT", "MISS")
