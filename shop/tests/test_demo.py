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
