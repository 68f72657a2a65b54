from datetime import timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from alerts.models import PriceChange
from alerts.prices import lowest_price_30_days, price_record, was_price
from alerts.tests.factories import price_set
from vendors.models import ProductPage
from vendors.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


def _prices(product):
    return list(
        PriceChange.objects.filter(product=product)
        .order_by("changed_at", "pk")
        .values_list("price", flat=True)
    )


def test_a_new_product_records_its_first_price_without_a_was_price(store):
    product = ProductPageFactory(store=store, price=Decimal("12.00"))

    assert _prices(product) == [Decimal("12.00")]
    assert lowest_price_30_days(product=product) is None


def test_a_change_through_the_api_service_is_recorded_once(product):
    price_set(product=product, price="8.50")
    price_set(product=product, price="8.50")

    assert _prices(product) == [Decimal("10.00"), Decimal("8.50")]


def test_an_older_revision_published_again_records_its_price(product):
    old_revision = product.latest_revision
    price_set(product=product, price="7.00")

    old_revision.publish(user=product.store.vendor, skip_permission_checks=True)

    product.refresh_from_db()
    assert product.price == Decimal("10.00")
    assert _prices(product) == [Decimal("10.00"), Decimal("7.00"), Decimal("10.00")]


def test_saving_a_draft_records_nothing(product):
    draft = ProductPage.objects.get(pk=product.pk)
    draft.price = Decimal("1.00")

    draft.save_revision(user=product.store.vendor)

    assert _prices(product) == [Decimal("10.00")]


def test_lowest_price_30_days_over_a_timeline(store):
    with freeze_time("2026-01-01 12:00:00+00:00") as clock:
        product = ProductPageFactory(store=store, price=Decimal("50.00"))
        clock.tick(timedelta(days=10))
        price_set(product=product, price="40.00")  # Jan 11
        clock.tick(timedelta(days=10))
        price_set(product=product, price="60.00")  # Jan 21
        clock.tick(timedelta(days=15))
        # Feb 5: the 30 days before are Jan 6 .. Feb 5: 50 (in effect on Jan 6),
        # 40 and 60. The lowest is 40.
        price_set(product=product, price="45.00")
        product.refresh_from_db()

        assert lowest_price_30_days(product=product) == Decimal("40.00")
        assert was_price(product=product) is None  # 45 is no reduction from 40

        clock.tick(timedelta(days=25))
        # Mar 2: the 30 days before are Jan 31 .. Mar 2: 60 (in effect on Jan 31)
        # and 45. The lowest is 45, above today's 39: an honest "was 45".
        price_set(product=product, price="39.00")
        product.refresh_from_db()
        assert lowest_price_30_days(product=product) == Decimal("45.00")
        assert was_price(product=product) == Decimal("45.00")

        clock.tick(timedelta(days=30, seconds=1))
        # No change in the last 30 days: no "was" price any more.
        assert lowest_price_30_days(product=product) is None
        assert was_price(product=product) is None


def test_price_record_writes_nothing_when_the_price_is_unchanged(product):
    assert price_record(product=product) is None
    assert PriceChange.objects.filter(product=product).count() == 1
