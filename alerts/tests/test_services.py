from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from alerts.models import Alert
from alerts.services import alert_cancel, alert_create, alerts_fire_due
from alerts.tests.factories import alert_for, price_set
from notifications.models import Notification
from shop.services.stock import stock_set
from vendors.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold_out(store):
    return ProductPageFactory(store=store, title="Rare vase", stock_quantity=0)


def _notifications(kind):
    return list(Notification.objects.filter(kind=kind).values_list("user_id", "title"))


def test_back_in_stock_fires_once_after_a_restock(
    buyer, sold_out, django_capture_on_commit_callbacks
):
    alert = alert_for(user=buyer, product=sold_out, kind="back_in_stock")

    with django_capture_on_commit_callbacks(execute=True):
        stock_set(product=sold_out, quantity=3, actor=sold_out.store.vendor)
    with django_capture_on_commit_callbacks(execute=True):
        stock_set(product=sold_out, quantity=5, actor=sold_out.store.vendor)
    assert alerts_fire_due() == 0

    alert.refresh_from_db()
    assert alert.status == "fired"
    assert alert.fired_at is not None
    assert _notifications("alert_back_in_stock") == [
        (buyer.pk, "Rare vase is back in stock")
    ]


def test_back_in_stock_is_refused_for_a_product_in_stock(buyer, product):
    with pytest.raises(ValidationError) as error:
        alert_create(user=buyer, product=product, kind="back_in_stock")

    assert "kind" in error.value.message_dict
    assert Alert.objects.count() == 0


def test_back_in_stock_is_refused_for_a_digital_product(buyer, store):
    download = ProductPageFactory(store=store, digital=True, stock_quantity=0)

    with pytest.raises(ValidationError):
        alert_create(user=buyer, product=download, kind="back_in_stock")


def test_the_same_alert_twice_is_one_alert(buyer, product):
    first, created = alert_create(user=buyer, product=product, kind="price_drop")
    second, created_again = alert_create(user=buyer, product=product, kind="price_drop")

    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert Alert.objects.count() == 1


@pytest.mark.parametrize("target", ["0", "-1", "10.00", "11", "abc", "1.234"])
def test_a_target_must_be_above_zero_and_below_todays_price(buyer, product, target):
    with pytest.raises(ValidationError) as error:
        alert_create(
            user=buyer, product=product, kind="price_drop", target_price=target
        )

    assert "target_price" in error.value.message_dict
    assert Alert.objects.count() == 0


def test_a_price_drop_fires_on_a_cut_below_the_price_when_asked(
    buyer, product, django_capture_on_commit_callbacks
):
    alert = alert_for(user=buyer, product=product)

    with django_capture_on_commit_callbacks(execute=True):
        price_set(product=product, price="9.00")

    alert.refresh_from_db()
    assert alert.status == "fired"
    assert _notifications("alert_price_drop") == [
        (buyer.pk, "Speckled mug is now $9.00")
    ]


def test_a_raise_then_a_cut_is_no_drop(
    buyer, product, django_capture_on_commit_callbacks
):
    alert = alert_for(user=buyer, product=product)

    with django_capture_on_commit_callbacks(execute=True):
        price_set(product=product, price="15.00")
    with django_capture_on_commit_callbacks(execute=True):
        price_set(product=product, price="12.00")
    assert alerts_fire_due() == 0

    alert.refresh_from_db()
    assert alert.status == "active"
    assert Notification.objects.count() == 0


def test_a_target_price_waits_for_the_target(
    buyer, product, django_capture_on_commit_callbacks
):
    alert = alert_for(user=buyer, product=product, target_price="8.00")

    with django_capture_on_commit_callbacks(execute=True):
        price_set(product=product, price="9.00")
    alert.refresh_from_db()
    assert alert.status == "active"

    with django_capture_on_commit_callbacks(execute=True):
        price_set(product=product, price="8.00")
    alert.refresh_from_db()
    assert alert.status == "fired"


def test_a_cancelled_alert_never_fires(
    buyer, product, django_capture_on_commit_callbacks
):
    alert = alert_for(user=buyer, product=product)
    alert_cancel(user=buyer, alert_id=alert.pk)

    with django_capture_on_commit_callbacks(execute=True):
        price_set(product=product, price="5.00")
    assert alerts_fire_due() == 0

    alert.refresh_from_db()
    assert alert.status == "cancelled"
    assert Notification.objects.count() == 0


def test_someone_elses_alert_cannot_be_cancelled(buyer, product):
    alert = alert_for(user=buyer, product=product)

    assert alert_cancel(user=UserFactory(), alert_id=alert.pk) is None
    alert.refresh_from_db()
    assert alert.status == "active"


def test_the_sweep_fires_what_the_worker_missed(buyer, product):
    alert = alert_for(user=buyer, product=product)
    # The queue was down: the task never ran.
    price_set(product=product, price="9.99")

    assert alerts_fire_due() == 1
    assert alerts_fire_due() == 0
    alert.refresh_from_db()
    assert alert.status == "fired"


def test_a_thousand_alerts_fire_in_a_bounded_number_of_queries(
    product, django_assert_max_num_queries
):
    buyers = UserFactory.create_batch(1000)
    Alert.objects.bulk_create(
        [
            Alert(
                user=user,
                product=product,
                kind="price_drop",
                reference_price=Decimal("10.00"),
            )
            for user in buyers
        ]
    )
    price_set(product=product, price="9.00")

    # About ten statements, plus the notifications' bulk INSERT in batches
    # (SQLite takes 71 rows per statement, MariaDB 500): not one per alert.
    with django_assert_max_num_queries(30):
        fired = alerts_fire_due(product_ids=[product.pk])

    assert fired == 1000
    assert Alert.objects.filter(status="fired").count() == 1000
    assert Notification.objects.filter(kind="alert_price_drop").count() == 1000
