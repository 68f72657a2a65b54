"""The public pages: only published content of active stores, and 404 otherwise."""

import pytest
from django.template.loader import render_to_string

from vendors.tests.factories import ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db


@pytest.fixture
def shown(store):
    return ProductPageFactory(store=store, title="Visible mug")


@pytest.fixture
def hidden(store, vendor):
    """Pages that exist but must never show, with the names to look for."""
    closed_store = StorePageFactory(
        vendor=vendor, title="Closed Shop", is_active=False, is_featured=True
    )
    gone_store = StorePageFactory(vendor=vendor, title="Gone Shop", is_featured=True)
    pages = {
        "draft_product": ProductPageFactory(
            store=store, title="Draft Teapot", publish=False
        ),
        "unpublished_product": ProductPageFactory(store=store, title="Retired Vase"),
        "closed_store": closed_store,
        "closed_store_product": ProductPageFactory(
            store=closed_store, title="Closed Jug"
        ),
        "gone_store": gone_store,
        "gone_store_product": ProductPageFactory(store=gone_store, title="Gone Bowl"),
    }
    pages["unpublished_product"].unpublish()
    gone_store.unpublish()  # its product stays live, under a hidden store
    return pages


HIDDEN_NAMES = [
    "Draft Teapot",
    "Retired Vase",
    "Closed Shop",
    "Closed Jug",
    "Gone Shop",
    "Gone Bowl",
]


@pytest.mark.parametrize(
    ("url", "visible"),
    [
        ("/", ["Kiln Studio", "Visible mug"]),
        ("/stores/", ["Kiln Studio"]),
        ("/stores/kiln-studio/", ["Visible mug"]),
        ("/catalogue/", ["Visible mug"]),
    ],
)
def test_listings_show_published_content_only(
    client, store, shown, hidden, url, visible
):
    store.is_featured = True
    store.save_revision().publish()

    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert [name for name in visible if name in content] == visible
    assert [name for name in HIDDEN_NAMES if name in content] == []


@search_db
@pytest.mark.parametrize(
    ("query", "visible"),
    # Every test product's summary says "thing", every store's "handmade".
    [("thing", ["Visible mug"]), ("handmade", ["Kiln Studio"])],
)
def test_search_shows_published_content_only(client, shown, hidden, query, visible):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    content = response.content.decode()
    assert [name for name in visible if name in content] == visible
    assert [name for name in HIDDEN_NAMES if name in content] == []


@pytest.mark.parametrize(
    "page",
    [
        "draft_product",
        "unpublished_product",
        "closed_store",
        "closed_store_product",
        "gone_store",
        "gone_store_product",
    ],
)
def test_hidden_pages_answer_404(client, hidden, page):
    response = client.get(hidden[page].url_path.removeprefix("/home"))

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_product_page_shows_price_stock_and_store(client, store):
    product = ProductPageFactory(
        store=store, title="Speckled mug", price="28.50", stock_quantity=3
    )

    response = client.get(product.url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "$28.50" in content
    assert "Only 3 left" in content
    assert "Kiln Studio" in content
    assert 'id="reviews"' in content


def test_store_page_paginates_products_by_twelve(client, store):
    for number in range(13):
        ProductPageFactory(store=store, title=f"Bowl {number:02d}")

    first = client.get(store.url)
    second = client.get(store.url, {"page": 2})

    assert len(first.context["products"]) == 12
    assert [p.title for p in second.context["products"]] == ["Bowl 00"]


def test_home_page_features_stores_and_lists_new_products(client, store, shown):
    store.is_featured = True
    store.save_revision().publish()

    response = client.get("/")

    assert list(response.context["featured_stores"]) == [store]
    assert list(response.context["new_products"]) == [shown]


def test_server_error_page_renders_without_a_request():
    content = render_to_string("500.html")

    assert "Something went wrong" in content
