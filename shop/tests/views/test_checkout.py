import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.tests.mail import confirmation_path
from shop.models import Address, Order, Payment
from shop.tests.conftest import (
    APPROVE_URL,
    PAYPAL,
    PAYPAL_ORDER_ID,
    paypal_accepts_order,
    paypal_captures,
    stock_of,
)
from shop.tests.factories import ADDRESS, AddressFactory, order_for

ADD = reverse("shop:cart_add")
CHECKOUT = reverse("shop:checkout")
REVIEW = reverse("shop:checkout_review")
NEW_ADDRESS = {f"shipping-{key}": value for key, value in ADDRESS.items()}


def _add(client, product, quantity=1):
    client.post(ADD, {"product": product.pk, "quantity": str(quantity)}, follow=True)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_guest_is_sent_to_log_in_and_back(client, mug):
    _add(client, mug)

    response = client.get(CHECKOUT)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={CHECKOUT}"


def test_checkout_with_the_test_provider(
    buyer_client, buyer, mug, beans, django_capture_on_commit_callbacks
):
    _add(buyer_client, mug, 2)
    _add(buyer_client, beans, 1)

    form = buyer_client.get(CHECKOUT)
    details = buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "test", **NEW_ADDRESS}
    )
    review = buyer_client.get(REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        placed = buyer_client.post(REVIEW)

    order = Order.objects.get(buyer=buyer)
    assert form.status_code == 200
    assert "Test mode" in form.content.decode()
    assert details["Location"] == REVIEW
    assert "12 Rue des Lilas" in review.content.decode()
    assert "Place order and pay $34.50" in review.content.decode()
    assert placed["Location"] == reverse("shop:order_confirmation", args=[order.number])
    confirmation = buyer_client.get(placed["Location"])
    assert order.number in confirmation.content.decode()
    assert order.status == "paid"
    assert (stock_of(mug), stock_of(beans)) == (3, 2)
    assert mail.outbox[0].to == [buyer.email]
    assert order.number in buyer_client.get(reverse("shop:order_list")).content.decode()


def test_a_saved_address_is_offered_and_used(buyer_client, buyer, mug):
    address = AddressFactory(user=buyer, city="Nantes")
    _add(buyer_client, mug)

    form = buyer_client.get(CHECKOUT)
    buyer_client.post(
        CHECKOUT, {"saved_address": str(address.pk), "payment_method": "test"}
    )
    buyer_client.post(REVIEW)

    assert "Nantes" in form.content.decode()
    assert Order.objects.get(buyer=buyer).shipping_address == address
    assert Address.objects.filter(user=buyer).count() == 1


def test_the_profile_address_prefills_a_new_address(buyer_client, buyer, mug):
    buyer.first_name, buyer.last_name, buyer.address = "Bea", "Moreau", "3 Quai Est"
    buyer.save()
    _add(buyer_client, mug)

    form = buyer_client.get(CHECKOUT)

    assert 'value="Bea Moreau"' in form.content.decode()
    assert 'value="3 Quai Est"' in form.content.decode()


def test_shipping_is_skipped_for_digital_only_carts(buyer_client, buyer, ebook):
    _add(buyer_client, ebook, 2)

    form = buyer_client.get(CHECKOUT)
    buyer_client.post(CHECKOUT, {"payment_method": "test"})
    buyer_client.post(REVIEW)

    assert "no shipping address needed" in form.content.decode()
    assert 'name="shipping-city"' not in form.content.decode()
    assert Order.objects.get(buyer=buyer).shipping_address is None


@pytest.mark.parametrize(
    "data",
    [
        {"saved_address": "new", "payment_method": "test"},
        {"saved_address": "new", "payment_method": "cash", **NEW_ADDRESS},
        {"saved_address": "999999", "payment_method": "test"},
        {"saved_address": "new", "payment_method": "test", "shipping-city": "x" * 500},
        {},
    ],
)
def test_bad_checkout_details_are_form_errors(buyer_client, buyer, mug, data):
    _add(buyer_client, mug)

    response = buyer_client.post(CHECKOUT, data)

    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert "checkout" not in buyer_client.session
    assert not Order.objects.exists()


def test_someone_elses_saved_address_is_refused(buyer_client, mug):
    stranger = AddressFactory()
    _add(buyer_client, mug)

    response = buyer_client.post(
        CHECKOUT, {"saved_address": str(stranger.pk), "payment_method": "test"}
    )

    assert response.status_code == 200
    assert not Order.objects.exists()


def test_review_without_details_goes_back_to_checkout(buyer_client, mug):
    _add(buyer_client, mug)

    response = buyer_client.post(REVIEW)

    assert response["Location"] == CHECKOUT
    assert not Order.objects.exists()


def test_an_empty_cart_cannot_check_out(buyer_client):
    response = buyer_client.get(CHECKOUT)

    assert response["Location"] == reverse("shop:cart_detail")


def test_placing_twice_places_one_order(buyer_client, buyer, mug):
    _add(buyer_client, mug, 2)
    buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "test", **NEW_ADDRESS}
    )

    buyer_client.post(REVIEW)
    second = buyer_client.post(REVIEW)

    assert second["Location"] == reverse("shop:cart_detail")
    assert Order.objects.filter(buyer=buyer).count() == 1
    assert stock_of(mug) == 3


