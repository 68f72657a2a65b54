import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from shop.models import Order
from shop.tests.conftest import stock_of
from shop.tests.factories import ADDRESS
from vendors.tests.factories import ProductPageFactory, StorePageFactory

BUYERS = 20
UNITS = 5

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.mysql",
        reason="SQLite ignores row locks; concurrent checkouts are tested on MariaDB",
    ),
    # The threads must see each other's commits; the serialized rollback brings
    # back the site and pages the migrations made, for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _buyer_ready_to_place(product) -> Client:
    client = Client()
    client.force_login(UserFactory())
    client.post(reverse("shop:cart_add"), {"product": product.pk, "quantity": "1"})
    client.post(
        reverse("shop:checkout"),
        {
            "saved_address": "new",
            "payment_method": "test",
            **{f"shipping-{key}": value for key, value in ADDRESS.items()},
        },
    )
    return client


def test_twenty_buyers_race_for_the_last_five_units(home_page):
    product = ProductPageFactory(
        store=StorePageFactory(title="Last Units"), stock_quantity=UNITS
    )
    clients = [_buyer_ready_to_place(product) for _ in range(BUYERS)]
    start = threading.Barrier(BUYERS)
    results: list[tuple[int, str, str]] = []
    errors: list[BaseException] = []

    def place(client: Client) -> None:
        try:
            start.wait()
            response = client.post(reverse("shop:checkout_review"))
            landing = client.get(response["Location"])
            results.append(
                (response.status_code, response["Location"], landing.content.decode())
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=place, args=(c,)) for c in clients]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - began

    winners = [r for r in results if "/confirmation/" in r[1]]
    losers = [r for r in results if r[1] == reverse("shop:cart_detail")]
    assert errors == []
    assert [status for status, _, _ in results] == [302] * BUYERS
    assert len(winners) == UNITS
    assert len(losers) == BUYERS - UNITS
    assert all(
        "Not enough stock: “Product" in page and "is sold out." in page
        for _, _, page in losers
    )
    assert Order.objects.filter(status="paid").count() == UNITS
    assert Order.objects.count() == UNITS
    assert stock_of(product) == 0
    print(f"{BUYERS} concurrent checkouts in {elapsed:.2f}s")  # noqa: T201
