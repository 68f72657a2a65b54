"""A buyer buys an e-book and a mug from two stores, sees a shipping line per
store, downloads the e-book from the order page, and later sees the mug's
tracking number."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory, VendorFactory
from shop.models import Order
from shop.services.downloads import product_file_add
from shop.services.orders import order_part_advance
from shop.services.shipping_rules import shipping_rule_set
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BOOK = b"%PDF-1.4 a small book about glazes"


def test_a_buyer_buys_an_ebook_and_a_mug_from_two_stores(
    live_server, page_in_browser, log_in_with_cookie, tmp_path
):
    press_owner, kiln_owner = VendorFactory(), VendorFactory()
    press = StorePageFactory(vendor=press_owner, title="Paper Press")
    kiln = StorePageFactory(vendor=kiln_owner, title="Kiln Studio")
    ebook = ProductPageFactory(
        store=press, title="Glaze e-book", price=Decimal("9.00"), digital=True
    )
    product_file_add(
        product=ebook,
        actor=press_owner,
        name="Glaze e-book (PDF)",
        file=SimpleUploadedFile("glaze.pdf", BOOK),
    )
    mug = ProductPageFactory(
        store=kiln, title="Speckled mug", price=Decimal("18.00"), stock_quantity=4
    )
    shipping_rule_set(store=press, actor=press_owner, flat_rate=Decimal("2.00"))
    shipping_rule_set(
        store=kiln, actor=kiln_owner, flat_rate=Decimal("4.90"), countries=["FR"]
    )
    buyer = UserFactory()
    tab = page_in_browser
    log_in_with_cookie(buyer)

    # The store's page says what it charges and where it ships; its product
    # card leads on to the product.
    tab.goto(live_server.url + kiln.url)
    rules = tab.locator("[data-store-shipping-rules]")
    expect(rules).to_contain_text("$4.90 an order")
    expect(rules).to_contain_text("Ships to France")
    tab.get_by_role("link", name="Speckled mug").click()
    tab.wait_for_url(live_server.url + mug.url)

    for product in (ebook, mug):
        tab.goto(live_server.url + product.url)
        tab.click("form.add-to-cart button[type=submit]")
        tab.wait_for_url(f"{live_server.url}/cart/")
    groups = tab.locator("[data-store-group]")
    expect(groups).to_have_count(2)
    expect(groups.filter(has_text="Kiln Studio")).to_contain_text("$4.90")
    expect(groups.filter(has_text="Paper Press")).to_contain_text("None needed")
    expect(tab.locator("[data-cart-total]")).to_have_text("$31.90")

    tab.click("text=Checkout")
    tab.wait_for_url(f"{live_server.url}/checkout/")
    tab.fill("input[name=shipping-full_name]", "Bea Moreau")
    tab.fill("input[name=shipping-address]", "12 Rue des Lilas")
    tab.fill("input[name=shipping-city]", "Lyon")
    tab.fill("input[name=shipping-zipcode]", "69003")
    # Kiln Studio ships to France only: Belgium is refused, naming the store.
    tab.select_option("select[name=shipping-country]", "BE")
    tab.check("input[name=payment_method][value=test]")
    tab.click("text=Review order")
    expect(tab.locator("main")).to_contain_text("Kiln Studio does not ship to Belgium")
    tab.select_option("select[name=shipping-country]", "FR")
    tab.click("text=Review order")
    tab.wait_for_url(f"{live_server.url}/checkout/review/")
    lines = tab.locator("table [data-shipping-line]")
    expect(lines).to_have_count(2)
    expect(lines.filter(has_text="Kiln Studio")).to_contain_text("$4.90")
    expect(lines.filter(has_text="Paper Press")).to_contain_text("None (digital)")
    tab.click("text=Place order and pay $31.90")
    tab.wait_for_url(re.compile(r"/orders/[0-9A-Z]+/confirmation/$"))
    expect(tab.locator("[data-download-link]")).to_have_count(1)

    order = Order.objects.get(buyer=buyer)
    tab.goto(f"{live_server.url}/orders/{order.number}/")
    link = tab.locator("[data-download-link]")
    expect(link).to_contain_text("Download Glaze e-book (PDF)")
    with tab.expect_download() as download:
        link.click()
    saved = tmp_path / "book.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == BOOK
    assert download.value.suggested_filename == "Glaze e-book (PDF).pdf"
    tab.screenshot(path=str(tmp_path / "order.png"), full_page=True)

    # Later, Kiln Studio ships the mug.
    part = order.parts.get(store=kiln)
    order_part_advance(part=part, to_status="processing", actor=kiln_owner)
    order_part_advance(
        part=part,
        to_status="shipped",
        actor=kiln_owner,
        carrier="la_poste",
        tracking_number="6A12345678901",
    )
    tab.reload()
    tracking = tab.locator("[data-tracking-number]")
    expect(tracking).to_have_text("6A12345678901")
    expect(tab.locator("[data-tracking]")).to_contain_text("La Poste")
    assert "laposte.fr" in tracking.get_attribute("href")
    tab.get_by_role("button", name="I got it").click()
    expect(tab.locator(".alert-success, .messages")).to_contain_text(
        "the items from Kiln Studio are delivered"
    )
    tab.screenshot(path=str(tmp_path / "delivered.png"), full_page=True)
