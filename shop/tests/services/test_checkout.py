from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from shop.exceptions import OutOfStock
from shop.models import Address, Order, OrderLine, Payment
from shop.services.cart import cart_add_item, cart_for, cart_quantities
from shop.services.checkout import NUMBER_ALPHABET, NUMBER_LENGTH, order_place
from shop.tests.conftest import stock_of
from shop.tests.factories import ADDRESS, AddressFactory, order_for


def _cart(buyer, *items):
    cart = cart_for(user=buyer, session={})
    for product, quantity in items:
        cart_add_item(cart=cart, product_id=product.pk, quantity=quantity)
    return cart


def test_order_place_writes_the_order_parts_lines_and_payment(
    buyer, mug, beans, django_capture_on_commit_callbacks
):
    cart = _cart(buyer, (mug, 2), (beans, 3))

    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(
            buyer=buyer, cart=cart, payment_method="test", shipping_address=ADDRESS
        )

    assert order.status == "paid"
    assert order.total == Decimal("63.50")
    assert len(order.number) == NUMBER_LENGTH
    assert set(order.number) <= set(NUMBER_ALPHABET)
    assert [(p.store_name, p.subtotal, p.status) for p in order.parts.all()] == [
        ("Bean Roasters", Decimal("43.50"), "paid"),
        ("Kiln Studio", Decimal("20.00"), "paid"),
    ]
    assert [
        (line.product_name, line.store_name, line.unit_price, line.quantity)
        for line in order.lines.all()
    ] == [
        ("Speckled mug", "Kiln Studio", Decimal("10.00"), 2),
        ("Ethiopia beans", "Bean Roasters", Decimal("14.50"), 3),
    ]
    assert order.payment.status == "captured"
    assert order.payment.amount == Decimal("63.50")
    assert order.payment.capture_id.startswith("TEST-")
    assert order.shipping_address.city == "Lyon"
    assert (stock_of(mug), stock_of(beans)) == (3, 0)
    assert cart_quantities(cart=cart) == {}
    assert [(e.from_status, e.to_status) for e in order.events.all()] == [
        ("", "pending_payment"),
        ("pending_payment", "paid"),
    ]


def test_order_lines_keep_the_price_and_name_paid(buyer, mug):
    order = order_for(buyer=buyer, items=[(mug, 1)])
    mug.title = "Renamed mug"
    mug.price = Decimal("99.00")
    mug.save_revision().publish()

    line = OrderLine.objects.get(order=order)

    assert (line.product_name, line.unit_price) == ("Speckled mug", Decimal("10.00"))


def test_order_place_sends_the_confirmation_emails(
    buyer, mug, beans, vendor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])

    assert [message.to for message in mail.outbox] == [
        [buyer.email],
        [beans.store.vendor.email],
        [vendor.email],
    ]
    confirmation = mail.outbox[0]
    assert confirmation.subject == f"[Marketplace] Order {order.number} confirmed"
    assert "2 × Speckled mug" in confirmation.body
    assert "$34.50" in confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html"
    assert order.number in html
    assert "Speckled mug" in mail.outbox[2].body
    assert "Ethiopia beans" not in mail.outbox[2].body


def test_order_place_refuses_when_one_product_is_short_and_changes_nothing(
    buyer, mug, beans, django_capture_on_commit_callbacks
):
    cart = _cart(buyer, (mug, 2), (beans, 3))
    # Someone else bought beans meanwhile.
    order_for(buyer=AddressFactory().user, items=[(beans, 1)])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OutOfStock):
        order_place(
            buyer=buyer, cart=cart, payment_method="test", shipping_address=ADDRESS
        )

    assert (stock_of(mug), stock_of(beans)) == (5, 2)
    assert Order.objects.filter(buyer=buyer).count() == 0
    assert Payment.objects.count() == 1
    assert not Address.objects.filter(user=buyer).exists()
    assert cart_quantities(cart=cart) == {mug.pk: 2, beans.pk: 3}
    assert mail.outbox == []


