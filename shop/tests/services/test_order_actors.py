"""The order services decide who may act on an order, not their callers."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.services import user_marketplace_admin_set
from accounts.tests.factories import UserFactory
from shop.models import Order
from shop.services.orders import order_cancel, order_part_advance
from shop.tests.conftest import stock_of
from shop.tests.factories import order_for


@pytest.fixture
def order(buyer, mug, beans):
    return order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])


def test_a_vendor_cannot_move_another_stores_part(order, store, other_store):
    theirs = order.parts.get(store=other_store)

    with pytest.raises(PermissionDenied):
        order_part_advance(part=theirs, to_status="processing", actor=store.vendor)

    theirs.refresh_from_db()
    assert theirs.status == "paid"
    assert not order.events.filter(part=theirs).exists()


def test_a_buyer_cannot_move_a_part(order, store, buyer):
    part = order.parts.get(store=store)

    with pytest.raises(PermissionDenied):
        order_part_advance(part=part, to_status="processing", actor=buyer)

    part.refresh_from_db()
    assert part.status == "paid"


def test_a_group_admin_moves_any_part(order, other_store):
    admin = user_marketplace_admin_set(user=UserFactory(), is_admin=True)
    part = order.parts.get(store=other_store)

    order_part_advance(part=part, to_status="processing", actor=admin)

    part.refresh_from_db()
    assert part.status == "processing"


def test_nobody_else_cancels_a_buyers_order(order, store, mug):
    stranger = UserFactory()

    for actor in (stranger, store.vendor):
        with pytest.raises(PermissionDenied):
            order_cancel(order=order, actor=actor)

    assert Order.objects.get(pk=order.pk).status == "paid"
    assert stock_of(mug) == 3


def test_the_buyer_an_admin_and_the_system_may_cancel(buyer, mug, admin_user):
    for actor in ("buyer", admin_user, None):
        order = order_for(buyer=buyer, items=[(mug, 1)])

        order_cancel(order=order, actor=buyer if actor == "buyer" else actor)

        assert Order.objects.get(pk=order.pk).status in ("cancelled", "refunded")
    assert stock_of(mug) == 5
