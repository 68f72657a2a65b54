"""Two workers firing the same alerts at once (the task after a restock and the
periodic sweep): each alert fires once, one notification each."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from accounts.tests.factories import UserFactory
from alerts.models import Alert
from alerts.services import alerts_fire_due
from notifications.models import Notification
from vendors.stock_flags import products_in_stock_refresh
from vendors.tests.factories import ProductPageFactory, StorePageFactory

WORKERS = 4

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.mysql",
        reason="SQLite ignores row locks; concurrent firing is tested on MariaDB",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_workers_racing_fire_each_alert_once(home_page):
    product = ProductPageFactory(
        store=StorePageFactory(title="Racing Store"), stock_quantity=0
    )
    Alert.objects.bulk_create(
        [
            Alert(
                user=user,
                product=product,
                kind="back_in_stock",
                reference_price=product.price,
            )
            for user in UserFactory.create_batch(50)
        ]
    )
    # Restocked without telling anyone (as if the queue were down): the stock
    # and the product's flag, as shop.services.stock writes them, no signal.
    product.stock.quantity = 5
    product.stock.save()
    products_in_stock_refresh(product_ids=[product.pk])
    start = threading.Barrier(WORKERS)
    fired: list[int] = []
    errors: list[BaseException] = []

    def fire() -> None:
        try:
            start.wait()
            fired.append(alerts_fire_due(product_ids=[product.pk]))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(fired) == 50
    assert Alert.objects.filter(status="fired").count() == 50
    assert Notification.objects.filter(kind="alert_back_in_stock").count() == 50