def test_order_place_needs_no_address_for_digital_items(buyer, ebook):
    cart = _cart(buyer, (ebook, 3))

    order = order_place(buyer=buyer, cart=cart, payment_method="test")

    assert order.shipping_address is None
    assert order.total == Decimal("23.97")
    assert order.status == "paid"


@pytest.mark.parametrize(
    "shipping_address",
    [None, {}, {**ADDRESS, "city": ""}, {**ADDRESS, "planet": "Mars"}, "Lyon"],
)
def test_order_place_requires_an_address_for_physical_items(
    buyer, mug, shipping_address
):
    cart = _cart(buyer, (mug, 1))

    with pytest.raises(ValidationError):
        order_place(
            buyer=buyer,
            cart=cart,
            payment_method="test",
            shipping_address=shipping_address,
        )

    assert stock_of(mug) == 5
    assert not Order.objects.exists()


def test_order_place_refuses_someone_elses_address(buyer, mug):
    cart = _cart(buyer, (mug, 1))

    with pytest.raises(ValidationError):
        order_place(
            buyer=buyer,
            cart=cart,
            payment_method="test",
            shipping_address=AddressFactory(),
        )

    assert not Order.objects.exists()


def test_order_place_reuses_a_saved_address(buyer, mug):
    address = AddressFactory(user=buyer)

    order = order_for(buyer=buyer, items=[(mug, 1)], shipping_address=address)

    assert order.shipping_address == address
    assert Address.objects.filter(user=buyer).count() == 1


def test_order_place_refuses_an_empty_cart(buyer):
    with pytest.raises(ValidationError):
        order_place(buyer=buyer, cart=_cart(buyer), payment_method="test")

    assert not Order.objects.exists()


@pytest.mark.parametrize("method", ["", "cash", None])
def test_order_place_refuses_unknown_payment_methods(buyer, mug, method):
    cart = _cart(buyer, (mug, 1))

    with pytest.raises(ValidationError) as error:
        order_place(
            buyer=buyer, cart=cart, payment_method=method, shipping_address=ADDRESS
        )

    assert list(error.value.message_dict) == ["payment_method"]
    assert not Order.objects.exists()


def test_order_place_refuses_the_test_provider_when_disabled(buyer, mug, settings):
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = False
    cart = _cart(buyer, (mug, 1))

    with pytest.raises(ValidationError):
        order_place(
            buyer=buyer, cart=cart, payment_method="test", shipping_address=ADDRESS
        )

    assert stock_of(mug) == 5


def test_order_place_refuses_a_cart_that_lost_a_product(buyer, mug, beans):
    cart = _cart(buyer, (mug, 1), (beans, 1))
    beans.unpublish()

    with pytest.raises(ValidationError) as error:
        order_place(
            buyer=buyer, cart=cart, payment_method="test", shipping_address=ADDRESS
        )

    assert "Ethiopia beans" in str(error.value)
    assert cart_quantities(cart=cart) == {mug.pk: 1}
    assert stock_of(mug) == 5


def test_a_failure_after_the_stock_was_taken_undoes_everything(
    buyer, mug, beans, settings, django_capture_on_commit_callbacks
):
    cart = _cart(buyer, (mug, 2), (beans, 1))
    # The order row refuses a currency code longer than three letters, after
    # the stock rows were locked and decremented.
    settings.CURRENCY = "EURO"

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError),
    ):
        order_place(
            buyer=buyer, cart=cart, payment_method="test", shipping_address=ADDRESS
        )

    assert (stock_of(mug), stock_of(beans)) == (5, 3)
    assert not Order.objects.exists()
    assert not Payment.objects.exists()
    assert not Address.objects.filter(user=buyer).exists()
    assert cart_quantities(cart=cart) == {mug.pk: 2, beans.pk: 1}
    assert mail.outbox == []