def test_stock_sold_meanwhile_gives_a_clear_message(buyer_client, buyer, mug):
    _add(buyer_client, mug, 4)
    buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "test", **NEW_ADDRESS}
    )
    mug.stock.quantity = 3
    mug.stock.save()

    response = buyer_client.post(REVIEW, follow=True)

    assert _messages(response)[-1] == (
        "Not enough stock: only 3 of “Speckled mug” left. "
        "Lower the quantity to check out."
    )
    assert not Order.objects.exists()
    assert stock_of(mug) == 3


def test_checkout_with_paypal(buyer_client, buyer, mug, paypal_api):
    paypal_accepts_order(paypal_api)
    paypal_captures(paypal_api, value="20.00")
    _add(buyer_client, mug, 2)
    buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "paypal", **NEW_ADDRESS}
    )

    placed = buyer_client.post(REVIEW)
    back = buyer_client.get(
        reverse("shop:paypal_return"), {"token": PAYPAL_ORDER_ID, "PayerID": "P1"}
    )
    again = buyer_client.get(
        reverse("shop:paypal_return"), {"token": PAYPAL_ORDER_ID, "PayerID": "P1"}
    )

    order = Order.objects.get(buyer=buyer)
    confirmation = reverse("shop:order_confirmation", args=[order.number])
    assert placed["Location"] == APPROVE_URL
    assert back["Location"] == confirmation
    assert again["Location"] == confirmation
    assert order.status == "paid"
    captures = [c for c in paypal_api.calls if c.request.url.endswith("/capture")]
    assert len(captures) == 1


def test_cancelling_at_paypal(buyer_client, buyer, mug, paypal_api):
    paypal_accepts_order(paypal_api)
    _add(buyer_client, mug, 2)
    buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "paypal", **NEW_ADDRESS}
    )
    buyer_client.post(REVIEW)

    confirm = buyer_client.get(
        reverse("shop:paypal_cancel"), {"token": PAYPAL_ORDER_ID}
    )
    still_placed = Order.objects.get(buyer=buyer).status
    response = buyer_client.post(
        reverse("shop:paypal_cancel"), {"token": PAYPAL_ORDER_ID}, follow=True
    )

    order = Order.objects.get(buyer=buyer)
    assert confirm.status_code == 200
    assert "Cancel the order" in confirm.content.decode()
    assert still_placed == "pending_payment"
    assert order.status == "cancelled"
    assert stock_of(mug) == 5
    assert f"order {order.number} is cancelled" in _messages(response)[-1]


def test_the_paypal_cancel_return_cancels_nothing_on_get_or_without_csrf(
    buyer_client, buyer, mug, paypal_api
):
    paypal_accepts_order(paypal_api)
    _add(buyer_client, mug, 2)
    buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "paypal", **NEW_ADDRESS}
    )
    buyer_client.post(REVIEW)
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(buyer)

    for _ in range(3):
        buyer_client.get(reverse("shop:paypal_cancel"), {"token": PAYPAL_ORDER_ID})
    forged = forger.post(reverse("shop:paypal_cancel"), {"token": PAYPAL_ORDER_ID})

    assert forged.status_code == 403
    assert Order.objects.get(buyer=buyer).status == "pending_payment"
    assert stock_of(mug) == 3


