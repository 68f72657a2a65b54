"""A guest saves products from the catalogue's cards, signs in (the list merges),
watches a price from the wishlist, shares the list; a friend opens the link and
puts everything in their own cart; the owner stops sharing and the link is gone.
The shared `page_in_browser` fixture fails the test on any console error, failed
request or CSP violation (the 404 at the end is asked for with a request)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from shop.models import CartItem
from vendors.tests.factories import ProductPageFactory, StorePageFactory
from wishlists.models import Wishlist

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def products(vendor, store_index):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    return [
        ProductPageFactory(store=store, title="Speckled mug", price=Decimal("18.00")),
        ProductPageFactory(store=store, title="Plain bowl", price=Decimal("12.00")),
    ]


def test_save_merge_share_and_revoke(
    live_server, page_in_browser, browser, products, tmp_path
):
    mug, bowl = products
    owner = UserFactory(first_name="Ada", email="ada@example.com")
    tab = page_in_browser

    # A guest saves both from the catalogue: no reload, the hearts fill in.
    tab.goto(f"{live_server.url}/catalogue/")
    tab.wait_for_selector("html[data-session-state=ready]")
    tab.evaluate("window.notReloaded = true")
    for product in products:
        heart = tab.locator(f'form[data-wishlist-product="{product.pk}"] button')
        heart.click()
        expect(heart).to_have_attribute("aria-pressed", "true")
    assert tab.evaluate("window.notReloaded") is True
    # Un-saving works the same way; save it again.
    heart = tab.locator(f'form[data-wishlist-product="{bowl.pk}"] button')
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "false")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")

    # Signing in merges the guest's list into the account's.
    tab.goto(f"{live_server.url}/accounts/login/?next=/wishlist/")
    tab.fill("input[name=login]", owner.username)
    tab.fill("input[name=password]", TEST_PASSWORD)
    tab.click("main form button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/wishlist/")
    expect(tab.locator("[data-wishlist-item]")).to_have_count(2)
    expect(tab.locator(f'[data-wishlist-item="{mug.pk}"]')).to_contain_text("$18.00")

    # Watch a price from the list.
    tab.locator(f'[data-wishlist-item="{mug.pk}"]').get_by_role(
        "button", name="Tell me if it drops"
    ).click()
    expect(tab.locator(".alert-success, [role=alert]").first).to_contain_text(
        "We will tell you when the price of “Speckled mug” drops."
    )

    # Share it.
    tab.get_by_role("button", name="Make a share link").click()
    share_url = tab.locator("[data-share-url]").input_value()
    token = Wishlist.objects.get(user=owner).share_token
    assert share_url == f"{live_server.url}/wishlist/shared/{token}/"
    tab.screenshot(path=tmp_path / "wishlist.png", full_page=True)

    # A friend opens it in another browser and fills their own cart.
    friend = UserFactory()
    context = browser.new_context()
    visit = context.new_page()
    visit.goto(f"{live_server.url}/accounts/login/?next=/")
    visit.fill("input[name=login]", friend.username)
    visit.fill("input[name=password]", TEST_PASSWORD)
    visit.click("main form button[type=submit]")
    visit.wait_for_url(f"{live_server.url}/")
    visit.goto(share_url)
    expect(visit.locator("h1")).to_have_text("Ada’s wishlist")
    assert "ada@example.com" not in visit.content()
    assert visit.locator('meta[name="robots"]').get_attribute("content") == (
        "noindex, nofollow"
    )
    expect(visit.get_by_role("button", name="Remove")).to_have_count(0)
    visit.screenshot(path=tmp_path / "shared.png", full_page=True)
    visit.get_by_role("button", name="Add all to my cart").click()
    visit.wait_for_url(re.compile(r"/cart/"))
    assert sorted(
        CartItem.objects.filter(cart__user=friend).values_list("product_id", flat=True)
    ) == sorted([mug.pk, bowl.pk])

    # The owner stops sharing: the old link is gone.
    tab.get_by_role("button", name=re.compile("Stop sharing")).click()
    expect(tab.get_by_role("button", name="Make a share link")).to_be_visible()
    assert visit.request.get(share_url).status == 404
    context.close()

    # And removes one.
    tab.locator(f'[data-wishlist-item="{bowl.pk}"]').get_by_role(
        "button", name="Remove"
    ).click()
    expect(tab.locator("[data-wishlist-item]")).to_have_count(1)

    # The alert made above is on the alerts page, and can be cancelled there.
    tab.goto(f"{live_server.url}/alerts/")
    expect(tab.locator("[data-alert]")).to_contain_text("Speckled mug")
    tab.get_by_role("button", name="Cancel").click()
    expect(tab.locator("[data-alert-status]")).to_contain_text("Cancelled")
