"""A guest shops, registers at checkout, pays with the test provider, and finds
the order in the history."""

import re
from decimal import Decimal

import pytest

from accounts.tests.mail import confirmation_path
from shop.models import Order
from shop.tests.conftest import stock_of
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_guest_buys_registers_at_checkout_and_pays(live_server, page_in_browser):
    store = StorePageFactory(title="Kiln Studio")
    product = ProductPageFactory(
        store=store, title="Speckled mug", price=Decimal("18.00"), stock_quantity=4
    )
    tab = page_in_browser

    tab.goto(f"{live_server.url}/catalogue/")
    # The card's title link, not its wishlist heart (whose hidden label also
    # names the product and comes first).
    tab.get_by_role("link", name="Speckled mug").click()
    tab.fill("#add-to-cart-quantity", "2")
    tab.click("form.add-to-cart button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/cart/")
    assert "$36.00" in tab.inner_text("[data-cart-total]")

    tab.click("text=Checkout")
    tab.wait_for_url(re.compile(r"/accounts/login/\?next="))
    tab.click("main a[href*='/accounts/signup/']")
    tab.wait_for_url(re.compile(r"/accounts/signup/\?next="))
    tab.fill("input[name=username]", "newbuyer")
    tab.fill("input[name=email]", "newbuyer@example.com")
    tab.fill("input[name=password1]", "a-long-Secret-42")
    tab.fill("input[name=password2]", "a-long-Secret-42")
    tab.click("main form button[type=submit]")
    # Sign-up does not say whether the address was taken: the new buyer
    # confirms it, and the link signs them in and goes on to the checkout.
    tab.wait_for_url(f"{live_server.url}/accounts/confirm-email/")
    tab.goto(live_server.url + confirmation_path("newbuyer@example.com"))
    tab.click("main form button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/checkout/")
    assert "Speckled mug" in tab.inner_text(".order-summary")
    assert "$36.00" in tab.inner_text("[data-order-total]")

    tab.fill("input[name=shipping-full_name]", "New Buyer")
    tab.fill("input[name=shipping-address]", "1 Harbour Road")
    tab.fill("input[name=shipping-city]", "Leith")
    tab.fill("input[name=shipping-zipcode]", "EH6 6JJ")
    tab.select_option("select[name=shipping-country]", label="United Kingdom")
    tab.check("input[name=payment_method][value=test]")
    tab.click("text=Review order")
    tab.wait_for_url(f"{live_server.url}/checkout/review/")
    assert "Test mode" in tab.inner_text("main")
    tab.click("text=Place order and pay")
    tab.wait_for_url(re.compile(r"/orders/[0-9A-Z]+/confirmation/$"))

    order = Order.objects.get(buyer__username="newbuyer")
    assert tab.inner_text("[data-order-number]") == order.number
    assert order.status == "paid"
    assert stock_of(product) == 2
    tab.click("text=All my orders")
    tab.wait_for_url(f"{live_server.url}/orders/")
    assert order.number in tab.inner_text("main")
