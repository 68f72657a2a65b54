import pytest
from django.urls import reverse

from accounts.tests.factories import AdminFactory
from shop.tests.factories import order_for

PARTS = reverse("shop_admin:order_parts")


@pytest.fixture
def order(buyer, mug, beans):
    return order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])


def _part_url(part):
    return reverse("shop_admin:order_part", args=[part.pk])


def test_a_vendor_sees_only_its_own_part(vendor_client, order, store, other_store):
    listing = vendor_client.get(PARTS)
    mine = vendor_client.get(_part_url(order.parts.get(store=store)))
    theirs = vendor_client.get(_part_url(order.parts.get(store=other_store)))

    assert listing.status_code == 200
    content = listing.content.decode()
    assert order.number in content
    assert "Speckled mug" in content
    assert "Ethiopia beans" not in content
    assert mine.status_code == 200
    assert "Ethiopia beans" not in mine.content.decode()
    assert theirs.status_code == 404


def test_the_orders_menu_item_is_shown_to_vendors(vendor_client):
    response = vendor_client.get(reverse("wagtailadmin_home"))

    assert PARTS in response.content.decode()


def test_an_admin_sees_every_part(client, order):
    client.force_login(AdminFactory())

    content = client.get(PARTS).content.decode()

    assert "Speckled mug" in content
    assert "Ethiopia beans" in content


def test_buyers_cannot_reach_the_vendor_orders(buyer_client, order):
    response = buyer_client.get(PARTS)

    # Wagtail sends a signed-in user without admin access to its login.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_vendor_moves_its_part_along(vendor_client, order, store, vendor):
    part = order.parts.get(store=store)

    response = vendor_client.post(
        _part_url(part), {"status": "processing"}, follow=True
    )

    part.refresh_from_db()
    assert part.status == "processing"
    assert f"Order {order.number} is now processing." in response.content.decode()
    assert part.events.get().actor == vendor


@pytest.mark.parametrize("status", ["shipped", "delivered", "paid", "junk", ""])
def test_invalid_moves_are_refused_with_a_message(vendor_client, order, store, status):
    part = order.parts.get(store=store)

    response = vendor_client.post(_part_url(part), {"status": status}, follow=True)

    part.refresh_from_db()
    assert response.status_code == 200
    assert part.status == "paid"
    assert not part.events.exists()


def test_a_vendor_cannot_move_another_stores_part(vendor_client, order, other_store):
    part = order.parts.get(store=other_store)

    response = vendor_client.post(_part_url(part), {"status": "processing"})

    part.refresh_from_db()
    assert response.status_code == 404
    assert part.status == "paid"


def test_unpaid_orders_are_not_listed(vendor_client, buyer, mug, paypal_api):
    from shop.tests.conftest import paypal_accepts_order

    paypal_accepts_order(paypal_api)
    unpaid = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")

    response = vendor_client.get(PARTS)

    assert unpaid.number not in response.content.decode()
