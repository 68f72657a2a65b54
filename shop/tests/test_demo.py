from accounts.tests.factories import UserFactory
from shop.demo import DEMO_ORDERS, seed_orders
from shop.models import Order
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def _demo_catalog():
    for number in range(5):
        store = StorePageFactory(title=f"Demo store {number}")
        for position in range(4):
            ProductPageFactory(store=store, title=f"Item {number}.{position}")


def test_seed_orders_places_past_orders_once(store_index):
    for username in ["buyer1", "buyer2"]:
        UserFactory(username=username)
    _demo_catalog()

    created = seed_orders()
    again = seed_orders()

    assert created == len(DEMO_ORDERS)
    assert again == 0
    assert sorted(Order.objects.values_list("status", flat=True)) == [
        "delivered",
        "paid",
        "processing",
        "refunded",
        "shipped",
    ]


def test_seed_orders_needs_the_test_provider(store_index, settings):
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = False
    for username in ["buyer1", "buyer2"]:
        UserFactory(username=username)
    _demo_catalog()

    assert seed_orders() == 0
    assert not Order.objects.exists()


def test_the_demo_stores_ship_and_the_digital_products_download(store_index):
    from shop.demo import seed_shipping_and_downloads
    from shop.models import ProductFile, ShippingRule

    _demo_catalog()
    ebook = ProductPageFactory(
        store=StorePageFactory(title="Demo books"), title="Book", digital=True
    )

    first = seed_shipping_and_downloads()
    again = seed_shipping_and_downloads()

    assert first == (5, 1)
    assert again == (0, 0)
    assert ShippingRule.objects.count() == 5
    (book,) = ProductFile.objects.filter(product=ebook)
    assert book.file.open("rb").read().startswith(b"%PDF-1.4")
