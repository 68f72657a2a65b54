"""A vendor (or an admin for them) dresses a store in the Wagtail admin: logo and
banner through the image chooser, every block type of the store body, publish."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from vendors.models import StorePage
from vendors.tests.e2e.wagtail_admin import (
    add_block,
    choose_image,
    choose_page,
    edit_url,
    picture_file,
    publish,
    upload_image_in_chooser,
    vendor_image,
)
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Set to a folder to keep screenshots of what the tests looked at.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS_DIR", "")


@pytest.mark.parametrize("editor", ["vendor", "admin_user"])
def test_logo_and_banner_chosen_every_body_block_used_and_published(
    live_server, page_in_browser, log_in_through_form, vendor, tmp_path, editor, request
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    vendor_image(vendor, "Kiln logo", "teal", tmp_path)
    vendor_image(vendor, "Workshop bench", "sienna", tmp_path)
    tab = page_in_browser
    log_in_through_form(request.getfixturevalue(editor))

    tab.goto(edit_url(live_server, store))
    choose_image(tab, "id_logo", "Kiln logo", search="logo")
    banner_file = picture_file(tmp_path, "banner", "navy")
    upload_image_in_chooser(tab, "id_banner", "Kiln banner", banner_file)

    add_block(tab, "Heading")
    tab.fill("#body-0-value", "Made by hand in Leith")
    add_block(tab, "Paragraph")
    tab.locator(".public-DraftEditor-content").last.click()
    tab.keyboard.type("Every piece is thrown on the wheel.")
    add_block(tab, "Image")
    choose_image(tab, "body-2-value-image", "Workshop bench")
    tab.fill("#body-2-value-caption", "The bench")
    add_block(tab, "Quote")
    tab.fill("#body-3-value-text", "The best mug I own.")
    tab.fill("#body-3-value-attribution", "A customer")
    add_block(tab, "Call to action")
    tab.fill("#body-4-value-title", "Our bestseller")
    tab.fill("#body-4-value-link_label", "See the mug")
    choose_page(
        tab,
        "body-4-value-link_page",
        ["Home", "Stores", "Kiln Studio", "Speckled mug"],
    )
    add_block(tab, "Gallery")
    tab.fill("#body-5-value-heading", "In the studio")
    choose_image(tab, "body-5-value-images-0-value-image", "Workshop bench")
    if SCREENSHOTS:
        tab.locator("#id_logo-chooser").scroll_into_view_if_needed()
        tab.screenshot(path=Path(SCREENSHOTS) / "store-editor-logo-banner.png")
    publish(tab)

    store = StorePage.objects.get(pk=store.pk)
    assert store.logo.title == "Kiln logo"
    assert store.banner.title == "Kiln banner"
    if editor == "vendor":
        assert store.banner.collection == vendor.workspace.collection
    assert [block.block_type for block in store.body] == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "call_to_action",
        "gallery",
    ]
    assert store.body[4].value["link_page"].pk == product.pk
    assert store.body[5].value["images"][0]["image"].title == "Workshop bench"

    tab.goto(f"{live_server.url}{store.url}")
    expect(tab.locator("img.store-logo")).to_be_visible()
    expect(tab.locator(".store-banner img")).to_be_visible()
    main = tab.locator("main")
    expect(main).to_contain_text("Made by hand in Leith")
    expect(main).to_contain_text("Every piece is thrown on the wheel.")
    expect(main).to_contain_text("The best mug I own.")
    expect(main).to_contain_text("In the studio")
    expect(tab.get_by_role("link", name="See the mug")).to_have_attribute(
        "href", product.url
    )
