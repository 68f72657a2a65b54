"""A buyer types three letters in the header's search box, sees suggestions,
picks one with the keyboard and lands on the product page; axe finds no serious
accessibility problem in the open combobox. The shared `page_in_browser`
fixture fails the test on any console error, failed request or CSP violation."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def _axe_serious(tab) -> list[str]:
    """axe-core's serious and critical violations on the page. axe is loaded
    with evaluate(), which is not page script: add_script_tag() would insert an
    inline script, which the site's CSP (script-src 'self') rightly blocks."""
    tab.evaluate(AXE.read_text())
    result = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
    )
    return result


def test_a_buyer_picks_a_suggestion_with_the_keyboard(live_server, page_in_browser):
    store = StorePageFactory(title="Kiln Studio")
    ProductPageFactory(store=store, title="Speckled stoneware mug")
    bowl = ProductPageFactory(store=store, title="Speckled bowl")
    ProductPageFactory(store=store, title="Green teapot")
    tab = page_in_browser
    tab.goto(f"{live_server.url}/")
    box = tab.get_by_role("combobox", name="Search stores and products")

    box.press_sequentially("spe", delay=60)
    listbox = tab.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(tab.locator("[data-suggest-status]")).to_have_text(
        "2 suggestions. Use the up and down arrows to choose."
    )
    names = listbox.get_by_role("option").all_inner_texts()
    expanded = box.get_attribute("aria-expanded")
    serious = _axe_serious(tab)
    for _ in range(next(i for i, name in enumerate(names) if "bowl" in name) + 1):
        box.press("ArrowDown")
    chosen = tab.get_by_role("option", selected=True)
    expect(chosen).to_contain_text("Speckled bowl")
    active = box.get_attribute("aria-activedescendant")
    chosen_id = chosen.get_attribute("id")
    box.press("Enter")
    tab.wait_for_url(f"{live_server.url}{bowl.url}")

    assert expanded == "true"
    assert len(names) == 2 and all("Speckled" in name for name in names)
    assert active and active == chosen_id
    assert serious == []
    assert tab.get_by_role("heading", level=1).inner_text() == "Speckled bowl"


def test_escape_closes_the_list_and_enter_then_searches(live_server, page_in_browser):
    store = StorePageFactory(title="Kiln Studio")
    ProductPageFactory(store=store, title="Speckled stoneware mug")
    tab = page_in_browser
    tab.goto(f"{live_server.url}/")
    box = tab.get_by_role("combobox", name="Search stores and products")

    box.press_sequentially("spec", delay=60)
    listbox = tab.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    collapsed = box.get_attribute("aria-expanded")
    box.press("Enter")
    tab.wait_for_url(f"{live_server.url}/search/?q=spec")

    assert collapsed == "false"
    assert "Speckled stoneware mug" in tab.inner_text("main")
