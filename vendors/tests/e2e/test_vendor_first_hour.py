"""A new vendor signs up from "Become a vendor" and follows the admin's checklist."""

import pytest

from accounts.models import User
from accounts.tests.mail import confirmation_path
from vendors.models import StorePage

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_become_a_vendor_signs_up_as_vendor_and_lands_on_the_checklist(
    live_server, page_in_browser, browser_problems, store_index
):
    # The public site has no favicon yet (templates/base.html links none).
    browser_problems.expect_response(404, "/favicon.ico")
    tab = page_in_browser

    tab.goto(f"{live_server.url}/")
    tab.click("footer [data-become-vendor-footer]")
    tab.wait_for_url("**/accounts/signup/?role=vendor")
    assert tab.is_checked("input[name=role][value=vendor]")
    tab.fill("input[name=username]", "newpotter")
    tab.fill("input[name=email]", "newpotter@example.com")
    tab.fill("input[name=password1]", "a-Strong-passphrase-42")
    tab.fill("input[name=password2]", "a-Strong-passphrase-42")
    tab.click("main form button[type=submit]")
    # Sign-up does not say whether the address was taken: the new vendor
    # confirms it, and the link signs them in (accounts.registration).
    tab.wait_for_url(f"{live_server.url}/accounts/confirm-email/")
    tab.goto(live_server.url + confirmation_path("newpotter@example.com"))
    tab.click("main form button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")

    checklist = tab.locator("[data-vendor-setup]")
    assert "0 of 4 done" in checklist.inner_text()
    assert User.objects.get(username="newpotter").role == User.Role.VENDOR

    checklist.get_by_role("link", name="Open a store").first.click()
    tab.fill("input[name=title]", "Wheel and Kiln")
    tab.click("main form button[type=submit]")
    tab.wait_for_selector(".messages .success")
    store = StorePage.objects.get(title="Wheel and Kiln")
    assert tab.url == f"{live_server.url}/admin/pages/{store.pk}/edit/"

    tab.goto(f"{live_server.url}/admin/")
    checklist = tab.locator("[data-vendor-setup]")
    assert "1 of 4 done" in checklist.inner_text()
    checklist.get_by_role("link", name="Add a product").click()
    tab.wait_for_url(
        f"{live_server.url}/admin/pages/add/vendors/productpage/{store.pk}/"
    )
