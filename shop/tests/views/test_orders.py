import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from shop.tests.conftest import stock_of
from shop.tests.factories import order_for


@pytest.fixture
def order(buyer, mug, beans):
    return order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])


def _urls(order):
    return {
        "detail": reverse("shop:order_detail", args=[order.number]),
        "confirmation": reverse("shop:order_confirmation", args=[order.number]),
        "cancel": reverse("shop:order_cancel", args=[order.number]),
        "pay": reverse("shop:order_pay", args=[order.number]),
    }


def test_the_buyer_sees_the_order_and_its_timeline(buyer_client, order):
    response = buyer_client.get(_urls(order)["detail"])

    content = response.content.decode()
    assert response.status_code == 200
    assert order.number in content
    assert "Kiln Studio" in content and "Bean Roasters" in content
    assert "2 × Speckled mug" in content
    assert "Timeline" in content
    assert "Order placed." in content
    assert "Cancel order" in content


@pytest.mark.parametrize("page", ["detail", "confirmation"])
def test_nobody_else_sees_the_order(client, order, vendor, page):
    client.force_login(UserFactory())
    as_stranger = client.get(_urls(order)[page])
    client.force_login(vendor)
    as_vendor = client.get(_urls(order)[page])

    assert as_stranger.status_code == 404
    assert as_vendor.status_code == 404


@pytest.mark.parametrize("page", ["cancel", "pay"])
def test_nobody_else_acts_on_the_order(client, order, page, mug):
    client.force_login(UserFactory())

    response = client.post(_urls(order)[page])

    order.refresh_from_db()
    assert response.status_code == 404
    assert order.status == "paid"
    assert stock_of(mug) == 3


def test_guests_are_asked_to_log_in(client, order):
    response = client.get(_urls(order)["detail"])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_unknown_order_numbers_are_404(buyer_client):
    for number in ["NOPE", "x" * 300, "%00"]:
        assert buyer_client.get(f"/orders/{number}/").status_code == 404


def test_order_history_lists_only_own_orders(buyer_client, order, mug):
    other = order_for(buyer=UserFactory(), items=[(mug, 1)])

    response = buyer_client.get(reverse("shop:order_list"))

    content = response.content.decode()
    assert order.number in content
    assert other.number not in content


def test_order_history_runs_a_bounded_number_of_queries(
    buyer_client, buyer, mug, ebook, django_assert_max_num_queries
):
    for _ in range(4):
        order_for(buyer=buyer, items=[(mug, 1), (ebook, 1)])

    # The header asks once whether the buyer may enter the admin (accounts.roles),
    # and once how many notifications are unread (the bell).
    with django_assert_max_num_queries(12):
        response = buyer_client.get(reverse("shop:order_list"))

    assert len(response.context["orders"]) == 4


def test_the_buyer_confirms_and_says_why_before_cancelling(
    buyer_client, order, mug, beans
):
    detail = buyer_client.get(_urls(order)["detail"]).content.decode()
    confirm = buyer_client.get(_urls(order)["cancel"])
    response = buyer_client.post(
        _urls(order)["cancel"],
        {"reason": "too_slow", "details": "  Needed it   by Friday "},
        follow=True,
    )

    order.refresh_from_db()
    assert f'href="{_urls(order)["cancel"]}"' in detail  # a link, not a button
    assert confirm.status_code == 200
    assert "The $34.50 you paid will be refunded" in confirm.content.decode()
    assert order.status == "refunded"
    assert (stock_of(mug), stock_of(beans)) == (5, 3)
    assert "is cancelled and your payment refunded" in response.content.decode()
    assert order.events.last().note == (
        "Cancelled by you: It would arrive too late (Needed it by Friday)."
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"reason": "bogus"}, {"reason": "other"}, {"reason": "other", "details": " "}],
)
def test_no_cancelling_without_a_reason(buyer_client, order, mug, data):
    response = buyer_client.post(_urls(order)["cancel"], data)

    order.refresh_from_db()
    assert response.status_code == 400
    assert order.status == "paid"
    assert stock_of(mug) == 3
    assert "invalid-feedback" in response.content.decode()


def test_the_buyer_cancels_one_stores_part(
    buyer_client, order, store, other_store, vendor, mug, beans
):
    from shop.services.orders import order_part_advance

    mine = order.parts.get(store=store)
    theirs = order.parts.get(store=other_store)
    order_part_advance(part=mine, to_status="processing", actor=vendor)
    order_part_advance(part=mine, to_status="shipped", actor=vendor)
    url = reverse("shop:order_part_cancel", args=[order.number, theirs.pk])

    detail = buyer_client.get(_urls(order)["detail"]).content.decode()
    confirm = buyer_client.get(url).content.decode()
    response = buyer_client.post(url, {"reason": "mistake"}, follow=True)

    theirs.refresh_from_db()
    assert "Cancel order" not in detail  # a store has shipped
    assert url in detail
    assert reverse("shop:order_part_cancel", args=[order.number, mine.pk]) not in (
        detail
    )
    assert "1 × Ethiopia beans" in confirm and "Speckled mug" not in confirm
    assert theirs.status == "refunded"
    assert (stock_of(mug), stock_of(beans)) == (3, 3)
    assert "items from Bean Roasters are cancelled" in response.content.decode()
    shipped_part_url = reverse("shop:order_part_cancel", args=[order.number, mine.pk])
    refused = buyer_client.post(shipped_part_url, {"reason": "mistake"}, follow=True)
    assert "can no longer be cancelled" in refused.content.decode()
    assert order.parts.get(pk=mine.pk).status == "shipped"


def test_another_orders_part_is_404(buyer_client, buyer, order, mug):
    other = order_for(buyer=buyer, items=[(mug, 1)])
    url = reverse("shop:order_part_cancel", args=[order.number, other.parts.get().pk])

    assert buyer_client.post(url, {"reason": "mistake"}).status_code == 404


def test_the_timeline_shows_each_change_once(buyer_client, buyer, store, vendor, mug):
    from shop.services.orders import order_part_advance

    order = order_for(buyer=buyer, items=[(mug, 1)])
    part = order.parts.get()
    for status in ["processing", "shipped", "delivered"]:
        part = order_part_advance(part=part, to_status=status, actor=vendor)

    response = buyer_client.get(_urls(order)["detail"])

    statuses = [event.to_status for event in response.context["events"]]
    assert statuses == [
        "pending_payment",
        "paid",
        "processing",
        "shipped",
        "delivered",
    ]
    assert response.content.decode().count('class="order-event"') == 5


def test_cancel_after_shipping_is_refused_with_a_message(
    buyer_client, order, store, vendor, mug
):
    from shop.services.orders import order_part_advance

    part = order.parts.get(store=store)
    order_part_advance(part=part, to_status="processing", actor=vendor)
    order_part_advance(part=part, to_status="shipped", actor=vendor)

    response = buyer_client.post(
        _urls(order)["cancel"], {"reason": "mistake"}, follow=True
    )

    order.refresh_from_db()
    assert "can no longer be cancelled: a store has shipped" in (
        response.content.decode()
    )
    assert order.status == "processing"
    assert stock_of(mug) == 3


def test_order_actions_refuse_get(buyer_client, order):
    cancel = buyer_client.get(_urls(order)["cancel"])

    order.refresh_from_db()
    assert cancel.status_code == 200  # asks; only the POST cancels
    assert order.status == "paid"
    assert buyer_client.get(_urls(order)["pay"]).status_code == 405