def test_a_switched_off_test_provider_does_not_pay_an_order(
    buyer_client, buyer, mug, settings
):
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = True
    order = order_for(buyer=buyer, items=[(mug, 1)])
    # As if the first try had failed: unpaid, its payment pending.
    Order.objects.filter(pk=order.pk).update(status="pending_payment")
    Payment.objects.filter(order=order).update(status="pending", capture_id="")
    settings.PAYMENTS_TEST_PROVIDER_ENABLED = False

    response = buyer_client.post(reverse("shop:order_pay", args=[order.number]))

    order.refresh_from_db()
    assert response.status_code == 302
    assert order.status == "pending_payment"
    assert order.payment.status == "failed"
    assert "switched off" in order.payment.last_error


def test_a_paypal_decline_shows_the_order_to_pay_again(
    buyer_client, buyer, mug, paypal_api
):
    paypal_accepts_order(paypal_api)
    paypal_api.post(
        f"{PAYPAL}/v2/checkout/orders/{PAYPAL_ORDER_ID}/capture",
        status=422,
        json={
            "name": "UNPROCESSABLE_ENTITY",
            "details": [{"issue": "INSTRUMENT_DECLINED"}],
        },
    )
    _add(buyer_client, mug, 1)
    buyer_client.post(
        CHECKOUT, {"saved_address": "new", "payment_method": "paypal", **NEW_ADDRESS}
    )
    buyer_client.post(REVIEW)

    response = buyer_client.get(
        reverse("shop:paypal_return"), {"token": PAYPAL_ORDER_ID}, follow=True
    )

    order = Order.objects.get(buyer=buyer)
    assert order.status == "pending_payment"
    assert "PayPal declined the payment" in _messages(response)[-1]
    assert "Pay now" in response.content.decode()


@pytest.mark.parametrize("token", ["", "UNKNOWN", "x" * 5000, PAYPAL_ORDER_ID])
def test_paypal_return_for_a_payment_not_yours_is_404(
    client, buyer, vendor, mug, paypal_api, token
):
    from shop.tests.factories import order_for

    paypal_accepts_order(paypal_api)
    order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")
    client.force_login(vendor)

    response = client.get(reverse("shop:paypal_return"), {"token": token})

    assert response.status_code == 404


def test_a_lone_payment_method_is_chosen_already(buyer_client, mug, settings):
    _add(buyer_client, mug)

    only_test = buyer_client.get(CHECKOUT).content.decode()
    settings.PAYPAL_CLIENT_ID = "client-id"
    settings.PAYPAL_CLIENT_SECRET = "client-secret"
    two_ways = buyer_client.get(CHECKOUT).content.decode()

    assert re.search(r'<input[^>]*value="test"[^>]*checked', only_test)
    assert not re.search(r'<input[^>]*name="payment_method"[^>]*checked', two_ways)


def test_the_new_address_form_is_marked_for_hiding_behind_a_saved_one(
    buyer_client, buyer, mug
):
    AddressFactory(user=buyer)
    _add(buyer_client, mug)

    content = buyer_client.get(CHECKOUT).content.decode()

    # static/css/site.css hides .new-address while a saved address is checked.
    assert 'class="card border-0 shadow-sm mb-4 shipping-choice"' in content
    assert 'class="mb-3 address-choices"' in content
    assert re.search(r'<input[^>]*value="\d+"[^>]*checked', content)


def test_signing_up_at_checkout_says_it_all_in_one_message(client, mug, beans):
    _add(client, mug, 2)
    password = "a-Strong-passphrase-42"

    signup = client.post(
        reverse("account_signup"),
        {
            "username": "bea",
            "email": "bea@example.com",
            "role": "buyer",
            "password1": password,
            "password2": password,
            "next": CHECKOUT,
        },
    )
    # Sign-up does not say whether the address was taken (accounts.registration):
    # the new account confirms it, and the link signs in and goes on to the checkout.
    response = client.post(confirmation_path("bea@example.com"), follow=True)

    assert signup.url == reverse("account_email_verification_sent")
    assert response.redirect_chain[-1][0] == CHECKOUT
    notes = _messages(response)
    assert len(notes) == 1, notes
    assert notes[0].startswith("Welcome, bea: your account is ready")
    assert "Speckled mug" in notes[0]
    assert client.get(CHECKOUT).context["messages"].__len__() == 0


def test_signing_in_elsewhere_keeps_the_cart_message(client, buyer, mug):
    buyer.set_password("a-Strong-passphrase-42")
    buyer.save()
    _add(client, mug)

    response = client.post(
        reverse("account_login"),
        {"login": buyer.username, "password": "a-Strong-passphrase-42"},
        follow=True,
    )

    assert any("We added what you chose" in note for note in _messages(response))
