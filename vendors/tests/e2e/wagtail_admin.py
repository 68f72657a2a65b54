"""Driving Wagtail 8's page editor in Playwright, the way an editor clicks it.

Selectors come from Wagtail's own templates (chooser widgets, chooser modals,
StreamField's block picker, the action menu), not from positions or styling.
"""

from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.images import get_image_model

from vendors.access import vendor_workspace_ensure

CHOOSER_CLICKS = 3
CHOOSER_WAIT_MS = 5_000


def picture_file(directory: Path, name: str, color: str) -> Path:
    """A small PNG of one colour: each test upload gets different bytes, so
    Wagtail does not ask whether it is a duplicate."""
    path = directory / f"{name}.png"
    Image.new("RGB", (160, 120), color).save(path)
    return path


def vendor_image(vendor, title: str, color: str, directory: Path):
    """An image in the vendor's own collection, as if they had uploaded it."""
    collection = vendor_workspace_ensure(vendor=vendor).collection
    path = picture_file(directory, title.replace(" ", "-").lower(), color)
    with path.open("rb") as handle:
        return get_image_model().objects.create(
            title=title, collection=collection, file=ImageFile(handle, name=path.name)
        )


def edit_url(live_server, page) -> str:
    return f"{live_server.url}/admin/pages/{page.pk}/edit/"


def open_chooser(tab: Page, field_id: str) -> Locator:
    """Click the chooser widget of `field_id` and return its modal.

    A block added a moment ago may not have wired its chooser yet (seen on a
    loaded machine: the click went nowhere), so a click that opens nothing
    within a few seconds is made again, as an editor would."""
    widget = tab.locator(f"#{field_id}-chooser")
    modal = tab.locator(".modal-dialog")
    for attempt in range(CHOOSER_CLICKS):
        if "blank" in (widget.get_attribute("class") or ""):
            widget.locator(".unchosen [data-chooser-action-choose]").click()
        else:
            widget.locator(".w-dropdown__toggle").click()
            widget.locator(".w-dropdown__content [data-chooser-action-choose]").click()
        try:
            modal.wait_for(state="visible", timeout=CHOOSER_WAIT_MS)
            break
        except PlaywrightTimeoutError:
            # A modal on its way (a slow answer) is waited for, not doubled.
            if modal.count() or attempt == CHOOSER_CLICKS - 1:
                break
    expect(modal).to_be_visible()
    return modal


def expect_modal_closed(tab: Page) -> None:
    expect(tab.locator(".modal-dialog")).to_have_count(0)


def choose_image(tab: Page, field_id: str, title: str, *, search: str = "") -> None:
    """Choose an image in the chooser modal, searching for it first if told."""
    modal = open_chooser(tab, field_id)
    choices = modal.locator("a[data-chooser-modal-choice]")
    if search:
        modal.locator("input[name=q]").fill(search)
        expect(choices).to_have_count(1)
    # Admins see "collection » title".
    choice = choices.filter(has_text=title)
    expect(choice).to_have_count(1)
    choice.click()
    expect_modal_closed(tab)
    expect(tab.locator(f"#{field_id}-title")).to_have_text(title)


def upload_image_in_chooser(tab: Page, field_id: str, title: str, path: Path):
    """Upload a new image from the chooser's Upload tab; it becomes the choice."""
    modal = open_chooser(tab, field_id)
    modal.locator("#tab-label-upload").click()
    form = modal.locator("form[data-chooser-modal-creation-form]")
    form.locator("input[name=image-chooser-upload-file]").set_input_files(path)
    title_input = form.locator("input[name=image-chooser-upload-title]")
    # Wagtail's sync controller fills an empty title from the file name after the
    # file input's event; wait for it, or it may write into our text half-way.
    expect(title_input).not_to_have_value("")
    title_input.fill(title)
    form.locator("button[type=submit]").click()
    expect_modal_closed(tab)
    expect(tab.locator(f"#{field_id}-title")).to_have_text(title)


def choose_page(tab: Page, field_id: str, path: list[str]) -> None:
    """Walk the page chooser down `path` (titles) and choose the last page."""
    modal = open_chooser(tab, field_id)
    *parents, target = path
    for title in parents:
        _child_row(modal, title).locator("a.navigate-pages").click()
        expect(modal.locator("tr.parent-page")).to_contain_text(title)
    _child_row(modal, target).locator("a.choose-page").click()
    expect_modal_closed(tab)
    expect(tab.locator(f"#{field_id}-title")).to_have_text(target)


def _child_row(modal: Locator, title: str) -> Locator:
    rows = modal.locator("tbody tr:not(.parent-page)")
    row = rows.filter(has=modal.page.get_by_text(title, exact=True))
    expect(row).to_have_count(1)
    return row


def add_block(tab: Page, label: str) -> None:
    """Append a StreamField block of the type `label` at the end of the stream."""
    tab.locator("button.c-sf-add-button").last.click()
    tab.locator(".w-combobox__option", has_text=label).first.click()


def publish(tab: Page) -> None:
    tab.click(".w-dropdown-button [data-w-dropdown-target=toggle]")
    tab.click("button[name=action-publish]")
    expect(tab.locator(".messages .success")).to_be_visible()


def save_draft(tab: Page) -> None:
    tab.click("footer button.action-save")
    expect(tab.locator(".messages .success")).to_be_visible()
