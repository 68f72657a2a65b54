"""A vendor answers a review from the admin's review inbox, in Chromium."""

import pytest

from accounts.tests.factories import VendorFactory
from reviews.models import ReviewReply
from reviews.tests.factories import ReviewFactory
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_vendor_replies_from_the_inbox_and_the_product_page_shows_it(
    live_server, page_in_browser, log_in_with_cookie, vendor, product
):
    ReviewFactory(product=product, comment="Older question about the glaze")
    review = ReviewFactory(product=product, comment="Is it dishwasher safe?")
    other = ProductPageFactory(
        store=StorePageFactory(vendor=VendorFactory(), title="Elsewhere"),
        title="Someone else's teapot",
    )
    ReviewFactory(product=other, comment="Not for this vendor")
    tab = page_in_browser
    log_in_with_cookie(vendor)
    tab.goto(f"{live_server.url}/admin/")

    dashboard = tab.inner_text(".w-dashboard")
    tab.get_by_role("link", name="Reply in the review inbox").click()
    inbox = tab.inner_text("main")
    card = tab.locator("section", has_text="Is it dishwasher safe?")
    card.get_by_label("Your reply").fill("Yes, up to 60 °C.")
    card.get_by_role("button", name="Reply").click()
    tab.wait_for_selector(".messages .success")
    after = tab.inner_text("main")
    tab.goto(f"{live_server.url}{product.url}")

    assert "Reviews waiting for your reply (2)" in dashboard
    assert inbox.index("Is it dishwasher safe?") < inbox.index("Older question")
    assert "Not for this vendor" not in inbox
    assert "Is it dishwasher safe?" not in after and "Older question" in after
    assert ReviewReply.objects.get(review=review).text == "Yes, up to 60 °C."
    assert "Yes, up to 60 °C." in tab.inner_text("main")


def test_a_blank_reply_comes_back_on_the_reply_screen_with_the_reason(
    live_server, page_in_browser, browser_problems, log_in_with_cookie, vendor, product
):
    review = ReviewFactory(product=product, comment="Arrived chipped")
    browser_problems.expect_response(400, f"/admin/review-inbox/{review.pk}/reply/")
    tab = page_in_browser
    log_in_with_cookie(vendor)
    tab.goto(f"{live_server.url}/admin/")

    tab.get_by_role("link", name="Review inbox", exact=True).click()
    tab.get_by_label("Your reply").fill("   ")
    tab.get_by_role("button", name="Reply").click()
    tab.wait_for_url(f"**/admin/review-inbox/{review.pk}/reply/")
    refused = tab.inner_text("main")
    tab.get_by_label("Your reply").fill("Sorry! A new one is on its way.")
    tab.get_by_role("button", name="Reply").click()
    tab.wait_for_selector(".messages .success")

    assert "This field is required." in refused and "Arrived chipped" in refused
    assert tab.url == f"{live_server.url}/admin/review-inbox/"
    assert ReviewReply.objects.get(review=review).text == (
        "Sorry! A new one is on its way."
    )
