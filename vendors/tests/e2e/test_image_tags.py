"""A vendor tags an image in the admin: the tag field suggests their own tags,
never another vendor's (vendors.admin_tags)."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import VendorFactory
from vendors.tests.e2e.wagtail_admin import vendor_image

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_vendor_tags_an_image_from_their_own_suggestions(
    live_server, page_in_browser, log_in_with_cookie, vendor, tmp_path
):
    vendor_image(vendor, "Mug side", "teal", tmp_path).tags.add("blue-glaze")
    front = vendor_image(vendor, "Mug front", "orange", tmp_path)
    bramble = VendorFactory(username="bramble")
    vendor_image(bramble, "Secret scarf", "red", tmp_path).tags.add("bramble-launch")
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(f"{live_server.url}/admin/images/{front.pk}/")
    tags = tab.locator("ul.tagit input.ui-autocomplete-input")
    tags.press_sequentially("b", delay=50)
    suggestions = tab.locator("ul.ui-autocomplete li")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_text("blue-glaze")
    suggestions.first.click()
    tab.locator("form button[type=submit]", has_text="Save").first.click()
    expect(tab.locator(".messages .success")).to_be_visible()

    assert list(front.tags.names()) == ["blue-glaze"]
