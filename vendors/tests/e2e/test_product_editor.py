"""A vendor works on a product in the Wagtail admin: pictures (main image and the
gallery), preview, drafts, revisions, scheduled publishing, stock, focal point."""

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from shop.models import Stock
from vendors.models import ProductPage
from vendors.tests.e2e.wagtail_admin import (
    choose_image,
    edit_url,
    picture_file,
    publish,
    save_draft,
    upload_image_in_chooser,
    vendor_image,
)
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS_DIR", "")


@pytest.fixture
def mug(vendor):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    return ProductPageFactory(
        store=store, title="Speckled mug", price=Decimal("18.00"), stock_quantity=4
    )


def _gallery_titles(product) -> list[str]:
    product = ProductPage.objects.get(pk=product.pk)
    return [item.image.title for item in product.gallery_images.all()]


def test_vendor_gives_a_product_a_main_image_and_a_gallery_then_reorders_it(
    live_server, page_in_browser, log_in_with_cookie, vendor, mug, tmp_path
):
    for title, color in [("Mug front", "teal"), ("Mug side", "olive")]:
        vendor_image(vendor, title, color, tmp_path)
    vendor_image(vendor, "Mug glaze", "purple", tmp_path)
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(edit_url(live_server, mug))
    choose_image(tab, "id_image", "Mug front")
    for index, title in enumerate(["Mug side", "Mug glaze"]):
        tab.click("#id_gallery_images-ADD")
        choose_image(tab, f"id_gallery_images-{index}-image", title)
        tab.fill(f"#id_gallery_images-{index}-caption", f"{title} caption")
    tab.click("#id_gallery_images-ADD")
    upload = picture_file(tmp_path, "in-hand", "orange")
    upload_image_in_chooser(tab, "id_gallery_images-2-image", "Mug in hand", upload)
    publish(tab)

    assert ProductPage.objects.get(pk=mug.pk).image.title == "Mug front"
    assert _gallery_titles(mug) == ["Mug side", "Mug glaze", "Mug in hand"]
    tab.goto(f"{live_server.url}{mug.url}")
    expect(tab.locator("#product-gallery .carousel-item img")).to_have_count(4)
    expect(tab.locator(".product-thumbnail")).to_have_count(4)
    expect(tab.locator("#product-gallery")).to_contain_text("Mug side caption")
    if SCREENSHOTS:
        tab.screenshot(path=Path(SCREENSHOTS) / "product-gallery-public.png")

    tab.goto(edit_url(live_server, mug))
    tab.click("#inline_child_gallery_images-2 [data-inline-panel-child-move-up]")
    tab.click("#id_gallery_images-0-DELETE-button")
    expect(tab.locator("#inline_child_gallery_images-0")).to_be_hidden()
    publish(tab)

    assert _gallery_titles(mug) == ["Mug in hand", "Mug glaze"]
    tab.goto(f"{live_server.url}{mug.url}")
    expect(tab.locator("#product-gallery .carousel-item img")).to_have_count(3)


def test_vendor_previews_saves_a_draft_compares_revisions_and_publishes(
    live_server, page_in_browser, log_in_with_cookie, vendor, mug
):
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(edit_url(live_server, mug))
    tab.fill("#id_title", "Speckled mug, large")
    tab.fill("#id_price", "23.45")
    tab.click("[data-side-panel-toggle=preview]")
    preview = tab.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Speckled mug, large")
    expect(preview.locator(".product-price")).to_contain_text("23.45")
    save_draft(tab)

    draft = ProductPage.objects.get(pk=mug.pk)
    assert draft.has_unpublished_changes
    assert draft.price == Decimal("18.00")
    assert draft.get_latest_revision_as_object().price == Decimal("23.45")
    tab.goto(f"{live_server.url}{mug.url}")
    expect(tab.locator(".product-price")).to_contain_text("18.00")

    tab.goto(f"{live_server.url}/admin/pages/{mug.pk}/history/")
    draft_row = tab.locator("tbody tr").filter(has_text="Draft saved")
    draft_row.locator("[data-w-dropdown-target=toggle]").click()
    tab.get_by_role("link", name="Compare with previous version").click()
    expect(tab.locator("main")).to_contain_text("23.45")
    expect(tab.locator("main")).to_contain_text("Speckled mug, large")

    tab.goto(edit_url(live_server, mug))
    publish(tab)
    assert ProductPage.objects.get(pk=mug.pk).price == Decimal("23.45")


def test_vendor_schedules_a_change_with_the_date_picker(
    live_server, page_in_browser, log_in_with_cookie, vendor, mug
):
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(edit_url(live_server, mug))
    tab.fill("#id_price", "21.00")
    tab.click("[data-side-panel-toggle=status]")
    tab.click("[data-a11y-dialog-show=schedule-publishing-dialog]")
    dialog = tab.locator("#schedule-publishing-dialog")
    dialog.locator("#id_go_live_at").click()
    picker = tab.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_next").first.click()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    expect(dialog.locator("#id_go_live_at")).to_have_value(
        re.compile(r"^\d{4}-\d{2}-15 \d{2}:\d{2}$")
    )
    # The picker stays open for the time; a click beside it closes it.
    dialog.locator(".w-dialog__subtitle").click()
    expect(picker).to_have_count(0)
    dialog.locator("button.action-save").click()
    expect(tab.locator(".messages .success")).to_be_visible()
    publish(tab)

    product = ProductPage.objects.get(pk=mug.pk)
    scheduled = product.scheduled_revision
    assert scheduled is not None
    go_live = timezone.localtime(scheduled.approved_go_live_at)
    assert go_live.day == 15
    assert go_live > timezone.now()
    assert product.price == Decimal("18.00")
    tab.goto(f"{live_server.url}{mug.url}")
    expect(tab.locator(".product-price")).to_contain_text("18.00")


def test_vendor_changes_stock_from_the_product_editor(
    live_server, page_in_browser, log_in_with_cookie, vendor, mug
):
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(edit_url(live_server, mug))
    tab.get_by_role("link", name="Change stock").click()
    tab.fill("input[name=quantity]", "2")
    tab.click("main form button[type=submit]")
    expect(tab.locator(".messages .success")).to_contain_text("is now 2")

    assert Stock.objects.get(product=mug).quantity == 2
    tab.goto(f"{live_server.url}{mug.url}")
    expect(tab.locator(".availability")).to_contain_text("Only 2 left")


def test_vendor_sets_an_images_focal_point_in_the_image_editor(
    live_server, page_in_browser, log_in_with_cookie, vendor, tmp_path
):
    image = vendor_image(vendor, "Mug front", "teal", tmp_path)
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(f"{live_server.url}/admin/images/")
    tab.get_by_role("link", name="Mug front").first.click()
    picture = tab.locator(".focal-point-chooser .jcrop-holder")
    expect(picture).to_be_visible()
    box = picture.bounding_box()
    tab.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    tab.mouse.down()
    tab.mouse.move(
        box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.9, steps=8
    )
    tab.mouse.up()
    expect(tab.locator("input[name=focal_point_x]")).not_to_have_value("")
    tab.locator("form button[type=submit]", has_text="Save").first.click()
    expect(tab.locator(".messages .success")).to_be_visible()

    image.refresh_from_db()
    assert image.focal_point_x is not None
    assert image.focal_point_width > 0
    assert image.focal_point_x > image.width // 2
